import type { HistoryEvent } from '@mpt/shared';
import { readActivityIndex } from '../../db/activity-index';
import type { TrackerDb } from '../../db/schema';
import { finishedPerWeek, windowStart } from './weekly';

/** How many of the newest events feed the recent history across all types. */
export const RECENT_EVENTS = 300;

/** What Activity shows: finished models per week (oldest first) and the newest events. */
export interface ActivityData {
  weeks: { start: Date; count: number }[];
  recent: HistoryEvent[];
}

/**
 * Reads Activity as of `now` in one read transaction: the 12 weekly totals from the
 * Activity index and the newest RECENT_EVENTS events up to `now`, leaving out the events
 * a replay sets aside (sync conflicts, refused undos), an undone event and its undo
 * (SPEC §9: an undone tap never shows) and those dated after `now` (SPEC §8). Resolves to
 * null when the index is missing or out of step: build it (buildActivityIndex), then
 * read again. Cost: a few small rows and RECENT_EVENTS events, whatever the collection.
 */
export function readActivity(db: TrackerDb, now: Date): Promise<ActivityData | null> {
  return db.transaction('r', [db.events, db.meta], async () => {
    const [index, newest] = await Promise.all([
      readActivityIndex(db, windowStart(now).getTime(), now.getTime()),
      db.events
        .where('created_at')
        .belowOrEqual(now.toISOString())
        .reverse()
        .limit(RECENT_EVENTS)
        .toArray(),
    ]);
    if (!index) return null;
    return {
      weeks: finishedPerWeek(index.finished, now),
      recent: shownEvents(newest, index.refused),
    };
  });
}

/**
 * The events history shows: without those set aside (`refused`), and without an
 * applied undo (one not refused) and the event it undid.
 */
export function shownEvents(
  events: readonly HistoryEvent[],
  refused: ReadonlySet<string>,
): HistoryEvent[] {
  const hidden = new Set(refused);
  for (const e of events) {
    if (e.reverts !== undefined && !refused.has(e.id)) hidden.add(e.id).add(e.reverts);
  }
  return events.filter((e) => !hidden.has(e.id));
}
