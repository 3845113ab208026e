import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { formatNumber, shortDate } from '../i18n/format';

/** One bar: the period's first day, what was finished in it and, optionally, bought. */
export interface WeekBar {
  start: Date;
  count: number;
  bought?: number;
}

/** How a chart of periods other than weeks names them (labels and the spoken summary). */
export interface ChartWords {
  label: (start: Date) => string;
  name: (start: Date) => string;
  /** The whole chart for screen readers, given the periods' summary. */
  title: (summary: string) => string;
  /** A period's spoken value: "3 finished, 5 bought". */
  value: (bar: WeekBar) => string;
}

const weekWords = (): ChartWords => ({
  label: shortDate,
  name: (d) => t('activity.weekOf', { date: shortDate(d) }),
  title: (summary) => t('activity.chartLabel', { summary }),
  value: (b) => formatNumber(b.count),
});

/** Drawing sizes in CSS px: the chart is drawn 1:1 at its measured width, text never scales. */
const TOP = 24; // room above the tallest bar for its number
const BARS_H = 120;
const HEIGHT = TOP + BARS_H + 34; // the date labels below the bars
const FALLBACK_WIDTH = 456; // before the first measurement (and in tests without layout)
const CHAR_W = 8.5; // a generous width of one character of a 14 px label
const LABEL_GAP = 8;

/** The chart's own width in px, kept current as its card resizes. */
function useWidth(ref: { current: Element | null }): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width > 0 ? width : FALLBACK_WIDTH;
}

/**
 * What was finished per period (weeks unless `words` say otherwise) as an SVG bar
 * chart, with what was bought beside it as a slimmer, paler bar when bars carry it;
 * described in words for screen readers.
 */
export function WeekChart({ weeks, words }: { weeks: readonly WeekBar[]; words?: ChartWords }) {
  const ref = useRef<SVGSVGElement>(null);
  const width = useWidth(ref);
  const say = words ?? weekWords();
  const n = Math.max(1, weeks.length);
  const withBought = weeks.some((w) => w.bought !== undefined);
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.count, w.bought ?? 0)));
  const slot = width / n;
  const barW = Math.min(48, Math.round(slot * 0.7));
  // Bought sits in the left third of the bar's room, finished in the rest.
  const boughtW = withBought ? Math.max(3, Math.round(barW * 0.3)) : 0;
  const finishedW = barW - boughtW - (withBought ? 2 : 0);
  const barX = (i: number) => Math.round(i * slot + (slot - barW) / 2);
  const finishedX = (i: number) => barX(i) + barW - finishedW;
  const labels = placeLabels(
    weeks.map((wk, i) => ({ text: say.label(wk.start), center: barX(i) + barW / 2 })),
    width,
  );
  const summary = weeks.map((wk) => `${say.name(wk.start)}: ${say.value(wk)}`).join('; ');
  return (
    <svg
      ref={ref}
      class="week-chart"
      viewBox={`0 0 ${width} ${HEIGHT}`}
      height={HEIGHT}
      role="img"
      aria-label={say.title(summary)}
    >
      {weeks.map((wk, i) => {
        // A period can finish less than nothing (reworks out of Done): drawn as zero.
        const bh = Math.round((Math.max(0, wk.count) / max) * BARS_H);
        const boughtH = Math.round((Math.max(0, wk.bought ?? 0) / max) * BARS_H);
        const x = finishedX(i);
        const labelLeft = labels.get(i);
        return (
          <g
            key={wk.start.toISOString()}
            data-testid="week-bar"
            data-count={wk.count}
            data-bought={wk.bought}
          >
            {withBought && (
              <rect
                x={barX(i)}
                y={TOP + BARS_H - boughtH}
                width={boughtW}
                height={Math.max(boughtH, 1)}
                rx={2}
                class={boughtH > 0 ? 'bar-bought' : 'bar-bought bar-zero'}
              />
            )}
            <rect
              x={x}
              y={TOP + BARS_H - bh}
              width={finishedW}
              height={Math.max(bh, 1)}
              rx={4}
              class={wk.count > 0 ? 'bar' : 'bar bar-zero'}
            />
            {wk.count > 0 && (
              <text
                x={inside(x + finishedW / 2, formatNumber(wk.count).length * CHAR_W, width)}
                y={TOP + BARS_H - bh - 6}
                text-anchor="middle"
                class="bar-value"
              >
                {formatNumber(wk.count)}
              </text>
            )}
            {labelLeft !== undefined && (
              <text x={labelLeft} y={TOP + BARS_H + 22} text-anchor="start" class="bar-label">
                {say.label(wk.start)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** A centred text's centre, moved in so that all of its `w` px lie within the chart. */
const inside = (center: number, w: number, width: number) =>
  Math.max(w / 2, Math.min(center, width - w / 2));

/**
 * Where each shown date label starts (x of its left edge), by bar index. Every week
 * is labelled when there is room, else every 2nd, 3rd…, always the latest; a label
 * near an edge is pushed inside the chart; where that makes it touch its neighbour,
 * the week before is labelled instead.
 */
function placeLabels(
  items: { text: string; center: number }[],
  width: number,
): Map<number, number> {
  const widthOf = (s: string) => s.length * CHAR_W;
  const widest = Math.max(0, ...items.map((l) => widthOf(l.text)));
  const slot = width / Math.max(1, items.length);
  const step = Math.max(1, Math.ceil((widest + LABEL_GAP) / slot));
  const out = new Map<number, number>();
  let limit = width + LABEL_GAP; // the left edge of the label placed last (to the right)
  for (let i = items.length - 1; i >= 0; ) {
    const { text, center } = items[i]!;
    const w = widthOf(text);
    const left = Math.max(0, Math.min(center - w / 2, width - w));
    // Touches the one to its right (pushed in from the edge): try the week before.
    if (left + w + LABEL_GAP > limit) {
      i -= 1;
      continue;
    }
    out.set(i, left);
    limit = left;
    i -= step;
  }
  return out;
}
