import {
  canonicalName,
  dataFileToState,
  type ErrorCode,
  type ErrorDetails,
  type ImportReport,
  parseDataFileText,
  showsSomething,
  type TextRepairs,
  type TrackerState,
  textRepairs,
} from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { exportDataFile, exportFileName, exportText } from '../../db/export';
import { type MergeProgress, mergeIntoLocal, mergeIntoLocalTracked } from '../../db/merge';
import { getMeta, META } from '../../db/meta';
import { toDomainError } from '../../db/storage-error';
import { t } from '../../i18n';
import { typeIndexOf } from '../../i18n/error-detail';
import { errorText } from '../../i18n/error-text';
import { absoluteTime, relativeTime } from '../../i18n/format';
import { formatNumber } from '../../i18n/number';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';
import { backupHint } from './backup-hint';
import { CsvExport } from './CsvExport';
import { useDataOutcome } from './data-outcome';
import { download } from './download';
import { ImportReportView } from './ImportReportView';
import { SavedFile } from './SavedFile';

type Phase =
  | { name: 'idle' }
  | { name: 'reading' }
  | {
      name: 'review';
      file: string;
      incoming: TrackerState;
      report: ImportReport;
      repairs: TextRepairs | null;
    }
  | { name: 'writing'; progress: MergeProgress; abort: AbortController }
  | { name: 'done'; report: ImportReport; pointKept: boolean }
  | { name: 'cancelled' }
  | { name: 'failed'; code: ErrorCode; details: ErrorDetails };

/** The progress line of an import being written. */
function progressText(p: MergeProgress): string {
  const b = 'settings.backup.';
  if (p.step === 'writing') {
    return t(`${b}stepWriting`, {
      count: p.total,
      done: formatNumber(p.done),
      total: formatNumber(p.total),
    });
  }
  if (p.step === 'reading') return t(`${b}stepReading`);
  return t(p.step === 'merging' ? `${b}stepMerging` : `${b}stepRestorePoint`);
}

/** The name of the type a JSON path points into ($.types[3]…), to say where a file is broken. */
function typeAtPath(text: string, path: unknown): { type: string } | { type_at: number } | null {
  const n = typeof path === 'string' ? typeIndexOf(path) : null;
  if (n === null) return null;
  try {
    const name = (JSON.parse(text) as { types?: { name?: unknown }[] }).types?.[n]?.name;
    // A name of only control characters or spaces names nothing (review): its place in
    // the file does, counted from 1.
    const shown = typeof name === 'string' ? canonicalName(name) : '';
    return showsSomething(shown) ? { type: shown.slice(0, 120) } : { type_at: n + 1 };
  } catch {
    return null;
  }
}

/** Export, import with a dry-run report before confirming, and the last-backup hint. */
export function BackupSection() {
  const { db, state } = useApp();
  const id = useId();
  const phase = useSignal<Phase>({ name: 'idle' });
  const announce = useDataOutcome(() => {
    const { name } = phase.peek();
    // A review was worked out against the data replaced since: it would report wrong.
    if (name === 'done' || name === 'failed' || name === 'cancelled' || name === 'review')
      phase.value = { name: 'idle' };
  });
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
      download(name, exportText(file), 'application/json');
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
      const text = await file.text();
      const parsed = parseDataFileText(text);
      // What reading replaces by itself (lone surrogates, controls): said in the report.
      const repairs = parsed.ok ? textRepairs(parsed.value) : null;
      const stateResult = parsed.ok ? dataFileToState(parsed.value) : parsed;
      if (!stateResult.ok) {
        const type = typeAtPath(text, stateResult.details.path);
        const details = type ? { ...stateResult.details, ...type } : stateResult.details;
        phase.value = { name: 'failed', code: stateResult.code, details };
        return;
      }
      const report = await mergeIntoLocal(db, stateResult.value, {
        dryRun: true,
        reason: 'import',
      });
      phase.value = {
        name: 'review',
        file: file.name,
        incoming: stateResult.value,
        report,
        repairs,
      };
    } catch (error) {
      const e = toDomainError(error);
      phase.value = { name: 'failed', code: e.code, details: e.details };
    }
  };

  // Cancel during the write aborts its one transaction: nothing at all is changed.
  const confirm = async (incoming: TrackerState) => {
    const abort = new AbortController();
    phase.value = { name: 'writing', progress: { step: 'reading' }, abort };
    try {
      const { report, pointKept } = await mergeIntoLocalTracked(db, incoming, {
        dryRun: false,
        reason: 'import',
        signal: abort.signal,
        onProgress: (progress) => {
          phase.value = { name: 'writing', progress, abort };
        },
      });
      phase.value = { name: 'done', report, pointKept };
      announce();
    } catch (error) {
      if (abort.signal.aborted) {
        phase.value = { name: 'cancelled' };
        return;
      }
      const e = toDomainError(error);
      phase.value = { name: 'failed', code: e.code, details: e.details };
    }
  };

  const p = phase.value;
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
      {exported.value && <SavedFile name={exported.value} />}
      <CsvExport />
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
            disabled={p.name === 'writing' || p.name === 'reading'}
            onChange={(e) => void pick(e.currentTarget)}
          />
        </label>
      </div>
      {p.name === 'reading' && <p role="status">{t('settings.backup.reading')}</p>}
      {p.name === 'review' && (
        <div class="review">
          <ImportReportView report={p.report} repairs={p.repairs} fileName={p.file} />
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => (phase.value = { name: 'idle' })}>
              {p.report.changed ? t('common.cancel') : t('settings.backup.close')}
            </button>
            {p.report.changed && (
              <button
                type="button"
                class="btn btn-primary"
                onClick={() => void confirm(p.incoming)}
              >
                {t('settings.backup.confirm')}
              </button>
            )}
          </div>
        </div>
      )}
      {p.name === 'writing' && (
        <div class="review">
          <p role="status" data-testid="import-progress">
            {progressText(p.progress)}
          </p>
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => p.abort.abort()}>
              {t('settings.backup.cancel')}
            </button>
          </div>
        </div>
      )}
      {p.name === 'done' && (
        <p role="status" class="ok" data-testid="import-done">
          {!p.report.changed
            ? t('settings.backup.importedNothing')
            : // An empty device keeps no restore point (restore-points.ts): not said then.
              t(p.pointKept ? 'settings.backup.imported' : 'settings.backup.importedNoPoint')}
        </p>
      )}
      {p.name === 'cancelled' && (
        <p role="status" data-testid="import-cancelled">
          {t('settings.backup.cancelled')}
        </p>
      )}
      {p.name === 'failed' && (
        <p role="alert" class="form-error" data-testid="import-error">
          {t('settings.backup.failed', { error: errorText(p.code, p.details) })}
          {typeof p.details.type === 'string' &&
            ` ${t('settings.backup.inType', { name: p.details.type })}`}
          {typeof p.details.type_at === 'number' &&
            ` ${t('settings.backup.inTypeAt', { n: p.details.type_at })}`}
        </p>
      )}
    </section>
  );
}
