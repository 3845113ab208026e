import {
  canonicalizeState,
  DomainError,
  readDataFile,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import { noteDroppedEvents } from './dropped-events';
import { eventTables } from './event-store';
import { newId } from './ids';
import type { RestorePoint, RestoreReason, TrackerDb } from './schema';
import { readState, replaceState } from './state-io';
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
 * transaction that includes restore_points, before the change it protects.
 */
export async function takeRestorePoint(
  db: TrackerDb,
  state: TrackerState,
  reason: RestoreReason,
  now: Date = new Date(),
): Promise<RestorePoint> {
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
 * The current state is kept as a new restore point first, so a restore can be undone.
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
