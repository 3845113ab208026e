import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodStart, periodStarts, shiftPeriod, sumPerPeriod } from './periods';

describe('periods (local time, Monday weeks)', () => {
  const wed = new Date(2026, 10, 25, 12); // Wednesday 25 Nov 2026
  it('starts a week on Monday, a month on the 1st, a year on 1 January', () => {
    expect(periodStart(wed, 'week')).toEqual(new Date(2026, 10, 23));
    expect(periodStart(new Date(2026, 10, 29, 23, 59), 'week')).toEqual(new Date(2026, 10, 23));
    expect(periodStart(wed, 'month')).toEqual(new Date(2026, 10, 1));
    expect(periodStart(wed, 'year')).toEqual(new Date(2026, 0, 1));
  });

  it('lists the last n periods oldest first, across a year end', () => {
    expect(periodStarts(new Date(2026, 1, 3), 'month', 3)).toEqual([
      new Date(2025, 11, 1),
      new Date(2026, 0, 1),
      new Date(2026, 1, 1),
    ]);
    expect(periodStarts(wed, 'week', 2)).toEqual([new Date(2026, 10, 16), new Date(2026, 10, 23)]);
    expect(shiftPeriod(new Date(2026, 0, 1), 'year', -2)).toEqual(new Date(2024, 0, 1));
  });

  it('the periods tile time: each instant falls in exactly the period periodStart names', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom('week' as const, 'month' as const, 'year' as const),
        (ms, period) => {
          const d = new Date(ms);
          const start = periodStart(d, period);
          const next = shiftPeriod(start, period, 1);
          return start.getTime() <= ms && ms < next.getTime() && start.getHours() === 0;
        },
      ),
    );
  });
});

describe('sumPerPeriod', () => {
  it('puts a value in the period it falls in, none before the first or after the end', () => {
    const items = [
      [5, 1],
      [10, 2],
      [19, 3],
      [20, 4],
      [31, 100],
      [4, 100],
    ] as const;
    expect(
      sumPerPeriod(
        items,
        [5, 10, 20],
        30,
        (x) => x[0],
        (x) => x[1],
      ),
    ).toEqual([1, 5, 4]);
  });

  it('law: the per-period sums equal the total of the values dated in the window', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.integer({ min: -50, max: 1100 }), fc.integer({ min: -9, max: 9 }))),
        fc.integer({ min: 0, max: 1100 }),
        (rawStarts, items, end) => {
          const starts = [...rawStarts].sort((a, b) => a - b);
          const sums = sumPerPeriod(
            items,
            starts,
            end,
            (x) => x[0],
            (x) => x[1],
          );
          const total = items
            .filter(([t]) => t >= starts[0]! && t <= end)
            .reduce((n, [, v]) => n + v, 0);
          expect(sums.reduce((a, b) => a + b, 0)).toBe(total);
        },
      ),
    );
  });
});
