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
 * What a set of events adds to Activity: models finished per minute (the qty of every
 * applied event that ends at DONE, moved or added there), how many events there are,
 * and the ids of the events a replay sets aside (sync conflicts, never counted).
 */
export interface Tally {
  finished: Map<number, number>;
  events: number;
  refused: string[];
}

/** An empty tally. */
export const emptyTally = (): Tally => ({ finished: new Map(), events: 0, refused: [] });

function addFinished(tally: Tally, event: HistoryEvent, sign: 1 | -1): void {
  if (event.to_stage !== 'DONE') return;
  const minute = minuteOf(event.created_at);
  tally.finished.set(minute, (tally.finished.get(minute) ?? 0) + sign * event.qty);
}

/**
 * Adds whole histories (every event of each type present) to `tally`: each type is
 * replayed on its own (SPEC §3), so only applied events count as finished.
 */
export function tallyHistories(tally: Tally, events: readonly HistoryEvent[]): Tally {
  const byType = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    const list = byType.get(e.type_id);
    if (list) list.push(e);
    else byType.set(e.type_id, [e]);
  }
  for (const history of byType.values()) {
    const skipped = new Set(replay(history).skipped);
    for (const e of history) {
      if (skipped.has(e)) tally.refused.push(e.id);
      else addFinished(tally, e, 1);
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
 * and last in them (a local write planned on the current counts, SPEC §2).
 */
export function tallyAppended(events: readonly HistoryEvent[]): Tally {
  const tally = emptyTally();
  for (const e of events) addFinished(tally, e, 1);
  tally.events = events.length;
  return tally;
}
