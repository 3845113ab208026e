import { t } from '../../i18n';
import { SyncSettings } from './sync/SyncSettings';

/**
 * PLACE FOR DEVICE SYNC SETTINGS (SPEC §6): server URL, token, "Sync now", last sync,
 * pending local changes, conflicts. The sync work fills this section from
 * pwa/src/sync/; until then it says that data stays on this device.
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
