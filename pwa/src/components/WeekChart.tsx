import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { formatNumber, shortDate } from '../i18n/format';
import { compactNumber } from '../i18n/number';

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
const LABEL_GAP = 8;
const VALUE_GAP = 2; // the least room between two numbers, or a number and a bar

/** A text's width in px at `size` px, bold or not. */
type Measure = (text: string, size: number, bold: boolean) => number;

let canvas: CanvasRenderingContext2D | null | undefined;

/**
 * Widths as drawn in `family` where the browser can say (a canvas), never less than the
 * generous estimate by characters: a wide fallback font (DejaVu's bold digits are
 * 9.7 px) would otherwise make "1.3K" and "2,000" run together.
 */
function measurer(family: string): Measure {
  if (canvas === undefined)
    canvas =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const ctx = canvas;
  return (text, size, bold) => {
    const estimate = (text.length * CHAR_W * size) / 14;
    if (!ctx || !family) return estimate;
    ctx.font = `${bold ? '700 ' : ''}${size}px ${family}`;
    // A pixel more: SVG lays text out a fraction wider than the canvas measures.
    return Math.max(estimate, Math.ceil(ctx.measureText(text).width) + 1);
  };
}

/** The chart's own width in px, kept current as its card resizes, and its font family. */
function useWidth(ref: { current: Element | null }): { width: number; family: string } {
  const [width, setWidth] = useState(0);
  const [family, setFamily] = useState('');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setFamily(getComputedStyle(el).fontFamily);
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return { width: width > 0 ? width : FALLBACK_WIDTH, family };
}

/**
 * What was finished per period (weeks unless `words` say otherwise) as an SVG bar
 * chart, with what was bought beside it as a slimmer, paler bar when bars carry it;
 * described in words for screen readers.
 */
