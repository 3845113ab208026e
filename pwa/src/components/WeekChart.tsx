import { t } from '../i18n';
import { shortDate } from '../i18n/format';

/** One bar: the week's first day and the models finished in it. */
export interface WeekBar {
  start: Date;
  count: number;
}

/** Models finished per week as an SVG bar chart, described in words for screen readers. */
export function WeekChart({ weeks }: { weeks: readonly WeekBar[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const w = 30;
  const gap = 8;
  const h = 120;
  const width = weeks.length * (w + gap);
  const summary = weeks
    .map((wk) => `${t('activity.weekOf', { date: shortDate(wk.start) })}: ${wk.count}`)
    .join('; ');
  return (
    <svg
      class="week-chart"
      viewBox={`0 0 ${width} ${h + 36}`}
      role="img"
      aria-label={t('activity.chartLabel', { summary })}
    >
      {weeks.map((wk, i) => {
        const bh = Math.round((wk.count / max) * h);
        const x = i * (w + gap) + gap / 2;
        return (
          <g key={wk.start.toISOString()} data-testid="week-bar" data-count={wk.count}>
            <rect
              x={x}
              y={h - bh}
              width={w}
              height={Math.max(bh, 1)}
              rx={4}
              class={wk.count > 0 ? 'bar' : 'bar bar-zero'}
            />
            {wk.count > 0 && (
              <text x={x + w / 2} y={h - bh - 4} text-anchor="middle" class="bar-value">
                {wk.count}
              </text>
            )}
            {i % 2 === weeks.length % 2 && (
              <text x={x + w / 2} y={h + 24} text-anchor="middle" class="bar-label">
                {shortDate(wk.start)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
