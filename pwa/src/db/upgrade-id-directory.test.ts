import type { HistoryEvent } from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addEvents,
  allEvents,
  countEvents,
  eventsOfType,
  eventTables,
  heldTypesOf,
  putEvents,
} from './event-store';
import { newId } from './ids';
import { openTrackerDb, type TrackerDb } from './schema';
import { legacyDb } from './test-db';

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

const [A, B] = [newId(), newId()];
const event = (typeId: string, minute: number): HistoryEvent => ({
  id: newId(),
  type_id: typeId,
  from_stage: null,
  to_stage: 'IN_BOX',
  qty: 1,
  created_at: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
});

describe('database version 10: history rows by column, their id index a directory', () => {
  it('keeps every event of a version 8 database, and finds each by id in its row', async () => {
    // Marks too: an undo, a rework, a newer version's unknown field, each kept.
    const bulkA = Array.from({ length: 30 }, (_, i) => event(A, i));
    bulkA[5] = { ...bulkA[5]!, reverts: bulkA[4]!.id };
    bulkA[6] = { ...bulkA[6]!, from_stage: 'PAINTING', to_stage: 'PRIMING', rework: true };
    bulkA[7] = { ...bulkA[7]!, extra: { glaze: { layers: 2 } } };
    const bulkB = Array.from({ length: 20 }, (_, i) => event(B, i));
    const own = [event(A, 100), event(B, 101)];
    name = `upgrade-v10-${newId()}`;
    const old = legacyDb(name, 8);
    await old.table('events').bulkAdd(own);
    await old.table('histories').bulkAdd(
      [bulkA, bulkB].map((events) => ({
        type_id: events[0]!.type_id,
        events,
        last_at: events.at(-1)!.created_at,
        ids: events.map((e) => e.id),
      })),
    );
    old.close();

    db = openTrackerDb(name);
    await db.open();
    const store = db.backendDB().transaction('histories').objectStore('histories');
    expect([...store.indexNames].sort()).toEqual(['last_at', 'n']);
    const rows = await db.histories.toArray();
    expect(rows.map((row) => [row.type_id, row.n, 'events' in row])).toEqual(
      [
        [A, bulkA.length, false],
        [B, bulkB.length, false],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
    const all = [...bulkA, ...bulkB, ...own];
    const byId = (a: HistoryEvent, b: HistoryEvent) => (a.id < b.id ? -1 : 1);
    expect(await allEvents(db)).toEqual([...all].sort(byId));
    expect(await countEvents(db)).toBe(all.length);
    const ids = all.map((e) => e.id);
    const held = await db.transaction(
      'r',
      eventTables(db),
      async () => await heldTypesOf(db!, ids),
    );
    expect(held).toEqual(new Map(all.map((e) => [e.id, e.type_id])));

    // After the upgrade, a held id is still refused and a bulk event still moves.
    await expect(
      db.transaction('rw', eventTables(db), async () => await addEvents(db!, [bulkA[3]!])),
    ).rejects.toThrow(/stored already/);
    const moved = { ...bulkA[0]!, type_id: B };
    await db.transaction('rw', eventTables(db), async () => await putEvents(db!, [moved]));
    expect((await eventsOfType(db, A)).map((e) => e.id)).not.toContain(moved.id);
    expect(await eventsOfType(db, B)).toContainEqual(moved);
    expect(await countEvents(db)).toBe(all.length);
  });
});
