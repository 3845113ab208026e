import type { ImportReport } from '@mpt/shared';
import { t } from '../../i18n';
import { formatNumber } from '../../i18n/number';

const b = 'settings.backup.';
/** Plural form by `count`, the number shown with the language's grouping as `n`. */
const counted = (key: string, count: number, extra: Record<string, unknown> = {}) =>
  t(`${b}${key}`, { count, n: formatNumber(count), ...extra });

/**
 * The dry-run report of an import, in words: what it creates and merges, the types it
 * deletes and folds by name (each by name, with the history that goes with it), and
 * the conflicts; or that the file holds nothing new.
 */
export function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  if (!report.changed) {
    return (
      <div class="report" data-testid="import-report">
        <p data-testid="report-nothing">{t(`${b}nothingNew`, { file: fileName })}</p>
      </div>
    );
  }
  return (
    <div class="report" data-testid="import-report">
      <p>
        <strong>{t(`${b}reportTitle`, { file: fileName })}</strong>
      </p>
      <ul>
        <li data-testid="report-created">{counted('created', report.types_created)}</li>
        <li data-testid="report-merged">{counted('merged', report.types_merged)}</li>
        <li data-testid="report-added">{counted('eventsAdded', report.events_added)}</li>
        <li data-testid="report-skipped">{counted('eventsSkipped', report.events_skipped)}</li>
      </ul>
      {report.types_deleted.length > 0 && (
        <>
          <p class="warn" data-testid="report-deleted">
            {counted('deletes', report.types_deleted.length)}
          </p>
          <ul class="conflicts">
            {report.types_deleted.map((d) => (
              <li key={d.id}>{counted('deleted', d.events, { type: d.name })}</li>
            ))}
          </ul>
        </>
      )}
      {report.types_folded.length > 0 && (
        <>
          <p data-testid="report-folded">{counted('folds', report.types_folded.length)}</p>
          <ul class="conflicts">
            {report.types_folded.map((f) => (
              <li key={f.id}>{counted('folded', f.events, { type: f.name, into: f.into_name })}</li>
            ))}
          </ul>
        </>
      )}
      {report.conflicts.length > 0 && (
        <>
          <p class="warn" data-testid="report-conflicts">
            {counted('conflicts', report.conflicts.length)}
          </p>
          <ul class="conflicts">
            {report.conflicts.slice(0, 50).map((c) => (
              <li key={c.event.id}>
                {t(`${b}conflict`, {
                  type: c.type_name,
                  qty: formatNumber(c.event.qty),
                  from: c.event.from_stage ? t(`stages.${c.event.from_stage}`) : '—',
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
