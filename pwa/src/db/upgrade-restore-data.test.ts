import { defaultTypeFields, stateToDataFile } from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from './ids';
import { listRestorePoints, readRestorePoint, restoreFromPoint } from './restore-points';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { legacyDb } from './test-db';

const T = '2026-01-01T00:00:00.000Z';
const type = {
  id: 'abcdef00-0000-4000-8000-000000000001',
  name: 'Orks',
  created_at: T,
  name_updated_at: T,
  ...defaultTypeFields(T),
  counts: { IN_BOX: 2, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
};
const event = {
  id: 'abcdef00-0000-4000-8000-000000000011',
  type_id: type.id,
  from_stage: null,
  to_stage: 'IN_BOX' as const,
  qty: 2,
  created_at: T,
};
const file = JSON.stringify(
  stateToDataFile({ types: [type], events: [event], tombstones: [] }, new Date(T)),
);
const point = (id: string, minute: number) => ({
  id,
  created_at: `2026-01-01T00:0${minute}:00.000Z`,
  reason: 'import',
  size_bytes: file.length,
  types: 1,
  events: 1,
  data: file,
});

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

/** A database as version 4 of the app left it: restore points hold their data. */
async function version4(points: ReturnType<typeof point>[]) {
  name = `upgrade-v5-${newId()}`;
  const old = legacyDb(name, 4);
  await old.table('restore_points').bulkAdd(points);
  old.close();
}

describe('database version 5: restore points apart from their data', () => {
  it('moves every point’s data to its own row, and each still restores', async () => {
    const ids = [newId(), newId()];
    await version4([point(ids[0]!, 1), point(ids[1]!, 2)]);
    db = openTrackerDb(name);
    const listed = await listRestorePoints(db);
    expect(listed.map((p) => p.id)).toEqual([ids[1], ids[0]]);
    for (const p of listed) expect(p).not.toHaveProperty('data');
    expect((await readRestorePoint(db, ids[0]!)).types.map((t) => t.name)).toEqual(['Orks']);
    await restoreFromPoint(db, ids[0]!);
    expect((await readState(db)).events).toEqual([event]);
  });

  it('opens a database without restore points', async () => {
    await version4([]);
    db = openTrackerDb(name);
    expect(await listRestorePoints(db)).toEqual([]);
    expect(await db.restore_point_data.count()).toBe(0);
  });
});
