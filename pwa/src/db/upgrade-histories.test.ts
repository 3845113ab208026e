import { compareEvents } from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allEvents,
  countEvents,
  eventsOfType,
  eventTables,
  heldTypesOf,
  SCAN_FROM,
} from './event-store';
import { newId } from './ids';
import { readLedger } from './ledger';
import { openTrackerDb, type TrackerDb } from './schema';
import { storedType } from './test-db';
import { deleteType } from './types';

const T = '2026-01-01T00:00:00.000Z';
const typeOf = (name: string) => storedType(name, { IN_BOX: 2 });
const eventOf = (typeId: string, minute: number) => ({
  id: newId(),
  type_id: typeId,
  from_stage: null,
  to_stage: 'IN_BOX' as const,
  qty: 1,
  created_at: new Date(Date.parse(T) + minute * 60_000).toISOString(),
});

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

describe('database versions 8–9: events move into one history row per type', () => {
  it('moves every event, in history order, even one whose type row is gone, and drops the old table', async () => {
    // More types than one step of the move takes (200), and events stored out of order.
    const types = Array.from({ length: 450 }, (_, i) => typeOf(`Type ${i}`));
    const events = types.flatMap((t, i) => [eventOf(t.id, 3 + (i % 7)), eventOf(t.id, i % 5)]);
    const orphan = eventOf(newId(), 1);
    name = `upgrade-v8-${newId()}`;
    const old = new Dexie(name);
    old.version(7).stores({
      types: 'id, name',
      events: 'id, created_at, [type_id+created_at]',
      tombstones: 'id',
      restore_points: 'id, created_at',
      restore_point_data: 'id',
      meta: 'key',
      outbox: '++n',
    });
    await old.table('types').bulkAdd(types);
    await old.table('events').bulkAdd([...events, orphan]);
    old.close();

    db = openTrackerDb(name);
    await db.open();
    expect([...db.backendDB().objectStoreNames]).not.toContain('events');
    expect(await countEvents(db)).toBe(events.length + 1);
    const stored = await allEvents(db);
    expect(stored).toEqual([...events, orphan].sort((x, y) => (x.id < y.id ? -1 : 1)));
    const a = types[7]!;
    expect(await eventsOfType(db, a.id)).toEqual(
      events.filter((e) => e.type_id === a.id).sort(compareEvents),
    );
    expect(await eventsOfType(db, orphan.type_id)).toEqual([orphan]);

    const { history } = await readLedger(db, a.id, new Date(T), true);
    expect(history).toHaveLength(2);
    // Many ids take the scan of the id index's keys, not a lookup per id.
    const ids = [...events.map((e) => e.id), ...Array.from({ length: SCAN_FROM }, newId)];
    const held = await db.transaction('r', eventTables(db), () => heldTypesOf(db!, ids));
    expect(new Map([...held].sort())).toEqual(
      new Map(events.map((e) => [e.id, e.type_id] as const).sort()),
    );
    await deleteType(db, a.id, new Date(T));
    expect(await eventsOfType(db, a.id)).toEqual([]);
    expect(await countEvents(db)).toBe(events.length - 1);
  });
});
