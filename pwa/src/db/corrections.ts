import {
  type CorrectionSummary,
  diffStates,
  planCorrections,
  type TrackerState,
  unwrap,
} from '@mpt/shared';
import { mergeDrops, noteDroppedEvents } from './dropped-events';
import { eventTables } from './event-store';
import { newId } from './ids';
import { noteDelta } from './outbox';
import { restorePointTables, takeRestorePoint } from './restore-points';
import type { TrackerDb } from './schema';
import { applyDelta, readState } from './state-io';
import { localWrite } from './write';

/**
 * Makes this device show what `target` (a restore point, a server backup) shows by
 * recording corrections — renames, deletes, adds and removes, types brought back —
 * that sync to every device like any change (SPEC §10, "everywhere"; shared's
 * planCorrections). One local write: the current state is kept as a restore point
 * first (unless it is empty). Throws ERR_TIME_OUT_OF_RANGE (a wild clock) or
 * ERR_STORAGE; then nothing changed.
 */
export function correctTo(
  db: TrackerDb,
  target: TrackerState,
  now: Date = new Date(),
): Promise<CorrectionSummary> {
  const tables = [db.types, ...eventTables(db), db.tombstones, ...restorePointTables(db)];
  return localWrite(db, tables, async () => {
    const current = await readState(db);
    const plan = unwrap(planCorrections(current, target, { now, newId }));
    const delta = diffStates(current, plan.state);
    await takeRestorePoint(db, current, 'restore', now);
    await applyDelta(db, delta, plan.state);
    await noteDelta(db, delta);
    const { dropped } = mergeDrops(current, delta, plan.state, new Set());
    await noteDroppedEvents(db, dropped);
    return plan.summary;
  });
}

/**
 * What correctTo would record now, without writing: the summary of shared's
 * planCorrections against the current data (types deleted, brought back, renamed,
 * recounted), for the confirmation a restore on every device asks. Throws
 * ERR_TIME_OUT_OF_RANGE (a wild clock) or ERR_STORAGE.
 */
export async function previewCorrections(
  db: TrackerDb,
  target: TrackerState,
  now: Date = new Date(),
): Promise<CorrectionSummary> {
  const current = await readState(db);
  return unwrap(planCorrections(current, target, { now, newId })).summary;
}
