import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { eventTables, heldTypesOf, SCAN_FROM } from './event-store';
import { newId } from './ids';
import { readLedger } from './ledger';
import { openTrackerDb, type TrackerDb } from './schema';
import { legacyDb, storedType } from './test-db';
import { deleteType } from './types';

const T = '2026-01-01T00:00:00.000Z';
const typeOf = (name: string) => storedType(name, { IN_BOX: 2 });
const eventOf = (typeId: string, minute: number) => ({
  id: newId(),
  type_id: typeId,
  from_stage: null,
  to_stage: 'IN_BOX' as const,
  qty: 1,
  created_at: `2026-01-01T00:0${minute}:00.000Z`,
});

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

describe('database version 6: events without their own type_id index', () => {
  it('drops the index, and every query by type still finds its events', async () => {
    const [a, b] = [typeOf('Orks'), typeOf('Eldar')];
    const events = [eventOf(a.id, 1), eventOf(b.id, 2), eventOf(a.id, 3), eventOf(b.id, 4)];
    name = `upgrade-v6-${newId()}`;
    const old = legacyDb(name, 5);
    await old.table('types').bulkAdd([a, b]);
    await old.table('events').bulkAdd(events);
    old.close();

    db = openTrackerDb(name);
    await db.open();
    const store = db.backendDB().transaction('events').objectStore('events');
    expect([...store.indexNames].sort()).toEqual(['[type_id+created_at]', 'created_at']);

    const { history } = await readLedger(db, a.id, new Date(T), true);
    expect(history?.map((e) => e.id).sort()).toEqual([events[0]!.id, events[2]!.id].sort());
    // Many ids take the scan of the index's keys, not one get per id.
    const ids = [...events.map((e) => e.id), ...Array.from({ length: SCAN_FROM }, newId)];
    const held = await db.transaction('r', eventTables(db), async () => {
      return await heldTypesOf(db!, ids);
    });
    expect(new Map([...held].sort())).toEqual(
      new Map(events.map((e) => [e.id, e.type_id] as const).sort()),
    );
    await deleteType(db, a.id, new Date(T));
    expect((await db.events.toArray()).map((e) => e.id).sort()).toEqual(
      [events[1]!.id, events[3]!.id].sort(),
    );
  });
});
