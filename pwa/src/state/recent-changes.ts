import { lastEventTimes } from '../db/event-store';
import type { TrackerDb } from '../db/schema';

/**
 * How many of the newest events "Recently changed" reads: enough for every type a
 * hobbyist touched lately, and a bounded read (SPEC §8) however long the history is.
 */
export const RECENT_EVENTS = 5_000;

/**
 * Each type's newest event time among the newest `limit` events stored one row each (by
 * created_at, the index) and the newest time of every history row (event-store.ts
 * lastEventTimes), type id → ISO time. A type with neither is ordered by its record's
 * times (list-view.ts recordChangedAt), which are older than all of these.
 * Not a per-type read: in Chromium at 1 000 types × 50 events, a key cursor jumping from
 * type to type over [type_id+created_at] (continue(key)) took 2.0–3.8 s and one 'prev'
 * cursor per type 180–230 ms, against 110–130 ms for these 5 000 (measured 2026-11-30).
 */
export async function latestEventTimes(
  db: TrackerDb,
  limit = RECENT_EVENTS,
): Promise<Map<string, string>> {
  return lastEventTimes(db, limit);
}
