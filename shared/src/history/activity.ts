import { appliedEvents } from '../pipeline/replay';
import type { HistoryEvent } from '../schema/entities';

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
  const totals = starts.map(() => 0);
  const end = typeof now === 'number' ? now : now.getTime();
  const first = starts[0];
  if (first === undefined) return totals;
  for (const e of appliedEvents(events)) {
    const sign = e.to_stage === 'DONE' ? 1 : e.rework && e.from_stage === 'DONE' ? -1 : 0;
    if (sign === 0) continue;
    const at = Date.parse(e.created_at);
    if (at < first || at > end) continue;
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > at) i--;
    totals[i]! += sign * e.qty * weightOf(e.type_id);
  }
  return totals;
}
