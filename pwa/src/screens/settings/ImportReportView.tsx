import type { ImportReport } from '@mpt/shared';
import { t } from '../../i18n';

/** The dry-run report of an import, in words, with the conflicts listed. */
export function ImportReportView({ report, fileName }: { report: ImportReport; fileName: string }) {
  const b = 'settings.backup.';
  return (
    <div class="report" data-testid="import-report">
      <p>
        <strong>{t(`${b}reportTitle`, { file: fileName })}</strong>
      </p>
      <ul>
        <li data-testid="report-created">{t(`${b}created`, { count: report.types_created })}</li>
        <li data-testid="report-merged">{t(`${b}merged`, { count: report.types_merged })}</li>
        <li data-testid="report-added">{t(`${b}eventsAdded`, { count: report.events_added })}</li>
        <li data-testid="report-skipped">
          {t(`${b}eventsSkipped`, { count: report.events_skipped })}
        </li>
      </ul>
      {report.conflicts.length > 0 && (
        <>
          <p class="warn" data-testid="report-conflicts">
            {t(`${b}conflicts`, { count: report.conflicts.length })}
          </p>
          <ul class="conflicts">
            {report.conflicts.slice(0, 50).map((c) => (
              <li key={c.event.id}>
                {t(`${b}conflict`, {
                  type: c.type_name,
                  qty: c.event.qty,
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
