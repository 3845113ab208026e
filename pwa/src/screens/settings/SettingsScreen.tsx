import { t } from '../../i18n';
import { BackupSection } from './BackupSection';
import { LanguageSection } from './LanguageSection';
import { RestoreSection } from './RestoreSection';
import { StorageSection } from './StorageSection';
import { SyncSection } from './SyncSection';

/** Settings: language, sync, backup (export/import), restore points, storage. */
export function SettingsScreen() {
  return (
    <div class="settings">
      <h1>{t('settings.title')}</h1>
      <LanguageSection />
      <SyncSection />
      <BackupSection />
      <RestoreSection />
      <StorageSection />
    </div>
  );
}
