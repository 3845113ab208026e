import type { Goal, HistoryEvent } from '@mpt/shared';
import { readActivityIndex } from '../../db/activity-index';
import type { MonthSlice } from '../../db/activity-month';
import { eventTables, newestEvents } from '../../db/event-store';
import { readGoal } from '../../db/goal';
import type { TrackerDb } from '../../db/schema';
import { readFrom } from './summarize';

/** How many of the newest events feed the recent history across all types. */
export const RECENT_EVENTS = 300;

/** What Activity reads: the index's entries, the goal and the newest events, as of `now`. */
export interface ActivityData {
  now: Date;
  /** The index's months from the first year shown to now, as stored (summarize.ts). */
  months: MonthSlice[];
  goal: Goal | null;
  recent: HistoryEvent[];
}

/**
 * Reads Activity as of `now` in one read transaction: the Activity index's entries
 * (finished and bought per minute and type) from the first year any view shows up to
 * `now`, the goal, and the newest RECENT_EVENTS events up to `now`, leaving out the
 * events a replay sets aside (sync conflicts, refused undos), an undone event and its
 * undo (SPEC §9: an undone tap never shows) and those dated after `now` (SPEC §8).
 * Resolves to null when the index is missing or out of step: build it
 * (buildActivityIndex), then read again. Cost: a few month rows and RECENT_EVENTS
 * events, never every event.
 */
export function readActivity(db: TrackerDb, now: Date): Promise<ActivityData | null> {
  return db.transaction('r', [...eventTables(db), db.meta], async () => {
    const [index, goal, newest] = await Promise.all([
      readActivityIndex(db, readFrom(now).getTime(), now.getTime()),
      readGoal(db),
      newestEvents(db, RECENT_EVENTS, now.toISOString()),
    ]);
    if (!index) return null;
    return {
      now,
      months: index.months,
      goal: goal?.value ?? null,
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
