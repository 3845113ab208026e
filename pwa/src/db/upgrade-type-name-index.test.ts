import { nameKey, planCreateType, unwrap } from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from './ids';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { mergeChangesIntoLocal, typeKeysOf } from './sync-merge';
import { legacyDb, storedType } from './test-db';

const _T = '2026-01-01T00:00:00.000Z';
const typeOf = (name: string) => storedType(name);

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

describe('database version 7: types with a name index', () => {
  it('indexes the names of a version 6 database, and a sync still folds a type by its name', async () => {
    const [orks, eldar] = [typeOf('Ork Boyz'), typeOf('Эльдары')];
    name = `upgrade-v7-${newId()}`;
    const old = legacyDb(name, 6);
    await old.table('types').bulkAdd([orks, eldar]);
    old.close();

    db = openTrackerDb(name);
    await db.open();
    const store = db.backendDB().transaction('types').objectStore('types');
    expect([...store.indexNames]).toEqual(['name']);
    const keys = await db.transaction('r', db.types, () => typeKeysOf(db!));
    expect(new Map(keys)).toEqual(
      new Map([
        [orks.id, nameKey('Ork Boyz')],
        [eldar.id, nameKey('Эльдары')],
      ]),
    );

    // Another device made "  ork   BOYZ " with 2 models: the same identity key, so the
    // merge folds it into the type this device holds, found through the name index.
    const at = new Date('2026-02-01T00:00:00.000Z');
    const made = unwrap(
      planCreateType(
        { name: '  ork   BOYZ ', counts: { IN_BOX: 2 } },
        { typeId: newId(), now: at, newEventId: newId },
        () => false,
      ),
    );
    const receipt = {
      url: 'http://sync.test',
      cursor: { cursor: '3f0c2a5e-8d1b-4c6e-9a7f-1b2c3d4e5f60:1', pushAll: false },
      upTo: 0,
      waiting: new Set<string>(),
    };
    const { report } = await mergeChangesIntoLocal(
      db,
      { types: [made.type], events: made.events, tombstones: [] },
      receipt,
      () => {},
      at,
    );
    expect(report.types_folded).toHaveLength(1);
    const state = await readState(db);
    const live = state.types.filter((t) => nameKey(t.name) === nameKey('Ork Boyz'));
    expect(live).toHaveLength(1);
    expect(live[0]!.counts.IN_BOX).toBe(2);
    expect(state.types).toHaveLength(2);
  });
});
