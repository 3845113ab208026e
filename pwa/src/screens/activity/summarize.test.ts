import { type Goal, type MiniatureType, zeroCounts } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { monthOf } from '../../db/activity-month';
import { type ActivityEntry, MINUTE_MS } from '../../db/finished-tally';
import { goalProgress as goalOf, summarize as summarizeStored } from './summarize';

const now = new Date(2026, 10, 25, 12); // Wednesday 25 Nov 2026
const entry = (at: Date, typeId: string, finished: number, bought = 0): ActivityEntry => ({
  minute: Math.floor(at.getTime() / MINUTE_MS),
  typeId,
  finished,
  bought,
});
const type = (id: string, army: string | null, points: number, inBox = 0) =>
  ({
    id,
    army,
    points_per_model: points,
    counts: { ...zeroCounts(), IN_BOX: inBox },
  }) as Pick<MiniatureType, 'id' | 'army' | 'points_per_model' | 'counts'>;
const types = [
  type('orks', 'Orks', 5, 10),
  type('orks2', 'ORKS', 1, 2),
  type('elves', null, 20, 3),
];
const all = { kind: 'all' } as const;

/** The entries as one stored slice (summarize reads the index's typed arrays). */
const stored = (entries: ActivityEntry[]) => {
  const row = monthOf(entries.map((e) => [e.minute, e.typeId, e.finished, e.bought]));
  return [{ row, start: 0, end: entries.length }];
};

type Rest<F> = F extends (first: never, ...rest: infer R) => unknown ? R : never;
const summarize = (es: ActivityEntry[], ...rest: Rest<typeof summarizeStored>) =>
  summarizeStored(stored(es), ...rest);
const goalProgress = (goal: Goal, es: ActivityEntry[], ts: typeof types, at: Date) =>
  goalOf(goal, stored(es), ts, at);

describe('summarize', () => {
  it('buckets into the last 12 Monday weeks; a minute after now counts in no week', () => {
    const s = summarize(
      [
        entry(new Date(2026, 8, 6, 1), 'orks', 9), // before the 12 weeks
        entry(new Date(2026, 8, 7, 1), 'orks', 1),
        entry(new Date(2026, 10, 22, 23, 59), 'orks', 3),
        entry(new Date(2026, 10, 23, 9), 'orks', 2),
        entry(new Date(2026, 10, 27, 18), 'orks', 4), // later this week, after now
      ],
      types,
      { period: 'week', metric: 'models', army: all },
      now,
    );
    expect(s.bars).toHaveLength(12);
    expect(s.bars[0]!.start).toEqual(new Date(2026, 8, 7));
    expect(s.bars.map((b) => b.finished)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2]);
    expect(s.total).toBe(6);
  });

  it('weighs points by the type, filters by army identity key or no army, months and years', () => {
    const entries = [
      entry(new Date(2026, 10, 2), 'orks', 2, 4),
      entry(new Date(2026, 10, 3), 'orks2', 1, 0),
      entry(new Date(2026, 9, 3), 'elves', 1, 1),
      entry(new Date(2024, 1, 3), 'elves', 1, 0),
    ];
    const points = summarize(entries, types, { period: 'month', metric: 'points', army: all }, now);
    expect(points.bars.map((b) => b.finished).slice(-2)).toEqual([20, 11]);
    expect(points.balance).toEqual({ bought: 20, finished: 11, change: 9 });
    const orks = summarize(
      entries,
      types,
      { period: 'year', metric: 'models', army: { kind: 'army', key: 'orks' } },
      now,
    );
    expect(orks.bars.map((b) => b.finished)).toEqual([0, 0, 0, 0, 3]);
    expect(orks.pile).toBe(12);
    const none = summarize(
      entries,
      types,
      { period: 'year', metric: 'models', army: { kind: 'none' } },
      now,
    );
    expect(none.bars.map((b) => b.finished)).toEqual([0, 0, 1, 0, 1]);
    expect(none.pile).toBe(3);
  });

  it('forecasts the pile from the last 12 weeks, and says nothing from one busy week', () => {
    const twoWeeks = [
      entry(new Date(2026, 10, 10), 'orks', 7),
      entry(new Date(2026, 10, 17), 'orks', 7),
    ];
    const s = summarize(twoWeeks, types, { period: 'week', metric: 'models', army: all }, now);
    // 15 left at 14 models since Monday 9 Nov (16.5 days): 17.7 days, about 3 weeks.
    expect(s.pileForecast).toEqual({ unit: 'week', count: 3 });
    const one = summarize(
      twoWeeks.slice(0, 1),
      types,
      { period: 'week', metric: 'models', army: all },
      now,
    );
    expect(one.pileForecast).toBeNull();
  });
});

describe('goalProgress', () => {
  it('counts the goal period so far over all armies, and forecasts the rest', () => {
    const entries = [
      entry(new Date(2026, 10, 10), 'orks', 2),
      entry(new Date(2026, 10, 17), 'elves', 1),
      entry(new Date(2026, 9, 17), 'elves', 5),
    ];
    const p = goalProgress({ metric: 'points', period: 'month', target: 100 }, entries, types, now);
    expect(p).toMatchObject({ done: 30, percent: 30, reached: false });
    expect(p.forecast).not.toBeNull();
    const reached = goalProgress(
      { metric: 'models', period: 'week', target: 1 },
      [entry(now, 'orks', 1)],
      types,
      now,
    );
    expect(reached).toMatchObject({ done: 1, percent: 100, reached: true, forecast: null });
  });
});
