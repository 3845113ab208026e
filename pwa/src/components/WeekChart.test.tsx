import { render } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
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
