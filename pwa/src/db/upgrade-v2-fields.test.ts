import { defaultTypeFields, stateToDataFile } from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { exportDataFile } from './export';
import { newId } from './ids';
import { getLocalChangeSeq } from './meta';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { legacyDb } from './test-db';

const T = '2026-01-01T00:00:00.000Z';
const v1Type = {
  id: 'abcdef00-0000-4000-8000-000000000001',
  name: 'Orks',
  created_at: T,
  name_updated_at: T,
  counts: { IN_BOX: 2, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
};
const v1Event = {
  id: 'abcdef00-0000-4000-8000-000000000011',
  type_id: v1Type.id,
  from_stage: null,
  to_stage: 'IN_BOX',
  qty: 2,
  created_at: T,
};

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

/** A database as version 2 of the app left it (the v1 data file's rows). */
async function version2() {
  name = `upgrade-v3-${newId()}`;
  const old = legacyDb(name, 2);
  await old.table('types').add(v1Type);
  await old.table('events').add(v1Event);
  await old.table('meta').put({ key: 'local_change_seq', value: 3 });
  old.close();
}

describe('database version 3 (SPEC §9)', () => {
  it('gives every stored type the new fields at their defaults, dated at its creation', async () => {
    await version2();
    db = openTrackerDb(name);
    const state = await readState(db);
    expect(state.types).toEqual([{ ...v1Type, ...defaultTypeFields(T) }]);
    expect(state.events).toEqual([v1Event]);
    expect(state.goal).toBeUndefined();
    expect(await getLocalChangeSeq(db)).toBe(3);
    // exactly what reading the same data from a v1 file gives
    const file = await exportDataFile(db, new Date(T));
    expect(file).toEqual(stateToDataFile(state, T));
    expect(file.version).toBe(2);
  });
});
