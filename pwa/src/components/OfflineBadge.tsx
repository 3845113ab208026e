import { t } from '../i18n';
import { online } from '../state/online';

/** A small badge while the browser reports no network; the app keeps working. */
export function OfflineBadge() {
  if (online.value) return null;
  return (
    <span
      class="badge badge-offline"
      role="status"
      title={t('pwa.offlineLabel')}
      aria-label={t('pwa.offlineLabel')}
    >
      {t('pwa.offline')}
    </span>
  );
}
