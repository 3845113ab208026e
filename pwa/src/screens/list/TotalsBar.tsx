import type { ReadonlySignal } from '@preact/signals';
import { StageBar } from '../../components/StageBar';
import { t } from '../../i18n';
import { formatNumber } from '../../i18n/number';
import type { Totals } from '../../state/app-state';

/** Totals across all types: models done of all, % done, and the stacked bar. */
export function TotalsBar({
  totals,
  typeCount,
}: {
  totals: ReadonlySignal<Totals>;
  typeCount: number;
}) {
  const v = totals.value;
  return (
    <section class="totals" aria-label={t('list.totalsLabel')} data-testid="totals">
      <div class="totals-line">
        {/* One phrase, "25 of 88 done · 28%": the word "done" is said once. */}
        <strong data-testid="totals-done">
          {t('list.doneShare', {
            done: formatNumber(v.done),
            total: formatNumber(v.total),
            percent: v.percent,
          })}
        </strong>
        <span class="muted">{t('list.types', { count: typeCount })}</span>
      </div>
      <StageBar counts={v.counts} label={t('list.percentDone', { percent: v.percent })} />
    </section>
  );
}
