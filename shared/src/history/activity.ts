import { appliedEvents } from '../pipeline/replay';
import type { HistoryEvent } from '../schema/entities';
import { sumPerPeriod } from './periods';

/** What one event adds to Activity, in models. */
export interface EventActivity {
  /** +qty into DONE (moved or added there), −qty for a rework out of DONE, else 0. */
  finished: number;
  /** +qty for an add (from_stage null: bought, or added at any stage), else 0. */
  bought: number;
}

/**
 * What an applied, not undone event adds to Activity (SPEC §9): models finished net of
 * reworks out of DONE, and models bought into the pile — every add (from_stage null).
 * A removal (sold, lost, a typo) is neither bought nor finished; an add straight into
 * DONE is both, so the pile of unfinished models does not change. The caller leaves out
 * an undone event and its undo (appliedEvents, replay's `cancelled`).
 */
export function eventActivity(e: HistoryEvent): EventActivity {
  const finished = e.to_stage === 'DONE' ? e.qty : e.rework && e.from_stage === 'DONE' ? -e.qty : 0;
  return { finished, bought: e.from_stage === null ? e.qty : 0 };
}

/**
 * Models (or points) finished per period, net of reworks out of DONE (SPEC §9): each
 * shown event into DONE adds its qty × weight to the period it falls in, each rework
 * out of DONE takes it away (so a period can be negative), and an undone tap and its
 * undo count nothing (appliedEvents hides the pair), nor does an event the replay set
 * aside. `starts` are the periods' first instants in ms, ascending; the last period
 * ends at `now`: an event dated after now (a clock ahead, SPEC §8) or before the first
 * period is not counted. `events` must hold each type's whole history; `weightOf`
 * gives a type's weight (1 per model by default; points_per_model for points).
 */
export function finishedPerPeriod(
  events: readonly HistoryEvent[],
  starts: readonly number[],
  now: Date | number,
  weightOf: (typeId: string) => number = () => 1,
): number[] {
  return activityPerPeriod(events, starts, now, 'finished', weightOf);
}

/**
 * Models (or points) bought per period: the qty × weight of every shown add (SPEC §9:
 * an undone add and its undo count nothing; a removal is not counted). The same
 * periods and time rules as finishedPerPeriod.
 */
export function boughtPerPeriod(
  events: readonly HistoryEvent[],
  starts: readonly number[],
  now: Date | number,
  weightOf: (typeId: string) => number = () => 1,
): number[] {
  return activityPerPeriod(events, starts, now, 'bought', weightOf);
}

function activityPerPeriod(
  events: readonly HistoryEvent[],
  starts: readonly number[],
  now: Date | number,
  field: keyof EventActivity,
  weightOf: (typeId: string) => number,
): number[] {
  return sumPerPeriod(
    appliedEvents(events),
    starts,
    typeof now === 'number' ? now : now.getTime(),
    (e) => Date.parse(e.created_at),
    (e) => eventActivity(e)[field] * weightOf(e.type_id),
  );
}
