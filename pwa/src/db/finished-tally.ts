import { type HistoryEvent, replay } from '@mpt/shared';

/**
 * Activity counts finished models per minute (UTC): every time zone's local midnight
 * falls on a whole minute, so a minute never straddles two local weeks, and a week is
 * summed from a few hundred minutes instead of thousands of events.
 */
export const MINUTE_MS = 60_000;

/** The minute (since the epoch, UTC) an ISO timestamp falls in. */
export const minuteOf = (iso: string): number => Math.floor(Date.parse(iso) / MINUTE_MS);

/**
 * What a set of events adds to Activity: models finished per minute, net of reworks
 * (SPEC §9: the qty of every shown event that ends at DONE, moved or added there, less
 * that of every rework out of DONE; an undone event and its undo count nothing), how
 * many events there are, and the ids of the events a replay sets aside (sync
 * conflicts and refused undos, never counted). The same rule as shared's
 * finishedPerPeriod, kept per minute.
 */
export interface Tally {
  finished: Map<number, number>;
  events: number;
  refused: string[];
}

/** An empty tally. */
export const emptyTally = (): Tally => ({ finished: new Map(), events: 0, refused: [] });

/** +1 for an event into DONE, −1 for a rework out of DONE, else 0 (SPEC §9). */
const finishing = (event: HistoryEvent): number =>
  event.to_stage === 'DONE' ? 1 : event.rework && event.from_stage === 'DONE' ? -1 : 0;

function addFinished(tally: Tally, event: HistoryEvent): void {
  const sign = finishing(event);
  if (sign === 0) return;
  const minute = minuteOf(event.created_at);
  tally.finished.set(minute, (tally.finished.get(minute) ?? 0) + sign * event.qty);
}

/**
 * Adds whole histories (every event of each type present) to `tally`: each type is
 * replayed on its own (SPEC §3), so only applied events count as finished, and an
 * applied undo and the event it undid (a cancelled pair) count nothing.
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
      else if (!result.cancelled.has(e.id)) addFinished(tally, e);
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
  for (const [minute, qty] of old.finished) {
    tally.finished.set(minute, (tally.finished.get(minute) ?? 0) - qty);
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
    addFinished(tally, e);
  }
  tally.events = events.length;
  return tally;
}
