import { useSignal } from '@preact/signals';
import { language, t } from '../../i18n';
import { useApp } from '../../state/context';
import { download } from './download';
import { SavedFile } from './SavedFile';

/**
 * "Export CSV for spreadsheets": the live types as the list shows them (A–Z), one row
 * each, in the app's language (csv-export.ts; loaded on the first press, so papaparse
 * costs nothing until then). Not a backup: nothing is recorded as an export.
 */
export function CsvExport() {
  const { state } = useApp();
  const result = useSignal<{ saved: string } | 'failed' | null>(null);

  const doExport = async () => {
    try {
      const csv = await import('./csv-export');
      const types = state.entries.value.map((e) => e.type);
      const name = csv.csvFileName(new Date());
      const text = csv.toCsv(csv.csvHeader(t), csv.csvRows(types), language.value);
      download(name, text, 'text/csv;charset=utf-8');
      result.value = { saved: name };
    } catch {
      result.value = 'failed'; // the chunk could not load (an update half-way): reload helps
    }
  };

  const r = result.value;
  return (
    <div class="import-field">
      <p class="muted">{t('settings.csv.exportHint')}</p>
      <button
        type="button"
        class="btn"
        disabled={state.types.value === null}
        onClick={() => void doExport()}
      >
        {t('settings.csv.export')}
      </button>
      {r !== null && r !== 'failed' && <SavedFile name={r.saved} testId="csv-exported" />}
      {r === 'failed' && (
        <p role="alert" class="form-error">
          {t('settings.csv.failed')}
        </p>
      )}
    </div>
  );
}
