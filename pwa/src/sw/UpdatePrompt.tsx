import { t } from '../i18n';
import { pendingUpdate } from './update-state';

/** "A new version is ready — Reload", shown while a new service worker waits. */
export function UpdatePrompt() {
  const activate = pendingUpdate.value;
  if (!activate) return null;
  return (
    <div class="update" role="status">
      <span>{t('pwa.updateReady')}</span>
      <button type="button" class="btn btn-small" onClick={() => (pendingUpdate.value = null)}>
        {t('pwa.later')}
      </button>
      <button type="button" class="btn btn-primary btn-small" onClick={activate}>
        {t('pwa.reload')}
      </button>
    </div>
  );
}
