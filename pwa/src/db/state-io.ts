import type { Extra, GoalSetting, HistoryEvent, StateDelta, TrackerState } from '@mpt/shared';
import { changeActivityIndex, rebuildActivityIndex } from './activity-index';
import {
  addEvents,
  allEvents,
  BULK_FROM,
  clearEvents,
  deleteEventsOfTypes,
  eventTables,
  putEvents,
} from './event-store';
import { tallyReplacement } from './finished-tally';
import { META } from './meta';
import type { TrackerDb } from './schema';

/**
 * The full normalized local state (types, every event, tombstones, the goal and the
 * file's unknown top-level fields). Public contract for device sync, which pushes it
 * as a snapshot. Runs in its own read transaction, or joins the caller's when called
 * inside one (which must include meta).
 */
export function readState(db: TrackerDb): Promise<TrackerState> {
  return db.transaction('r', [db.types, ...eventTables(db), db.tombstones, db.meta], async () => {
    const [types, events, tombstones, top] = await Promise.all([
      db.types.toArray(),
      allEvents(db),
      db.tombstones.toArray(),
      readTopLevel(db),
    ]);
    return { types, events, tombstones, ...top };
  });
}

/**
 * The goal and the file's unknown top-level fields (SPEC §9), each absent when unset.
 * Call inside a transaction that includes meta.
 */
export async function readTopLevel(db: TrackerDb): Promise<Pick<TrackerState, 'goal' | 'extra'>> {
  const [goal, extra] = await db.meta.bulkGet([META.goal, META.fileExtra]);
  const top: Pick<TrackerState, 'goal' | 'extra'> = {};
  if (goal) top.goal = goal.value as GoalSetting;
  if (extra) top.extra = extra.value as Extra;
  return top;
}

/** Writes the goal and the file's unknown fields, or removes the rows of absent ones. */
async function writeTopLevel(db: TrackerDb, top: Pick<TrackerState, 'goal' | 'extra'>) {
  await Promise.all(
    [
      [META.goal, top.goal],
      [META.fileExtra, top.extra],
    ].map(([key, value]) =>
      value === undefined
        ? db.meta.delete(key as string)
        : db.meta.put({ key: key as string, value }),
    ),
  );
}

// Rows per bulk call: between two calls the page paints progress and takes a click
// (Cancel); 5 000 kept a throttled phone's main thread for up to two seconds.
const CHUNK = 1_000;

/**
 * Writes a delta from shared's diffStates. Call inside a rw transaction over types,
 * events, tombstones and meta. Folded events are re-pointed before the events of
 * removed types are deleted, so events that follow `merged_into` survive. When events
 * change, the Activity index follows (which events a replay sets aside may change for
 * any type the merge touched): rebuilt from `after` when it is the whole state, or, for
 * a merge of some types only (a sync's scope), changed from `scopedBefore` (every event
 * those types held) to `after` (their events now). `onRows` hears the rows written so
 * far and the total after every chunk (it may throw to abort).
 */
export async function applyDelta(
  db: TrackerDb,
  delta: StateDelta,
  after: TrackerState,
  onRows: (done: number, total: number) => void = () => {},
  scopedBefore?: readonly HistoryEvent[],
): Promise<void> {
  const byId = delta.moveEvents.length > 0 ? new Map(after.events.map((e) => [e.id, e])) : null;
  const moved = delta.moveEvents.map((m) => byId!.get(m.id)!);
  const total =
    delta.upsertTypes.length +
    delta.insertEvents.length +
    moved.length +
    delta.updateEvents.length +
    delta.deleteTypeIds.length +
    delta.upsertTombstones.length;
  let done = 0;
  const put = async <T>(rows: readonly T[], write: (slice: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      await write(slice);
      done += slice.length;
      onRows(done, total);
    }
  };
  await put(delta.upsertTypes, (rows) => db.types.bulkPut(rows));
  if (delta.insertEvents.length >= BULK_FROM) {
    // In bulk (a first sync, a large import): history rows, a few hundred types a step.
    const start = done;
    await putEvents(db, delta.insertEvents, true, (n) => onRows(start + n, total));
    done = start + delta.insertEvents.length;
  } else await put(delta.insertEvents, (rows) => putEvents(db, rows, false));
  await put(moved, (rows) => putEvents(db, rows));
  // Events whose unknown fields a merge completed: `after` holds their whole row.
  await put(delta.updateEvents, (rows) => putEvents(db, rows));
  await put(delta.deleteTypeIds, async (ids) => {
    await deleteEventsOfTypes(db, ids);
    await db.types.bulkDelete(ids);
  });
  await put(delta.upsertTombstones, (rows) => db.tombstones.bulkPut(rows));
  if ('goal' in delta || 'extra' in delta) await writeTopLevel(db, after);
  const eventsChanged =
    delta.insertEvents.length + delta.moveEvents.length + delta.deleteTypeIds.length > 0;
  if (!eventsChanged) return;
  if (scopedBefore === undefined) await rebuildActivityIndex(db, after.events);
  else {
    const { tally, dropRefused } = tallyReplacement(scopedBefore, after.events);
    await changeActivityIndex(db, tally, dropRefused);
  }
}

/** Replaces the whole state. Call inside a rw transaction over the three tables and meta. */
export async function replaceState(db: TrackerDb, state: TrackerState): Promise<void> {
  await Promise.all([db.types.clear(), clearEvents(db), db.tombstones.clear()]);
  await db.types.bulkAdd(state.types);
  await addEvents(db, state.events);
  await db.tombstones.bulkAdd(state.tombstones);
  await writeTopLevel(db, state);
  await rebuildActivityIndex(db, state.events);
}
