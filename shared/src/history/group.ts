import { LIMITS } from '../limits';
import { compareEvents } from '../pipeline/replay';
import type { HistoryGroup } from '../schema/api';
import type { HistoryEvent } from '../schema/entities';

/**
 * Groups history at read time. Per type, in chronological order, an event joins the
 * previous group when it has the same from → to (and both are reworks, SPEC §9, or
 * neither) and comes less than 300 s after the previous event of that group (299 s
 * joins, 300 s does not); a group of reworks is marked `rework`. Only the immediately
 * preceding group of the same type can be joined, so a different move in between
 * starts a new group. Events of several types may be passed together; the result is
 * ordered by each group's newest event (created_at, then id), `desc` for newest first:
 * a group still growing while other types were tapped is as recent as its last tap.
 */
export function groupHistory(
  events: readonly HistoryEvent[],
  order: 'asc' | 'desc' = 'asc',
): HistoryGroup[] {
  return grouped(events, order, null);
}

/** A history group with the ids of its events, oldest first: what an undo of it reverts. */
export type HistoryGroupWithEvents = HistoryGroup & { event_ids: string[] };

/**
 * groupHistory, each group also carrying the ids of its events (oldest first), so an
 * app can offer to undo a whole entry (SPEC §9: every event reverted exactly).
 */
export function groupHistoryWithEvents(
  events: readonly HistoryEvent[],
  order: 'asc' | 'desc' = 'asc',
): HistoryGroupWithEvents[] {
  const ids = new Map<HistoryGroup, string[]>();
  return grouped(events, order, ids).map((g) => ({ ...g, event_ids: ids.get(g)! }));
}

function grouped(
  events: readonly HistoryEvent[],
  order: 'asc' | 'desc',
  ids: Map<HistoryGroup, string[]> | null,
): HistoryGroup[] {
  const sorted = [...events].sort(compareEvents);
  const open = new Map<string, { group: HistoryGroup; lastMs: number }>();
  const groups: HistoryGroup[] = [];
  const newest = new Map<HistoryGroup, HistoryEvent>();
  for (const event of sorted) {
    const at = Date.parse(event.created_at);
    const current = open.get(event.type_id);
    if (
      current &&
      current.group.from_stage === event.from_stage &&
      current.group.to_stage === event.to_stage &&
      current.group.rework === event.rework &&
      at - current.lastMs < LIMITS.groupWindowMs
    ) {
      current.group.qty += event.qty;
      current.group.events += 1;
      current.group.last_at = event.created_at;
      current.lastMs = at;
      newest.set(current.group, event);
      ids?.get(current.group)?.push(event.id);
      continue;
    }
    const group: HistoryGroup = {
      type_id: event.type_id,
      from_stage: event.from_stage,
      to_stage: event.to_stage,
      qty: event.qty,
      events: 1,
      created_at: event.created_at,
      last_at: event.created_at,
    };
    if (event.rework) group.rework = true;
    groups.push(group);
    newest.set(group, event);
    ids?.set(group, [event.id]);
    open.set(event.type_id, { group, lastMs: at });
  }
  // Every event is in one group only, so no two groups tie.
  groups.sort((a, b) => compareEvents(newest.get(a)!, newest.get(b)!));
  return order === 'desc' ? groups.reverse() : groups;
}