export function WeekChart({ weeks, words }: { weeks: readonly WeekBar[]; words?: ChartWords }) {
  const ref = useRef<SVGSVGElement>(null);
  const { width, family } = useWidth(ref);
  const measure = measurer(family);
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
  const base = top + BARS_H;
  const slots = weeks.map((wk, i) => ({
    count: wk.count,
    bought: wk.bought ?? 0,
    finishedCenter: finishedX(i) + finishedW / 2,
    boughtCenter: barX(i) + boughtW / 2,
    finished: { left: finishedX(i), width: finishedW, height: heights[i]!.finished },
    boughtBar: { left: barX(i), width: boughtW, height: heights[i]!.bought },
  }));
  const values = placeValues(slots, base, width, measure);
  const boughtValues = withBought
    ? placeBoughtValues(
        slots.map((s, i) => ({
          // Not where finished's number had no room: a lone muted number would read as it.
          forms: s.bought > 0 && (s.count <= 0 || values[i]) ? numberForms(s.bought) : [],
          center: s.boughtCenter,
          value: values[i] ?? null,
          finished: s.finished,
          bought: s.boughtBar,
        })),
        base,
        width,
        measure,
      )
    : new Map<number, Placed>();
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
            {/* The full numbers, whatever the drawing shortened or left out (a tooltip). */}
            <title>{`${say.name(wk.start)}: ${say.value(wk)}`}</title>
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
                {boughtValue.text}
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

/** A bar's extent in px (`base` the bars' foot), none when drawn flat. */
const barBox = (r: { left: number; width: number; height: number }, base: number): Box[] =>
  r.height > 0
    ? [{ left: r.left, right: r.left + r.width, top: base - r.height, bottom: base }]
    : [];

/** A centred number's extent, `w` px wide and `h` px tall, above its baseline `y`. */
const textBox = (x: number, y: number, w: number, h: number): Box => ({
  left: x - w / 2,
  right: x + w / 2,
  top: y - h,
  bottom: y,
});

/**
 * How a number may be written, the first preferred: in full ("1,250", «1 250») and, when
 * narrower, compact ("1.3K"; Russian's «1,3 тыс.» is wider than «1 250», so never there).
 */
function numberForms(n: number): string[] {
  const full = formatNumber(n);
  const short = compactNumber(n);
  return short.length < full.length ? [full, short] : [full];
}

interface Slot {
  count: number;
  finishedCenter: number;
  finished: { left: number; width: number; height: number };
  boughtBar: { left: number; width: number; height: number };
}

/**
 * Where each finished number goes (its text, centre x and baseline y), by bar index;
 * null for none. Just above its bar (above its own taller bought bar, rather than across
 * it), nudged sideways a little if need be; in full, or compact when the full one would
 * touch another number or another period's bar; else raised above the bar it would
 * cross; left out when nothing fits. The latest period is placed first, then the
 * tallest bars: those are the numbers a hobbyist looks for. Whatever is shortened or left
 * out, the bar's title and the spoken summary still say in full.
 */
function placeValues(
  slots: readonly Slot[],
  base: number,
  width: number,
  measure: Measure,
): (Placed | null)[] {
  const bars = slots.map((s) => [...barBox(s.finished, base), ...barBox(s.boughtBar, base)]);
  const placed: Box[] = [];
  const out: (Placed | null)[] = slots.map(() => null);
  const latest = slots.length - 1;
  const order = slots
    .map((s, i) => ({ i, count: s.count }))
    .filter((s) => s.count > 0)
    .sort(
      (a, b) => Number(b.i === latest) - Number(a.i === latest) || b.count - a.count || b.i - a.i,
    );
  for (const { i } of order) {
    const s = slots[i]!;
    const others = bars.filter((_, k) => k !== i).flat();
    const own = barBox(s.boughtBar, base);
    // Above its own taller bought bar rather than across it; when `climb`, above another
    // period's bar too (a last resort: the number then floats higher than its own bar).
    const attempt = (climb: boolean) => (text: string) => {
      const w = measure(text, 14, true);
      const below = climb ? [...own, ...others] : own;
      // Nudged sideways off a neighbour's bar or number, yet still over its own bar's middle.
      for (const x of nudges(s.finishedCenter, w, width)) {
        let y = base - s.finished.height - 6;
        for (;;) {
          const hit = below.find((b) => !apart(textBox(x, y, w, VALUE_H), b));
          if (!hit) break;
          y = hit.top - 6;
        }
        const box = textBox(x, y, w, VALUE_H);
        if (box.top >= 0 && [...others, ...placed].every((o) => apart(box, o))) {
          placed.push(box);
          return { text, x, y, w };
        }
      }
      return null;
    };
    const forms = numberForms(s.count);
    out[i] = firstFit(forms, attempt(false)) ?? firstFit(forms, attempt(true));
  }
  return out;
}

/** A number drawn: its text, centre x, baseline y and width in px. */
interface Placed {
  text: string;
  x: number;
  y: number;
  w: number;
}

/** The first of `forms` that `place` finds room for, or null. */
function firstFit(forms: readonly string[], place: (text: string) => Placed | null): Placed | null {
  for (const text of forms) {
    const at = place(text);
    if (at) return at;
  }
  return null;
}

/**
 * Centres to try for a `w` px text over a bar centred at `center`, nearest first: at
 * most 4 px of the text's half may pass the bar's middle, all of it inside the chart.
 */
function nudges(center: number, w: number, width: number): number[] {
  const out = [inside(center, w, width)];
  for (let d = 1; d <= w / 2 - 4; d++)
    for (const x of [center - d, center + d])
      if (x - w / 2 >= 0 && x + w / 2 <= width && !out.includes(x)) out.push(x);
  return out;
}

/**
 * Where each bought number goes (its text, centre x and baseline y), by bar index: just
 * above its bar, or, when that would touch finished's number or bar (they share a
 * narrow slot), stacked above them; in full, else compact (as finished's). A number that
 * would still touch a neighbour's, or leave the chart, is left out: the bar's title, the
 * spoken summary and the totals below still say it.
 */
function placeBoughtValues(
  bars: {
    forms: readonly string[];
    center: number;
    value: Placed | null;
    finished: { left: number; width: number; height: number };
    bought: { left: number; width: number; height: number };
  }[],
  base: number,
  width: number,
  measure: Measure,
): Map<number, Placed> {
  const valueBox = (v: Placed): Box => textBox(v.x, v.y, v.w, VALUE_H);
  const taken: Box[] = bars.flatMap((b) => [
    ...barBox(b.finished, base),
    ...barBox(b.bought, base),
    ...(b.value ? [valueBox(b.value)] : []),
  ]);
  const out = new Map<number, Placed>();
  bars.forEach((b, i) => {
    const own = b.value ? valueBox(b.value).top : base - b.finished.height;
    // Never higher than just above this period's own bars and finished number.
    const highest = Math.min(own, base - b.bought.height - 4) - VALUE_GAP;
    const at = firstFit(b.forms, (text) => {
      const w = measure(text, BOUGHT_FONT, false);
      // Nudged sideways (as finished's) off a neighbour's bar, still over its own bar.
      for (const x of nudges(b.center, w, width)) {
        const box = (y: number): Box => textBox(x, y, w, BOUGHT_FONT);
        let y = base - b.bought.height - 4;
        // Each step moves above what it touched, so nothing is met twice.
        for (;;) {
          const hit = taken.find((t) => !apart(box(y), t));
          if (!hit) break;
          y = hit.top - VALUE_GAP;
        }
        if (y < highest || y - BOUGHT_FONT < 0) continue;
        taken.push(box(y));
        return { text, x, y, w };
      }
      return null;
    });
    if (at) out.set(i, at);
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
