import { t } from '../../i18n';
import { SyncSettings } from './sync/SyncSettings';

/**
 * The place for device sync settings (SPEC §6): server URL, token, "Sync now", last
 * sync, pending local changes, conflicts — filled by ./sync/SyncSettings.
 */
export function SyncSection() {
  return (
    <section
      class="card"
      aria-labelledby="sync-title"
      id="sync-settings"
      data-testid="sync-settings"
    >
      <h2 id="sync-title">{t('settings.sync.title')}</h2>
      <SyncSettings />
    </section>
  );
}
