import { eventActivity, type HistoryEvent, replay } from '@mpt/shared';

/**
 * Activity counts per minute (UTC): every time zone's local midnight falls on a whole
 * minute, so a minute never straddles two local weeks, and a period is summed from a
 * few hundred minutes instead of thousands of events.
 */
export const MINUTE_MS = 60_000;

/** The minute (since the epoch, UTC) an ISO timestamp falls in. */
export const minuteOf = (iso: string): number => Math.floor(Date.parse(iso) / MINUTE_MS);

/** What one type did in one minute: models finished (net of reworks) and bought. */
export interface ActivityEntry {
  minute: number;
  typeId: string;
  finished: number;
  bought: number;
}

/**
 * What a set of events adds to Activity, per minute and type (shared's eventActivity,
 * SPEC §9: finished net of reworks out of DONE, bought = every add; an undone event and
 * its undo count nothing), how many events there are, and the ids of the events a
 * replay sets aside (sync conflicts and refused undos, never counted). Per type, so
 * Activity can weigh points and filter by army at read time with the types' current
 * fields. The same rule as shared's finishedPerPeriod and boughtPerPeriod.
 */
export interface Tally {
  /** By `${minute} ${typeId}`. */
  entries: Map<string, ActivityEntry>;
  events: number;
  refused: string[];
}

/** An empty tally. */
export const emptyTally = (): Tally => ({ entries: new Map(), events: 0, refused: [] });

/** Adds `finished` and `bought` models of `typeId` at `minute` (negative: takes away). */
export function addEntry(
  tally: Tally,
  minute: number,
  typeId: string,
  finished: number,
  bought: number,
): void {
  if (finished === 0 && bought === 0) return;
  const key = `${minute} ${typeId}`;
  const entry = tally.entries.get(key);
  if (entry) {
    entry.finished += finished;
    entry.bought += bought;
  } else tally.entries.set(key, { minute, typeId, finished, bought });
}

function addEvent(tally: Tally, event: HistoryEvent): void {
  const { finished, bought } = eventActivity(event);
  addEntry(tally, minuteOf(event.created_at), event.type_id, finished, bought);
}

/**
 * Adds whole histories (every event of each type present) to `tally`: each type is
 * replayed on its own (SPEC §3), so only applied events count, and an applied undo and
 * the event it undid (a cancelled pair) count nothing.
 */
export function tallyHistories(tally: Tally, events: readonly HistoryEvent[]): Tally {
  const byType = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    const list = byType.get(e.type_id);
    if (list) list.push(e);
    else byType.set(e.type_id, [e]);
  }
  for (const history of byType.values()) {
    const result = replay(history);
    const skipped = new Set(result.skipped);
    for (const e of history) {
      if (skipped.has(e)) tally.refused.push(e.id);
      else if (!result.cancelled.has(e.id)) addEvent(tally, e);
    }
  }
  tally.events += events.length;
  return tally;
}

/**
 * The change to Activity when one type's whole history goes from `before` to `after`
 * (a move dated before another device's far-ahead events; a deletion, `after` empty).
 */
export function tallyReplacement(
  before: readonly HistoryEvent[],
  after: readonly HistoryEvent[],
): { tally: Tally; dropRefused: string[] } {
  const old = tallyHistories(emptyTally(), before);
  const tally = tallyHistories(emptyTally(), after);
  for (const e of old.entries.values()) {
    addEntry(tally, e.minute, e.typeId, -e.finished, -e.bought);
  }
  tally.events -= old.events;
  return { tally, dropRefused: old.refused };
}

/**
 * The change when `events` are appended to their types' histories and are applied
 * and last in them (a local write planned on the current counts, SPEC §2). Not for an
 * undo, which takes back an earlier event's count: re-tally its type
 * (tallyReplacement) instead. Throws on one.
 */
export function tallyAppended(events: readonly HistoryEvent[]): Tally {
  const tally = emptyTally();
  for (const e of events) {
    if (e.reverts !== undefined) throw new Error('tallyAppended: an undo needs tallyReplacement');
    addEvent(tally, e);
  }
  tally.events = events.length;
  return tally;
}
