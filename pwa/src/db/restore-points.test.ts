import { afterEach, describe, expect, it } from 'vitest';
import { moveModels } from './events';
import {
  listRestorePoints,
  RESTORE_POINTS_KEPT,
  restoreFromPoint,
  restorePointTables,
  takeRestorePoint,
} from './restore-points';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType, deleteType } from './types';

let db: TrackerDb;
afterEach(() => db?.delete());

describe('restore points', () => {
  it('restore gives back the exact state and keeps the replaced one as a point', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 4 } });
    const b = await createType(db, { name: 'B', counts: { DONE: 1 } });
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'BUILDING', qty: 2 });
    const saved = await readState(db);
    const point = await db.transaction('rw', restorePointTables(db), () =>
      takeRestorePoint(db, saved, 'import'),
    );
    await moveModels(db, { typeId: a.id, from: 'BUILDING', to: 'DONE', qty: 2 });
    await deleteType(db, b.id);
    await createType(db, { name: 'C' });

    await restoreFromPoint(db, point!.id);
    const restored = await readState(db);
    const byId = <T extends { id: string }>(xs: T[]) =>
      [...xs].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(restored.types)).toEqual(byId(saved.types));
    expect(byId(restored.events)).toEqual(byId(saved.events));
    expect(byId(restored.tombstones)).toEqual(byId(saved.tombstones));
    const points = await listRestorePoints(db);
    expect(points.map((p) => p.reason)).toEqual(['restore', 'import']);
    expect(points[0]).toMatchObject({ types: 2, events: 3 });
    expect(points[0]!.size_bytes).toBeGreaterThan(100);
  });

  it('keeps only the newest ten', async () => {
    db = freshDb();
    await createType(db, { name: 'A' });
    const state = await readState(db);
    await db.transaction('rw', restorePointTables(db), async () => {
      for (let i = 0; i < 12; i++) {
        await takeRestorePoint(db, state, 'sync', new Date(Date.UTC(2026, 0, 1, 0, i)));
      }
    });
    const points = await listRestorePoints(db);
    expect(points).toHaveLength(RESTORE_POINTS_KEPT);
    expect(points[0]!.created_at).toBe('2026-01-01T00:11:00.000Z');
    expect(points.at(-1)!.created_at).toBe('2026-01-01T00:02:00.000Z');
    // Each kept point has its data, and the pruned points' data went with them.
    expect((await db.restore_point_data.toCollection().primaryKeys()).sort()).toEqual(
      points.map((p) => p.id).sort(),
    );
  });

  it('keeps no point of an empty state: a restore onto an empty device keeps none', async () => {
    db = freshDb();
    const empty = await readState(db);
    const none = await db.transaction('rw', restorePointTables(db), () =>
      takeRestorePoint(db, empty, 'sync'),
    );
    expect(none).toBeNull();
    expect(await listRestorePoints(db)).toEqual([]);
    // A point of data restored onto a device left empty (an empty server copy put
    // there): the restore keeps no new point of the nothing it replaces.
    await createType(db, { name: 'A', counts: { IN_BOX: 1 } });
    const saved = await readState(db);
    const data = await db.transaction('rw', restorePointTables(db), () =>
      takeRestorePoint(db, saved, 'import'),
    );
    await db.types.clear();
    await db.events.clear();
    await restoreFromPoint(db, data!.id);
    expect((await readState(db)).types.map((t) => t.name)).toEqual(['A']);
    expect((await listRestorePoints(db)).map((p) => p.reason)).toEqual(['import']);
  });

  it('an unknown point id changes nothing', async () => {
    db = freshDb();
    await createType(db, { name: 'A', counts: { IN_BOX: 1 } });
    await expect(restoreFromPoint(db, 'nope')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    expect(await db.types.count()).toBe(1);
  });
});
