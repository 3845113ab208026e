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
// With bought bars, room for bought's number stacked above finished's when both bars
// are about as tall (side by side they rarely fit: the two bars are ~9 px apart on a phone).
const BOUGHT_ROW = 14;
const BARS_H = 120;
const BELOW = 34; // the date labels below the bars
const FALLBACK_WIDTH = 456; // before the first measurement (and in tests without layout)
const CHAR_W = 8.5; // a generous width of one character of a 14 px label
const VALUE_H = 14; // a 14 px number's height, generous (digits have no descenders)
const BOUGHT_FONT = 12; // bought's number is smaller and muted: finished is the headline
const BOUGHT_CHAR_W = (CHAR_W * BOUGHT_FONT) / 14;
const LABEL_GAP = 8;
const VALUE_GAP = 2; // the least room between two numbers, or a number and a bar

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
  const top = TOP + (withBought ? BOUGHT_ROW : 0);
  const height = top + BARS_H + BELOW;
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
  // A period can finish less than nothing (reworks out of Done): drawn as zero.
  const heights = weeks.map((wk) => ({
    finished: Math.round((Math.max(0, wk.count) / max) * BARS_H),
    bought: Math.round((Math.max(0, wk.bought ?? 0) / max) * BARS_H),
  }));
  const values = weeks.map((wk, i) =>
    wk.count > 0
      ? {
          text: formatNumber(wk.count),
          x: inside(finishedX(i) + finishedW / 2, formatNumber(wk.count).length * CHAR_W, width),
          y: top + BARS_H - heights[i]!.finished - 6,
        }
      : null,
  );
  const boughtValues = withBought
    ? placeBoughtValues(
        weeks.map((wk, i) => ({
          text: (wk.bought ?? 0) > 0 ? formatNumber(wk.bought ?? 0) : null,
          center: barX(i) + boughtW / 2,
          value: values[i] ?? null,
          finished: { left: finishedX(i), width: finishedW, height: heights[i]!.finished },
          bought: { left: barX(i), width: boughtW, height: heights[i]!.bought },
        })),
        top + BARS_H,
        width,
      )
    : new Map<number, { x: number; y: number }>();
  return (
    <svg
      ref={ref}
      class="week-chart"
      viewBox={`0 0 ${width} ${height}`}
      height={height}
      role="img"
      aria-label={say.title(summary)}
    >
      {weeks.map((wk, i) => {
        const bh = heights[i]!.finished;
        const boughtH = heights[i]!.bought;
        const x = finishedX(i);
        const labelLeft = labels.get(i);
        const value = values[i];
        const boughtValue = boughtValues.get(i);
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
                y={top + BARS_H - boughtH}
                width={boughtW}
                height={Math.max(boughtH, 1)}
                rx={2}
                class={boughtH > 0 ? 'bar-bought' : 'bar-bought bar-zero'}
              />
            )}
            <rect
              x={x}
              y={top + BARS_H - bh}
              width={finishedW}
              height={Math.max(bh, 1)}
              rx={4}
              class={wk.count > 0 ? 'bar' : 'bar bar-zero'}
            />
            {value && (
              <text x={value.x} y={value.y} text-anchor="middle" class="bar-value">
                {value.text}
              </text>
            )}
            {boughtValue && (
              <text
                x={boughtValue.x}
                y={boughtValue.y}
                text-anchor="middle"
                class="bar-value-bought"
              >
                {formatNumber(wk.bought ?? 0)}
              </text>
            )}
            {labelLeft !== undefined && (
              <text x={labelLeft} y={top + BARS_H + 22} text-anchor="start" class="bar-label">
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

/** A drawn thing's extent in px: what a number must keep clear of. */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const apart = (a: Box, b: Box) =>
  a.right + VALUE_GAP <= b.left ||
  b.right + VALUE_GAP <= a.left ||
  a.bottom <= b.top ||
  b.bottom <= a.top;

/**
 * Where each bought number goes (its centre x and baseline y), by bar index: just
 * above its bar, or, when that would touch finished's number or bar (they share a
 * narrow slot), stacked above them. A number that would still touch a neighbour's, or
 * leave the chart, is left out: the spoken summary and the totals below still say it.
 */
function placeBoughtValues(
  bars: {
    text: string | null;
    center: number;
    value: { text: string; x: number; y: number } | null;
    finished: { left: number; width: number; height: number };
    bought: { left: number; width: number; height: number };
  }[],
  base: number,
  width: number,
): Map<number, { x: number; y: number }> {
  const rect = (r: { left: number; width: number; height: number }): Box[] =>
    r.height > 0
      ? [{ left: r.left, right: r.left + r.width, top: base - r.height, bottom: base }]
      : [];
  const valueBox = (v: { text: string; x: number; y: number }): Box => {
    const w = v.text.length * CHAR_W;
    return { left: v.x - w / 2, right: v.x + w / 2, top: v.y - VALUE_H, bottom: v.y };
  };
  const taken: Box[] = bars.flatMap((b) => [
    ...rect(b.finished),
    ...rect(b.bought),
    ...(b.value ? [valueBox(b.value)] : []),
  ]);
  const out = new Map<number, { x: number; y: number }>();
  bars.forEach((b, i) => {
    if (b.text === null) return;
    const w = b.text.length * BOUGHT_CHAR_W;
    const x = inside(b.center, w, width);
    const own = b.value ? valueBox(b.value).top : base - b.finished.height;
    // Never higher than just above this period's own bars and finished number.
    const highest = Math.min(own, base - b.bought.height - 4) - VALUE_GAP;
    const at = (y: number): Box => ({
      left: x - w / 2,
      right: x + w / 2,
      top: y - BOUGHT_FONT,
      bottom: y,
    });
    let y = base - b.bought.height - 4;
    // Each step moves above what it touched, so nothing is met twice.
    for (;;) {
      const hit = taken.find((t) => !apart(at(y), t));
      if (!hit) break;
      y = hit.top - VALUE_GAP;
    }
    if (y < highest || y - BOUGHT_FONT < 0) return;
    out.set(i, { x, y });
    taken.push(at(y));
  });
  return out;
}

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
