import {
  type Forecast,
  forecast,
  type Goal,
  type MiniatureType,
  nameKey,
  type Period,
  type PileBalance,
  periodIndex,
  periodStart,
  periodStarts,
  pileBalance,
  recentPace,
  STAGES,
  wholePercent,
} from '@mpt/shared';
import type { MonthSlice } from '../../db/activity-month';
import { MINUTE_MS } from '../../db/finished-tally';

/** What Activity counts: models, or points (models × the type's points_per_model). */
export type Metric = 'models' | 'points';

/** Which types Activity counts: all, those without an army, or one army by identity key. */
export type ArmyFilter = { kind: 'all' } | { kind: 'none' } | { kind: 'army'; key: string };

/** How many periods each view shows. */
export const PERIODS_SHOWN: Record<Period, number> = { week: 12, month: 12, year: 5 };

/** The earliest instant any view or the pace needs: the first of the years shown. */
export function readFrom(now: Date): Date {
  return periodStarts(now, 'year', PERIODS_SHOWN.year)[0]!;
}

/** One bar: a period's first day, and what was finished and bought in it. */
export interface PeriodBar {
  start: Date;
  finished: number;
  bought: number;
}

/** Activity as shown for one choice of period, metric and army. */
export interface ActivitySummary {
  bars: PeriodBar[];
  /** Finished over all the periods shown. */
  total: number;
  /** The current period's pile balance. */
  balance: PileBalance;
  /** Models (or points) not yet Done in the types counted. */
  pile: number;
  /** When that pile is done at the recent pace; null without enough data. */
  pileForecast: Forecast | null;
}

type Counted = Pick<MiniatureType, 'id' | 'army' | 'points_per_model' | 'counts'>;

// An army's identity key per type, worked out once per type object (a live read makes
// new objects only for types that changed): nameKey over 10 000 types on every toggle
// would cost a phone tens of ms.
const armyKeys = new WeakMap<Counted, string | null>();
function armyKeyOf(t: Counted): string | null {
  let key = armyKeys.get(t);
  if (key === undefined) {
    key = t.army === null ? null : nameKey(t.army);
    armyKeys.set(t, key);
  }
  return key;
}

const matches = (filter: ArmyFilter, t: Counted): boolean =>
  filter.kind === 'all' || (filter.kind === 'none' ? t.army === null : armyKeyOf(t) === filter.key);

/**
 * The weight of each counted type (1, or its points for points) by id: the types the
 * filter leaves out are absent. A type unknown to `types` (deleted meanwhile) counts
 * only when all types are counted, as 1 per model.
 */
function weights(types: readonly Counted[], metric: Metric, filter: ArmyFilter) {
  const byId = new Map<string, number>();
  for (const t of types) {
    if (matches(filter, t)) byId.set(t.id, metric === 'points' ? t.points_per_model : 1);
  }
  return (id: string) => byId.get(id) ?? (filter.kind === 'all' && !known(types, id) ? 1 : 0);
}

let knownIds: { types: readonly Counted[]; ids: Set<string> } | null = null;
function known(types: readonly Counted[], id: string): boolean {
  if (knownIds?.types !== types) knownIds = { types, ids: new Set(types.map((t) => t.id)) };
  return knownIds.ids.has(id);
}

/**
 * Sums the months' entries into periods (`starts` in ms, the last ending at `endMs`;
 * shared's periodIndex, as sumPerPeriod does), each weighed by its type: straight over
 * the stored typed arrays, one weight per type and month — no object per entry, so
 * 60 000 entries at 10 000 types take a few ms on a phone.
 */
function sumMonths(
  months: readonly MonthSlice[],
  weight: (id: string) => number,
  starts: readonly number[],
  endMs: number,
): { finished: number[]; bought: number[] } {
  const finished = starts.map(() => 0);
  const bought = starts.map(() => 0);
  const first = starts[0] ?? Number.POSITIVE_INFINITY;
  for (const { row, start, end } of months) {
    const w = row.types.map(weight);
    for (let i = start; i < end; i++) {
      const ww = w[row.type[i]!]!;
      if (ww === 0) continue;
      const at = row.minutes[i]! * MINUTE_MS;
      if (at < first || at > endMs) continue;
      const p = periodIndex(starts, at);
      finished[p]! += row.finished[i]! * ww;
      bought[p]! += row.bought[i]! * ww;
    }
  }
  return { finished, bought };
}

/** The recent pace (shared recentPace) from the last 12 weeks' net finished. */
function paceOf(months: readonly MonthSlice[], weight: (id: string) => number, now: Date) {
  const starts = periodStarts(now, 'week', 12).map((d) => d.getTime());
  const weekly = sumMonths(months, weight, starts, now.getTime()).finished;
  return recentPace(weekly, now.getTime() - starts.at(-1)!);
}

/**
 * Activity for one view, from the index's months (per minute and type, already net of
 * undos and reworks) and the live types: what was finished and bought per period
 * (SPEC §9; shared's periodIndex), the current period's pile balance, the pile not
 * yet Done, and when it is done at the pace of the last 12 weeks.
 */
export function summarize(
  months: readonly MonthSlice[],
  types: readonly Counted[],
  view: { period: Period; metric: Metric; army: ArmyFilter },
  now: Date,
): ActivitySummary {
  const weight = weights(types, view.metric, view.army);
  const starts = periodStarts(now, view.period, PERIODS_SHOWN[view.period]);
  const ms = starts.map((d) => d.getTime());
  const end = now.getTime();
  const { finished, bought } = sumMonths(months, weight, ms, end);
  let pile = 0;
  for (const t of types) {
    const w = weight(t.id);
    if (w === 0) continue;
    for (const s of STAGES) if (s !== 'DONE') pile += t.counts[s] * w;
  }
  return {
    bars: starts.map((start, i) => ({ start, finished: finished[i]!, bought: bought[i]! })),
    total: finished.reduce((a, b) => a + b, 0),
    balance: pileBalance(bought.at(-1)!, finished.at(-1)!),
    pile,
    pileForecast: forecast(pile, paceOf(months, weight, now)),
  };
}

/** A goal's progress in its current period, over all types (the goal is not per army). */
export interface GoalProgress {
  goal: Goal;
  done: number;
  /** Whole percent, at most 100. */
  percent: number;
  reached: boolean;
  /** When the rest is done at the recent pace; null once reached or without enough data. */
  forecast: Forecast | null;
}

/** The goal's progress (SPEC §9 goal: its metric, in its period so far) and forecast. */
export function goalProgress(
  goal: Goal,
  months: readonly MonthSlice[],
  types: readonly Counted[],
  now: Date,
): GoalProgress {
  const weight = weights(types, goal.metric, { kind: 'all' });
  const start = periodStart(now, goal.period).getTime();
  const [done] = sumMonths(months, weight, [start], now.getTime()).finished;
  const progress = Math.max(0, done!);
  return {
    goal,
    done: progress,
    percent: wholePercent(progress, goal.target),
    reached: progress >= goal.target,
    forecast: forecast(goal.target - progress, paceOf(months, weight, now)),
  };
}
