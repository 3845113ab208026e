import type { Totals } from '@mpt/shared';
import { StageBar } from '../../components/StageBar';
import { t } from '../../i18n';
import { formatNumber } from '../../i18n/number';
import { type Metric, percentDone } from '../../state/list-view';

/**
 * Totals across all types in models or in points (models × points per model, SPEC §9):
 * done of all, % done, and the stacked bar.
 */
export function TotalsBar({ totals, metric }: { totals: Totals; metric: Metric }) {
  const v = totals[metric];
  const percent = percentDone(totals, metric);
  const values = { done: formatNumber(v.DONE), total: formatNumber(v.total), percent };
  return (
    <section class="totals" aria-label={t('list.totalsLabel')} data-testid="totals">
      <div class="totals-line">
        {/* One phrase, "25 of 88 done · 28%": the word "done" is said once. */}
        <strong data-testid="totals-done">
          {metric === 'models'
            ? t('list.doneShare', values)
            : t('list.doneSharePoints', { ...values, count: v.total })}
        </strong>
        <span class="muted">{t('list.types', { count: totals.types })}</span>
      </div>
      <StageBar counts={v} label={t('list.percentDone', { percent })} />
    </section>
  );
}
