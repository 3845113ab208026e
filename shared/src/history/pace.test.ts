import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecast, pileBalance, recentPace } from './pace';

const DAY = 86_400_000;

describe('pileBalance', () => {
  it('is bought minus finished: below 0 the pile shrank', () => {
    expect(pileBalance(3, 15)).toEqual({ bought: 3, finished: 15, change: -12 });
    expect(pileBalance(5, 2).change).toBe(3);
    expect(pileBalance(0, 0).change).toBe(0);
  });
});

describe('recentPace', () => {
  it('is what was finished per day since the first busy week of the last 12, up to now', () => {
    const weeks = [0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 7, 0];
    // Two whole weeks before this one, and 0 days into it: 14 models over 14 days.
    expect(recentPace(weeks, 0)).toBeCloseTo(1);
    expect(recentPace(weeks, 7 * DAY)).toBeCloseTo(14 / 21);
    // Only the last 12 weeks count: a busy week 13 weeks ago is not the start.
    expect(recentPace([50, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 0)).toBeCloseTo(4 / 77);
  });

  it('says nothing without enough data: one busy week, or net nothing after reworks', () => {
    expect(recentPace([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40], DAY)).toBeNull();
    expect(recentPace([5, -5, 3, -3], DAY)).toBeNull();
    expect(recentPace([], DAY)).toBeNull();
  });
});

describe('forecast', () => {
  it('names the time in the unit a person would use', () => {
    expect(forecast(10, 1)).toEqual({ unit: 'day', count: 10 });
    expect(forecast(0.5, 1)).toEqual({ unit: 'day', count: 1 });
    expect(forecast(21, 1)).toEqual({ unit: 'week', count: 3 });
    expect(forecast(213, 1)).toEqual({ unit: 'month', count: 7 });
    expect(forecast(1000, 1)).toEqual({ unit: 'year', count: 3 });
    // Where one unit hands over to the next, the time said never goes down.
    expect(forecast(59.4, 1)).toEqual({ unit: 'week', count: 8 });
    expect(forecast(59.5, 1)).toEqual({ unit: 'month', count: 2 });
    expect(forecast(714, 1)).toEqual({ unit: 'month', count: 23 });
    expect(forecast(715, 1)).toEqual({ unit: 'year', count: 2 });
  });

  it('says nothing when nothing is left or there is no pace', () => {
    expect(forecast(0, 1)).toBeNull();
    expect(forecast(-3, 1)).toBeNull();
    expect(forecast(10, null)).toBeNull();
    expect(forecast(10, 0)).toBeNull();
  });

  it('law: more left at the same pace never forecasts a shorter time', () => {
    const days = { day: 1, week: 7, month: 30.44, year: 365.25 };
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        (a, extra, pace) => {
          const x = forecast(a, pace)!;
          const y = forecast(a + extra, pace)!;
          expect(y.count * days[y.unit]).toBeGreaterThanOrEqual(x.count * days[x.unit] - 1e-9);
        },
      ),
    );
  });
});
