import {
  canonicalizeState,
  DomainError,
  isEmptyState,
  readDataFile,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import { noteDroppedEvents } from './dropped-events';
import { eventTables, holdsEvents } from './event-store';
import { newId } from './ids';
import type { RestorePoint, RestoreReason, TrackerDb } from './schema';
import { readState, readTopLevel, replaceState } from './state-io';
import { forgetCursor } from './sync-cursor';
import { localWrite } from './write';

/** How many restore points are kept; older ones are deleted as new ones arrive. */
export const RESTORE_POINTS_KEPT = 10;

/** Restore point metadata, without the (possibly large) data. */
export type RestorePointInfo = RestorePoint;

/** The tables a transaction that takes, lists or reads restore points needs. */
export const restorePointTables = (db: TrackerDb) => [db.restore_points, db.restore_point_data];

/**
 * The tables a merge (an import, a sync, a replacement) writes: the data, a restore
 * point, meta (the Activity index, the cursor) and the outbox.
 */
export const mergeTables = (db: TrackerDb) => [
  db.types,
  ...eventTables(db),
  db.tombstones,
  ...restorePointTables(db),
  db.meta,
  db.outbox,
];

/**
 * Saves `state` as a restore point and prunes to the newest ten. Call inside a rw
 * transaction that includes restore_points, before the change it protects. Returns the
 * point, or null when `state` is empty (shared's isEmptyState: a new device turning
 * sync on, importing a first file): a point of nothing could put nothing back and would
 * only push a useful one out of the ten.
 */
export async function takeRestorePoint(
  db: TrackerDb,
  state: TrackerState,
  reason: RestoreReason,
  now: Date = new Date(),
): Promise<RestorePoint | null> {
  if (isEmptyState(state)) return null;
  const data = JSON.stringify(stateToDataFile(state, now));
  const point: RestorePoint = {
    id: newId(),
    created_at: now.toISOString(),
    reason,
    size_bytes: new TextEncoder().encode(data).length,
    types: state.types.length,
    events: state.events.length,
  };
  await Promise.all([
    db.restore_points.add(point),
    db.restore_point_data.add({ id: point.id, data }),
  ]);
  const all = await db.restore_points.orderBy('created_at').primaryKeys();
  const excess = all.slice(0, Math.max(0, all.length - RESTORE_POINTS_KEPT));
  if (excess.length > 0) {
    await Promise.all([
      db.restore_points.bulkDelete(excess),
      db.restore_point_data.bulkDelete(excess),
    ]);
  }
  return point;
}

/**
 * Whether this device holds no data at all (shared's isEmptyState): then a change keeps
 * no restore point, and the texts that announce one must not (Settings' dialogs).
 */
export function holdsNothing(db: TrackerDb): Promise<boolean> {
  // One row of each table tells as much as all of them (a state is megabytes).
  return db.transaction('r', [db.types, ...eventTables(db), db.tombstones, db.meta], async () => {
    const [types, events, tombstones, top] = await Promise.all([
      db.types.limit(1).toArray(),
      holdsEvents(db),
      db.tombstones.limit(1).toArray(),
      readTopLevel(db),
    ]);
    return !events && isEmptyState({ types, events: [], tombstones, ...top });
  });
}

/** Restore points, newest first, without their data. */
export function listRestorePoints(db: TrackerDb): Promise<RestorePointInfo[]> {
  return db.restore_points.orderBy('created_at').reverse().toArray();
}

/**
 * The state a restore point holds (canonical values, as a restore would put it back).
 * Throws DomainError ERR_NOT_FOUND (no such point), or the data file's error code.
 */
export async function readRestorePoint(db: TrackerDb, pointId: string): Promise<TrackerState> {
  const point = await db.restore_point_data.get(pointId);
  if (!point) throw new DomainError('ERR_NOT_FOUND', { restore_point: pointId });
  const parsed = readDataFile(JSON.parse(point.data));
  if (!parsed.ok) throw new DomainError(parsed.code, parsed.details);
  return canonicalizeState(parsed.value).state;
}

/**
 * Puts the data back exactly as it was when the point was taken, in one transaction.
 * The current state is kept as a new restore point first (unless it is empty), so a
 * restore can be undone.
 */
export function restoreFromPoint(
  db: TrackerDb,
  pointId: string,
  now: Date = new Date(),
): Promise<void> {
  const tables = [db.types, ...eventTables(db), db.tombstones, ...restorePointTables(db)];
  return localWrite(db, tables, async () => {
    // A point kept before SPEC §8 may hold names that now share an identity key: fold them.
    const state = await readRestorePoint(db, pointId);
    const current = await readState(db);
    await takeRestorePoint(db, current, 'restore', now);
    await replaceState(db, state);
    // Events newer than the point may come back with a sync, set aside (dropped-events.ts).
    const restored = state.events.map((e) => e.id);
    const kept = new Set(restored);
    const dropped = current.events.filter((e) => !kept.has(e.id)).map((e) => e.id);
    await noteDroppedEvents(db, dropped, restored);
    // The data no longer holds all the server sent: the next sync sends and gets everything.
    await Promise.all([forgetCursor(db), db.outbox.clear()]);
  });
}
