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

/**
 * Writes a delta from shared's diffStates. Call inside a rw transaction over types,
 * events, tombstones and meta. Folded events are re-pointed before the events of
 * removed types are deleted, so events that follow `merged_into` survive. When events
 * change, the Activity index is rebuilt from `after` (which events a replay sets aside
 * may change for any type the merge touched).
 */
export async function applyDelta(
  db: TrackerDb,
  delta: StateDelta,
  after: TrackerState,
): Promise<void> {
  if (delta.upsertTypes.length > 0) await db.types.bulkPut(delta.upsertTypes);
  if (delta.insertEvents.length > 0) await db.events.bulkPut(delta.insertEvents);
  if (delta.moveEvents.length > 0) {
    const byId = new Map(after.events.map((e) => [e.id, e]));
    await db.events.bulkPut(delta.moveEvents.map((m) => byId.get(m.id)!));
  }
  if (delta.deleteTypeIds.length > 0) {
    await db.events.where('type_id').anyOf(delta.deleteTypeIds).delete();
    await db.types.bulkDelete(delta.deleteTypeIds);
  }
  if (delta.upsertTombstones.length > 0) await db.tombstones.bulkPut(delta.upsertTombstones);
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
