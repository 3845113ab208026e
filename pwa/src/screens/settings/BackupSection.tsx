import {
  dataFileToState,
  type ErrorCode,
  type ErrorDetails,
  type ImportReport,
  parseDataFileText,
  type TrackerState,
} from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { exportDataFile, exportFileName } from '../../db/export';
import { mergeIntoLocal } from '../../db/merge';
import { getMeta, META } from '../../db/meta';
import { toDomainError } from '../../db/storage-error';
import { errorText, t } from '../../i18n';
import { absoluteTime, relativeTime } from '../../i18n/format';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';
import { backupHint } from './backup-hint';
import { ImportReportView } from './ImportReportView';

type Phase =
  | { name: 'idle' }
  | { name: 'reading' }
  | { name: 'review'; file: string; incoming: TrackerState; report: ImportReport }
  | { name: 'done'; report: ImportReport }
  | { name: 'failed'; code: ErrorCode; details: ErrorDetails };

/** Saves a data file through a temporary link (works offline, no server involved). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export, import with a dry-run report before confirming, and the last-backup hint. */
export function BackupSection() {
  const { db, state } = useApp();
  const id = useId();
  const phase = useSignal<Phase>({ name: 'idle' });
  const exported = useSignal('');
  const lastExport = useLiveQuery(() => getMeta<string | null>(db, META.lastExportAt, null), []);
  const hint =
    lastExport === undefined
      ? null
      : backupHint(lastExport, (state.types.value?.length ?? 0) > 0, Date.now());

  const doExport = async () => {
    try {
      const now = new Date();
      const file = await exportDataFile(db, now);
      const name = exportFileName(now);
      download(name, JSON.stringify(file, null, 2));
      exported.value = name;
    } catch (error) {
      const e = toDomainError(error);
      phase.value = { name: 'failed', code: e.code, details: e.details };
    }
  };

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    phase.value = { name: 'reading' };
    try {
      const parsed = parseDataFileText(await file.text());
      const stateResult = parsed.ok ? dataFileToState(parsed.value) : parsed;
      if (!stateResult.ok) {
        phase.value = { name: 'failed', code: stateResult.code, details: stateResult.details };
        return;
      }
      const report = await mergeIntoLocal(db, stateResult.value, {
        dryRun: true,
        reason: 'import',
      });
      phase.value = { name: 'review', file: file.name, incoming: stateResult.value, report };
    } catch (error) {
      const e = toDomainError(error);
      phase.value = { name: 'failed', code: e.code, details: e.details };
    }
  };

  const confirm = async (incoming: TrackerState) => {
    try {
      const report = await mergeIntoLocal(db, incoming, { dryRun: false, reason: 'import' });
      phase.value = { name: 'done', report };
    } catch (error) {
      const e = toDomainError(error);
      phase.value = { name: 'failed', code: e.code, details: e.details };
    }
  };

  const p = phase.value;
  const changed =
    p.name === 'done' &&
    (p.report.events_added > 0 || p.report.types_created > 0 || p.report.types_merged > 0);
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.backup.title')}</h2>
      {hint && (
        <p class={hint === 'last' ? 'muted' : 'hint'} data-testid="backup-hint">
          {hint === 'never' && t('settings.backup.never')}
          {hint === 'old' && t('settings.backup.old', { ago: relativeTime(lastExport!) })}
          {hint === 'last' && t('settings.backup.last', { date: absoluteTime(lastExport!) })}
        </p>
      )}
      <p class="muted">{t('settings.backup.exportHint')}</p>
      <button type="button" class="btn btn-primary" onClick={doExport}>
        {t('settings.backup.export')}
      </button>
      {exported.value && (
        <p role="status" class="ok">
          {t('settings.backup.exported', { file: exported.value })}
        </p>
      )}
      <div class="import-field">
        <p class="muted">{t('settings.backup.importHint')}</p>
        {/* The native file button would speak the browser's language: a labelled button
            wraps the (visually hidden) input instead. */}
        <label class="btn file-btn">
          {t('settings.backup.import')}
          <input
            class="sr-only"
            type="file"
            accept=".json,application/json"
            onChange={(e) => void pick(e.currentTarget)}
          />
        </label>
      </div>
      {p.name === 'reading' && <p role="status">{t('settings.backup.reading')}</p>}
      {p.name === 'review' && (
        <div class="review">
          <ImportReportView report={p.report} fileName={p.file} />
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => (phase.value = { name: 'idle' })}>
              {t('common.cancel')}
            </button>
            <button type="button" class="btn btn-primary" onClick={() => void confirm(p.incoming)}>
              {t('settings.backup.confirm')}
            </button>
          </div>
        </div>
      )}
      {p.name === 'done' && (
        <p role="status" class="ok" data-testid="import-done">
          {changed ? t('settings.backup.imported') : t('settings.backup.importedNothing')}
        </p>
      )}
      {p.name === 'failed' && (
        <p role="alert" class="form-error" data-testid="import-error">
          {t('settings.backup.failed', { error: errorText(p.code, p.details) })}
        </p>
      )}
    </section>
  );
}
