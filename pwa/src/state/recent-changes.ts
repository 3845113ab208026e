import type { TrackerDb } from '../db/schema';

/**
 * How many of the newest events "Recently changed" reads: enough for every type a
 * hobbyist touched lately, and a bounded read (SPEC §8) however long the history is.
 */
export const RECENT_EVENTS = 5_000;

/**
 * Each type's newest event time among the newest `limit` events (by created_at, the
 * index), type id → ISO time. A type with no event among them is ordered by its
 * record's times (list-view.ts recordChangedAt), which are older than all of these.
 */
export async function latestEventTimes(
  db: TrackerDb,
  limit = RECENT_EVENTS,
): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  await db.events
    .orderBy('created_at')
    .reverse()
    .limit(limit)
    .each((e) => {
      if (!latest.has(e.type_id)) latest.set(e.type_id, e.created_at);
    });
  return latest;
}
