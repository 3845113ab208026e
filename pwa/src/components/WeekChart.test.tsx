import { render } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { compactNumber, formatNumber } from '../i18n/number';
import { type WeekBar, WeekChart } from './WeekChart';

const weeks: WeekBar[] = Array.from({ length: 12 }, (_, i) => ({
  start: new Date(Date.UTC(2026, 8, 7 + 7 * i)),
  count: [0, 6, 0, 0, 3, 0, 0, 4, 2, 10, 0, 0][i]!,
}));

/** Rough width of a text at 14 px: generous, so "fits" means it really fits. */
const textWidth = (s: string) => s.length * 8.5;

/** Each text's horizontal extent and baseline, against the viewBox. */
function texts(svg: SVGSVGElement) {
  const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
  return {
    width: w!,
    height: h!,
    items: [...svg.querySelectorAll('text')].map((el) => {
      const x = Number(el.getAttribute('x'));
      const tw = textWidth(el.textContent ?? '');
      const anchor = el.getAttribute('text-anchor');
      const left = anchor === 'start' ? x : anchor === 'end' ? x - tw : x - tw / 2;
      return { text: el.textContent, left, right: left + tw, y: Number(el.getAttribute('y')) };
    }),
  };
}

beforeAll(() => initI18n('ru'));
afterAll(async () => {
  await setLanguage('en');
});
afterEach(() => vi.restoreAllMocks());

