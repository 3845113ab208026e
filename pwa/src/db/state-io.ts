import type { StateDelta, TrackerState } from '@mpt/shared';
import { rebuildActivityIndex } from './activity-index';
import type { TrackerDb } from './schema';

/**
 * The full normalized local state (types, every event, tombstones). Public contract
 * for device sync, which pushes it as a snapshot. Runs in its own read transaction,
 * or joins the caller's when called inside one.
 */
export function readState(db: TrackerDb): Promise<TrackerState> {
  return db.transaction('r', [db.types, db.events, db.tombstones], async () => {
    const [types, events, tombstones] = await Promise.all([
      db.types.toArray(),
      db.events.toArray(),
      db.tombstones.toArray(),
    ]);
    return { types, events, tombstones };
  });
}

// Rows per bulk call: between two calls the page paints progress and takes a click
// (Cancel); 5 000 kept a throttled phone's main thread for up to two seconds.
const CHUNK = 1_000;

/**
 * Writes a delta from shared's diffStates. Call inside a rw transaction over types,
 * events, tombstones and meta. Folded events are re-pointed before the events of
 * removed types are deleted, so events that follow `merged_into` survive. When events
 * change, the Activity index is rebuilt from `after` (which events a replay sets aside
 * may change for any type the merge touched). `onRows` hears the rows written so far
 * and the total after every chunk (it may throw to abort).
 */
export async function applyDelta(
  db: TrackerDb,
  delta: StateDelta,
  after: TrackerState,
  onRows: (done: number, total: number) => void = () => {},
): Promise<void> {
  const byId = delta.moveEvents.length > 0 ? new Map(after.events.map((e) => [e.id, e])) : null;
  const moved = delta.moveEvents.map((m) => byId!.get(m.id)!);
  const total =
    delta.upsertTypes.length +
    delta.insertEvents.length +
    moved.length +
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
  await put(delta.insertEvents, (rows) => db.events.bulkPut(rows));
  await put(moved, (rows) => db.events.bulkPut(rows));
  await put(delta.deleteTypeIds, async (ids) => {
    await db.events.where('type_id').anyOf(ids).delete();
    await db.types.bulkDelete(ids);
  });
  await put(delta.upsertTombstones, (rows) => db.tombstones.bulkPut(rows));
  const eventsChanged =
    delta.insertEvents.length + delta.moveEvents.length + delta.deleteTypeIds.length > 0;
  if (eventsChanged) await rebuildActivityIndex(db, after.events);
}

/** Replaces the whole state. Call inside a rw transaction over the three tables and meta. */
export async function replaceState(db: TrackerDb, state: TrackerState): Promise<void> {
  await Promise.all([db.types.clear(), db.events.clear(), db.tombstones.clear()]);
  await db.types.bulkAdd(state.types);
  await db.events.bulkAdd(state.events);
  await db.tombstones.bulkAdd(state.tombstones);
  await rebuildActivityIndex(db, state.events);
}
