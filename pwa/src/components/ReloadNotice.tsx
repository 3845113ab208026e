import { t } from '../i18n';

/** Blocks the screen when another tab upgraded the database: this tab must reload. */
export function ReloadNotice({ onReload = () => location.reload() }: { onReload?: () => void }) {
  return (
    <div class="dialog-backdrop">
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="reload-needed">
        <p id="reload-needed">{t('app.reloadNeeded')}</p>
        <div class="dialog-actions">
          <button type="button" class="btn btn-primary" onClick={onReload}>
            {t('app.reload')}
          </button>
        </div>
      </div>
    </div>
  );
}