describe('WeekChart', () => {
  it('draws every number and date inside the chart (the tallest bar too, the first date too)', () => {
    // Also with bought beside finished (the finished bar then sits at the slot's right).
    const withBought = weeks.map((w, i) => ({
      ...w,
      count: i === 11 ? 10 : Math.floor(w.count / 2),
      bought: 3,
    }));
    for (const [px, bars] of [
      [330, weeks],
      [940, weeks],
      [288, withBought],
    ] as const) {
      vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
        width: px,
      } as DOMRect);
      const { container, unmount } = render(<WeekChart weeks={bars} />);
      const chart = texts(container.querySelector('svg')!);
      expect(chart.width).toBe(px); // drawn at the card's width, not a fixed 456
      const tallest = chart.items.find((i) => i.text === '10')!;
      expect(tallest.y).toBeGreaterThanOrEqual(14); // a 14 px number fits above
      for (const item of chart.items) {
        expect(item.left, `${item.text} at ${px}px`).toBeGreaterThanOrEqual(0);
        expect(item.right, `${item.text} at ${px}px`).toBeLessThanOrEqual(px);
        expect(item.y).toBeLessThanOrEqual(chart.height);
      }
      // Labels do not run into each other.
      const labels = chart.items.filter((i) => /\D/.test(i.text ?? ''));
      for (let k = 1; k < labels.length; k++)
        expect(labels[k]!.left).toBeGreaterThan(labels[k - 1]!.right);
      expect(labels.length).toBeGreaterThanOrEqual(px > 600 ? 12 : px > 300 ? 4 : 3);
      unmount();
      vi.restoreAllMocks();
    }
  });

  it("shows the bought number above its bar, apart from finished's, on a 320 px phone", () => {
    // Bought as tall as finished, taller, shorter, alone, two digits beside two digits.
    const count = [0, 6, 3, 10, 3, 0, 12, 4, 2, 10, 0, 1];
    const bought = [5, 6, 8, 10, 0, 2, 12, 1, 0, 9, 0, 3];
    const bars: WeekBar[] = weeks.map((w, i) => ({ ...w, count: count[i]!, bought: bought[i]! }));
    for (const px of [280, 288, 456]) {
      vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
        width: px,
      } as DOMRect);
      const { container, unmount } = render(<WeekChart weeks={bars} />);
      const svg = container.querySelector('svg')!;
      const height = Number(svg.getAttribute('viewBox')!.split(' ')[3]);
      const groups = [...svg.querySelectorAll('[data-testid="week-bar"]')];
      const numbers = groups.flatMap((g, i) =>
        [...g.querySelectorAll('text.bar-value, text.bar-value-bought')].map((el) => {
          // 14 px bold for finished, 12 px for bought; widths as generous as above.
          const size = el.classList.contains('bar-value-bought') ? 12 : 14;
          const w = ((el.textContent ?? '').length * 8.5 * size) / 14;
          const x = Number(el.getAttribute('x'));
          const y = Number(el.getAttribute('y'));
          return { i, el, left: x - w / 2, right: x + w / 2, top: y - size, bottom: y };
        }),
      );
      const boughtShown = numbers.filter((b) => b.el.classList.contains('bar-value-bought'));
      // Every period that bought anything says how many, right above its own bars.
      expect(
        boughtShown.map((b) => [b.i, b.el.textContent]),
        `${px}px`,
      ).toEqual(bought.flatMap((q, i) => (q > 0 ? [[i, String(q)]] : [])));
      for (const b of boughtShown) {
        const rects = [...groups[b.i]!.querySelectorAll('rect')];
        const boughtRect = rects.find((r) => r.classList.contains('bar-bought'))!;
        const barLeft = Number(boughtRect.getAttribute('x'));
        const barTop = Number(boughtRect.getAttribute('y'));
        expect(b.left, `${px}px bar ${b.i}`).toBeLessThan(
          barLeft + Number(boughtRect.getAttribute('width')),
        );
        expect(b.right, `${px}px bar ${b.i}`).toBeGreaterThan(barLeft);
        expect(b.bottom, `${px}px bar ${b.i}`).toBeLessThan(barTop);
        expect(b.top, `${px}px bar ${b.i}`).toBeGreaterThanOrEqual(0);
        expect(b.bottom).toBeLessThanOrEqual(height);
        // Nor does it cross a bar (its own finished bar or a neighbour's).
        for (const r of svg.querySelectorAll('rect:not(.bar-zero)')) {
          const left = Number(r.getAttribute('x'));
          const top = Number(r.getAttribute('y'));
          const clear =
            b.right <= left || b.left >= left + Number(r.getAttribute('width')) || b.bottom <= top;
          expect(clear, `${px}px bar ${b.i} crosses a bar`).toBe(true);
        }
      }
      // No two numbers touch.
      for (const [k, a] of numbers.entries())
        for (const b of numbers.slice(k + 1)) {
          const clear =
            a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          expect(
            clear,
            `${px}px: ${a.el.textContent} (${a.i}) and ${b.el.textContent} (${b.i})`,
          ).toBe(true);
        }
      unmount();
      vi.restoreAllMocks();
    }
  });

  it('leaves a bought number out rather than let it touch another', () => {
    // Four-digit points everywhere at 280 px: not all fit, and no bought number may touch
    // another number (finished's own wide numbers are another matter, placed as before).
    const bars: WeekBar[] = weeks.map((w, i) => ({ ...w, count: 1000 + i, bought: 1000 + i }));
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({ width: 280 } as DOMRect);
    const { container } = render(<WeekChart weeks={bars} />);
    const boxes = [...container.querySelectorAll('text.bar-value, text.bar-value-bought')].map(
      (el) => {
        const size = el.classList.contains('bar-value-bought') ? 12 : 14;
        const w = ((el.textContent ?? '').length * 8.5 * size) / 14;
        const x = Number(el.getAttribute('x'));
        const y = Number(el.getAttribute('y'));
        return { bought: size === 12, left: x - w / 2, right: x + w / 2, top: y - size, bottom: y };
      },
    );
    const bought = container.querySelectorAll('text.bar-value-bought').length;
    expect(bought).toBeLessThan(12);
    expect(bought).toBeGreaterThan(0);
    for (const [k, a] of boxes.entries())
      for (const b of boxes.slice(k + 1).filter((b) => a.bought || b.bought))
        expect(
          a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top,
        ).toBe(true);
  });
});

