import type { Forecast, Period } from '@mpt/shared';
import type { ChartWords } from '../../components/WeekChart';
import { t } from '../../i18n';
import { periodLabel, periodName, shortDate } from '../../i18n/format';
import type { Metric } from './summarize';

/** "12 models" / "12 очков": an amount of the metric, plural forms from the dictionary. */
export const amountText = (metric: Metric, count: number): string =>
  t(metric === 'points' ? 'common.points' : 'common.models', { count });

/** "7 months" / «7 месяцев» (as after "in about" / «через»). */
export const durationText = (f: Forecast): string =>
  t(`activity.duration.${f.unit}`, { count: f.count });

/** The pile's change in the current period, worded plainly and kindly. */
export function balanceText(metric: Metric, period: Period, change: number): string {
  const when = t(`activity.when.${period}`);
  if (change === 0) return t('activity.balance.same', { when });
  const amount = amountText(metric, Math.abs(change));
  return t(change < 0 ? 'activity.balance.shrank' : 'activity.balance.grew', { amount, when });
}

/** How the chart names a period and speaks a bar (finished and bought). */
export function chartWords(metric: Metric, period: Period): ChartWords {
  return {
    label: (d) => periodLabel(d, period),
    name: (d) =>
      period === 'week' ? t('activity.weekOf', { date: shortDate(d) }) : periodName(d, period),
    title: (summary) => t(`activity.chartLabels.${period}`, { summary }),
    value: (b) =>
      t('activity.barValue', {
        finished: amountText(metric, b.count),
        bought: amountText(metric, b.bought ?? 0),
      }),
  };
}
