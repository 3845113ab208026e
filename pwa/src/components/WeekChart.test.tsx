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
});