describe('WeekChart with four-digit weeks on a phone', () => {
  // Finished and bought per week, oldest first: 1,250 beside 2,000 and so on, as a busy
  // painter (or a points view) has them.
  const count = [1250, 1250, 2000, 0, 1100, 1999, 1250, 1800, 1234, 1250, 1500, 1250];
  const bought = [2000, 1500, 2000, 0, 1200, 2000, 3000, 2000, 1234, 2000, 999, 2000];
  const busy = (withBought: boolean): WeekBar[] =>
    weeks.map((w, i) => ({
      start: w.start,
      count: count[i]!,
      ...(withBought ? { bought: bought[i]! } : {}),
    }));

  /** Every number drawn: its bar, kind, text and extent (the generous widths above). */
  function numbers(svg: SVGSVGElement) {
    return [...svg.querySelectorAll('[data-testid="week-bar"]')].flatMap((g, i) =>
      [...g.querySelectorAll('text.bar-value, text.bar-value-bought')].map((el) => {
        const isBought = el.classList.contains('bar-value-bought');
        const size = isBought ? 12 : 14;
        const text = el.textContent ?? '';
        const w = (textWidth(text) * size) / 14;
        const x = Number(el.getAttribute('x'));
        const y = Number(el.getAttribute('y'));
        return { i, isBought, text, left: x - w / 2, right: x + w / 2, top: y - size, bottom: y };
      }),
    );
  }

  afterAll(async () => {
    await setLanguage('ru');
  });

  // 262 and 332 px: the chart's width on a 320 and a 390 px phone.
  it.each(
    (['en', 'ru'] as const).flatMap((lang) =>
      [262, 332].flatMap((px) => [true, false].map((withBought) => ({ lang, px, withBought }))),
    ),
  )(
    'no number touches another or crosses a bar ($lang, $px px, bought: $withBought); each bar keeps its full numbers in its title',
    async ({ lang, px, withBought }) => {
      await setLanguage(lang);
      vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
        width: px,
      } as DOMRect);
      const bars = busy(withBought);
      const { container } = render(<WeekChart weeks={bars} />);
      const svg = container.querySelector('svg')!;
      const shown = numbers(svg);
      for (const [k, a] of shown.entries())
        for (const b of shown.slice(k + 1))
          expect(
            a.right + 2 <= b.left ||
              b.right + 2 <= a.left ||
              a.bottom <= b.top ||
              b.bottom <= a.top,
            `${a.text} (${a.i}) and ${b.text} (${b.i})`,
          ).toBe(true);
      // Nor across another week's bar (a number reads as the bar it sits on).
      const groups = [...svg.querySelectorAll('[data-testid="week-bar"]')];
      for (const n of shown)
        for (const [j, g] of groups.entries()) {
          if (j === n.i) continue;
          for (const r of g.querySelectorAll('rect:not(.bar-zero)')) {
            const left = Number(r.getAttribute('x'));
            const right = left + Number(r.getAttribute('width'));
            const clear =
              n.right <= left || n.left >= right || n.bottom <= Number(r.getAttribute('y'));
            expect(clear, `${n.text} (${n.i}) crosses bar ${j}`).toBe(true);
          }
        }
      // Each number is its own bar's, in full or short; the latest week's is always there.
      for (const n of shown) {
        const value = n.isBought ? bought[n.i]! : count[n.i]!;
        expect([formatNumber(value), compactNumber(value)]).toContain(n.text);
      }
      expect(shown.some((n) => n.i === 11 && !n.isBought)).toBe(true);
      // What the drawing shortened or left out, the bar's title says in full.
      for (const [i, g] of groups.entries())
        expect(g.querySelector('title')?.textContent).toContain(formatNumber(count[i]!));
    },
  );

  it('shortens a number that fits only so ("45K"), in full where it fits, never a wider short form', async () => {
    // A week between two taller ones at 332 px: "45,000" is wider than the gap between
    // their bars, "45K" is not; Russian's «45 тыс.» is wider than «45 000»: left out.
    const bars: WeekBar[] = weeks.map((w, i) => ({
      start: w.start,
      count: i === 5 || i === 7 ? 99_000 : i === 6 ? 45_000 : 0,
    }));
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({ width: 332 } as DOMRect);
    for (const [lang, middle] of [
      ['en', '45K'],
      ['ru', undefined],
    ] as const) {
      await setLanguage(lang);
      const { container, unmount } = render(<WeekChart weeks={bars} />);
      const values = Object.fromEntries(
        [...container.querySelectorAll('[data-testid="week-bar"]')].map((g, i) => [
          i,
          g.querySelector('text.bar-value')?.textContent,
        ]),
      );
      expect(values[6], lang).toBe(middle);
      expect(values[5], lang).toBe(formatNumber(99_000));
      unmount();
    }
  });
});
