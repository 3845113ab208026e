import type { ImportReport, TextRepair, TextRepairs } from '@mpt/shared';
import { t } from '../../i18n';
import { namesText } from '../../i18n/names-text';
import { formatNumber } from '../../i18n/number';

const b = 'settings.backup.';
/** Plural form by `count`, the number shown with the language's grouping as `n`. */
const counted = (key: string, count: number, extra: Record<string, unknown> = {}) =>
  t(`${b}${key}`, { count, n: formatNumber(count), ...extra });

/**
 * One kind of text the reading replaced: "… in 6 names or notes (types Banner �, Tau �,
 * and 4 more)." Nothing when there was none.
 */
function RepairLine({ kind, repair }: { kind: keyof TextRepairs; repair: TextRepair }) {
  if (repair.fields === 0) return null;
  return (
    <p class="warn" data-testid={`report-${kind}`}>
      {t(`${b}ofTypes`, {
        count: repair.types.length,
        what: counted(kind, repair.fields),
        types: namesText(repair.types.map((name) => t('common.quoted', { name }))),
      })}
    </p>
  );
}

/**
 * The dry-run report of an import, in words: what it creates and merges, the types it
 * deletes and folds by name (each by name, with the history that goes with it), the
 * conflicts, and the names and notes whose characters reading replaced (`repairs`,
 * shared's textRepairs: unreadable ones by “�”, control characters by spaces, with the
 * first few types); or that the file holds nothing new.
 */
export function ImportReportView({
  report,
  repairs = null,
  fileName,
}: {
  report: ImportReport;
  repairs?: TextRepairs | null;
  fileName: string;
}) {
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
        {/* A line that would say 0 says nothing (review: "merges 0 types"). */}
        {report.types_created > 0 && (
          <li data-testid="report-created">{counted('created', report.types_created)}</li>
        )}
        {report.types_merged > 0 && (
          <li data-testid="report-merged">{counted('merged', report.types_merged)}</li>
        )}
        {report.events_added > 0 && (
          <li data-testid="report-added">{counted('eventsAdded', report.events_added)}</li>
        )}
        {report.events_skipped > 0 && (
          <li data-testid="report-skipped">{counted('eventsSkipped', report.events_skipped)}</li>
        )}
      </ul>
      {repairs && <RepairLine kind="unreadable" repair={repairs.unreadable} />}
      {repairs && <RepairLine kind="control" repair={repairs.control} />}
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
