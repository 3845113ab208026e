import type { HistoryEvent } from '@mpt/shared';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addEvents,
  allEvents,
  clearEvents,
  countEvents,
  deleteEventsOfTypes,
  eventsById,
  eventsOfType,
  eventsOfTypeRange,
  eventsOfTypes,
  eventTables,
  heldTypesOf,
  lastEventOf,
  lastEventTimes,
  newestEvents,
  putEvents,
  SCAN_FROM,
} from './event-store';
import type { TrackerDb } from './schema';
import { freshDb } from './test-db';

// The contract of event storage (event-store.ts): whatever the rows look like, these
// reads give these events in this order. A change of storage keeps every test here.

const TYPES = ['0000000a-0000-4000-8000-000000000001', '0000000a-0000-4000-8000-000000000002'];
const TYPES_ALL = [...TYPES, '0000000a-0000-4000-8000-000000000003'];
let n = 0;
const id = () => `0000000e-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** An event of `type` at minute `minute` of 2026 (equal minutes test the id tie-break). */
const event = (type: string, minute: number, eventId = id()): HistoryEvent => ({
  id: eventId,
  type_id: type,
  from_stage: null,
  to_stage: 'IN_BOX',
  qty: 1,
  created_at: new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString(),
});

const byTypeThenTime = (a: HistoryEvent, b: HistoryEvent) =>
  a.type_id.localeCompare(b.type_id) ||
  a.created_at.localeCompare(b.created_at) ||
  a.id.localeCompare(b.id);
const newestFirst = (a: HistoryEvent, b: HistoryEvent) =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

const histories = fc.array(
  fc.record({
    type: fc.constantFrom(...TYPES_ALL),
    minute: fc.integer({ min: 0, max: 30 }),
  }),
  { maxLength: 40 },
);

/**
 * Stores `events` as both stores would hold them: those before `split` as a bulk
 * arrival (history rows), the rest one row each, as this device writes them.
 */
async function storeBoth(db: TrackerDb, events: HistoryEvent[], split: number) {
  await putEvents(db, events.slice(0, split), true);
  await addEvents(db, events.slice(split));
}

describe('event storage: what each read gives, in which order', () => {
  const db = freshDb();
  afterAll(() => db.delete());
  // Dexie keeps a transaction across native awaits only in an async scope (Dexie.js#978).
  const inTx = <T>(body: () => Promise<T>) =>
    db.transaction('rw', eventTables(db), async () => {
      return await body();
    });

  it('reads by type, by type range, newest and last agree with a sort of what was added', async () => {
    await fc.assert(
      fc.asyncProperty(
        histories,
        fc.integer({ min: 0, max: 31 }),
        fc.nat(40),
        async (drawn, cut, split) => {
          const events = drawn.map((d) => event(d.type, d.minute));
          const upTo = new Date(Date.UTC(2026, 0, 1) + cut * 60_000).toISOString();
          const got = await inTx(async () => {
            await clearEvents(db);
            await storeBoth(db, events, split);
            return {
              ofTypes: await eventsOfTypes(db, [...TYPES].reverse()),
              ofType: await eventsOfType(db, TYPES[0]!),
              range: await eventsOfTypeRange(db, TYPES[1]!, null),
              head: await eventsOfTypeRange(db, null, TYPES[1]!),
              last: await lastEventOf(db, TYPES[1]!),
              newest: await newestEvents(db, 7),
              newestUpTo: await newestEvents(db, 5, upTo),
              times: await lastEventTimes(db, 7),
              all: await allEvents(db),
              count: await countEvents(db),
            };
          });
          const sorted = [...events].sort(byTypeThenTime);
          const ofTypes = sorted.filter((e) => TYPES.includes(e.type_id));
          expect(got.ofTypes).toEqual(ofTypes);
          expect(got.ofType).toEqual(sorted.filter((e) => e.type_id === TYPES[0]));
          expect(got.range).toEqual(sorted.filter((e) => e.type_id >= TYPES[1]!));
          expect(got.head).toEqual(sorted.filter((e) => e.type_id < TYPES[1]!));
          expect(got.last).toEqual(sorted.filter((e) => e.type_id === TYPES[1]).at(-1));
          const newest = [...events].sort(newestFirst);
          expect(got.newest).toEqual(newest.slice(0, 7));
          expect(got.newestUpTo).toEqual(newest.filter((e) => e.created_at <= upTo).slice(0, 5));
          expect(got.all).toEqual([...events].sort((a, b) => a.id.localeCompare(b.id)));
          expect(got.count).toBe(events.length);
          // Newest times: every bulk history's, and the newest 7 events stored one each.
          const times = new Map<string, string>();
          for (const e of events.slice(0, split)) {
            if ((times.get(e.type_id) ?? '') < e.created_at) times.set(e.type_id, e.created_at);
          }
          for (const e of [...events.slice(split)].sort(newestFirst).slice(0, 7)) {
            if ((times.get(e.type_id) ?? '') < e.created_at) times.set(e.type_id, e.created_at);
          }
          expect(got.times).toEqual(times);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('by id: held events in the order asked, unknown ids left out', async () => {
    const [a, b, c] = [event(TYPES[0]!, 1), event(TYPES[1]!, 2), event(TYPES[0]!, 3)];
    const got = await inTx(async () => {
      await clearEvents(db);
      await addEvents(db, [a, b, c]);
      return eventsById(db, [c.id, id(), a.id]);
    });
    expect(got).toEqual([c, a]);
  });

  it('put replaces an event of the same id (a fold moves it to another type); add refuses it', async () => {
    const a = event(TYPES[0]!, 1);
    const moved = { ...a, type_id: TYPES[1]! };
    await inTx(async () => {
      await clearEvents(db);
      await addEvents(db, [a]);
      await putEvents(db, [moved]);
    });
    expect(await eventsOfType(db, TYPES[0]!)).toEqual([]);
    expect(await eventsOfType(db, TYPES[1]!)).toEqual([moved]);
    // A second add of one id fails the whole write: nothing of it is kept.
    const fresh = event(TYPES[0]!, 2);
    await expect(inTx(() => addEvents(db, [fresh, a]))).rejects.toThrow(/stored already/);
    expect(await allEvents(db)).toEqual([moved]);
  });

  it('put moves events between histories in any direction, each event held once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...TYPES_ALL), { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.constantFrom(...TYPES_ALL), fc.nat(30))),
        fc.nat(12),
        fc.boolean(),
        async (homes, moves, split, bulk) => {
          const events = homes.map((t, i) => event(t, i));
          const put = new Map<string, HistoryEvent>();
          for (const [i, type, minute] of moves) {
            const e = events[i % events.length]!;
            put.set(e.id, { ...e, type_id: type, created_at: event(type, minute).created_at });
          }
          const got = await inTx(async () => {
            await clearEvents(db);
            await storeBoth(db, events, split);
            await putEvents(db, [...put.values()], bulk);
            return {
              all: await allEvents(db),
              byType: await eventsOfTypes(db, TYPES_ALL),
              count: await countEvents(db),
              held: await heldTypesOf(
                db,
                events.map((e) => e.id),
              ),
            };
          });
          const expected = events.map((e) => put.get(e.id) ?? e);
          expect(got.all).toEqual([...expected].sort((a, b) => a.id.localeCompare(b.id)));
          expect(got.byType).toEqual([...expected].sort(byTypeThenTime));
          expect(got.count).toBe(events.length);
          // Each id is found under the type it has now, wherever it is stored.
          expect(got.held).toEqual(new Map(expected.map((e) => [e.id, e.type_id])));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('add refuses an id a history row holds; a bulk add refuses one stored one row each', async () => {
    const [a, b] = [event(TYPES[0]!, 1), event(TYPES[1]!, 2)];
    await inTx(async () => {
      await clearEvents(db);
      await putEvents(db, [a], true);
      await addEvents(db, [b]);
    });
    await expect(inTx(() => addEvents(db, [event(TYPES[1]!, 3), a]))).rejects.toThrow(
      /stored already/,
    );
    const many = Array.from({ length: 3 }, (_, i) => event(TYPES[1]!, 10 + i));
    await expect(
      inTx(async () => {
        await putEvents(db, [...many, b], true);
        await addEvents(db, [b]);
      }),
    ).rejects.toThrow(/stored already/);
    expect(await allEvents(db)).toEqual([a, b].sort((x, y) => x.id.localeCompare(y.id)));
  });

  it('deleting the events of some types keeps every other type whole', async () => {
    const events = TYPES_ALL.flatMap((t, i) => [event(t, i), event(t, i + 10)]);
    await inTx(async () => {
      await clearEvents(db);
      await storeBoth(db, events, 3);
      await deleteEventsOfTypes(db, [TYPES_ALL[0]!, TYPES_ALL[2]!]);
    });
    expect(await allEvents(db)).toEqual(events.filter((e) => e.type_id === TYPES_ALL[1]));
    expect(await countEvents(db)).toBe(2);
    const ids = events.map((e) => e.id);
    const held = await db.transaction('r', eventTables(db), async () => await heldTypesOf(db, ids));
    expect(held).toEqual(
      new Map(events.filter((e) => e.type_id === TYPES_ALL[1]).map((e) => [e.id, e.type_id])),
    );
  });
});

describe('which incoming events this device holds, and under which type', () => {
  const db = freshDb();
  afterAll(() => db.delete());

  it('a key scan for many ids answers exactly as a get per id does', async () => {
    const held = Array.from({ length: 1_500 }, (_, i) => event(TYPES_ALL[i % 3]!, i));
    await db.transaction('rw', eventTables(db), async () => {
      await addEvents(db, held);
    });
    const unknown = Array.from({ length: 600 }, () => id());
    const asked = [...held.slice(0, 700).map((e) => e.id), ...unknown];
    expect(asked.length).toBeGreaterThanOrEqual(SCAN_FROM);
    const expected = new Map(held.slice(0, 700).map((e) => [e.id, e.type_id]));
    const scanned = await db.transaction('r', eventTables(db), () => heldTypesOf(db, asked));
    expect(scanned).toEqual(expected);
    // Fewer ids than SCAN_FROM take the other path: the same answer for the same ids.
    // By id, many at once (a push after a large import): the same events, in order.
    const byId = await db.transaction('r', eventTables(db), async () => {
      return await eventsById(db, asked);
    });
    expect(byId).toEqual(held.slice(0, 700));
    const few = [...asked.slice(0, 20), ...unknown.slice(0, 20)];
    const got = await db.transaction('r', eventTables(db), () => heldTypesOf(db, few));
    expect(got).toEqual(
      new Map(few.filter((x) => expected.has(x)).map((x) => [x, expected.get(x)!])),
    );
  });
});

describe('many ids or types on a device that holds no event, or holds them in one store only', () => {
  const db = freshDb();
  afterAll(() => db.delete());
  const typeIds = Array.from(
    { length: 150 },
    (_, i) => `0000000b-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const incoming = Array.from({ length: 1_500 }, (_, i) => event(typeIds[i % 150]!, i));
  const ids = incoming.map((e) => e.id);
  const inTx = <T>(body: () => Promise<T>) =>
    db.transaction('rw', eventTables(db), async () => {
      return await body();
    });

  it('answers as the store holds them: nothing, then every event from history rows alone', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(SCAN_FROM);
    expect(await inTx(() => heldTypesOf(db, ids))).toEqual(new Map());
    expect(await inTx(() => eventsOfTypes(db, typeIds))).toEqual([]);
    // A first sync's bulk write into the empty store, then the same reads.
    await inTx(() => putEvents(db, incoming, true));
    expect(await inTx(() => heldTypesOf(db, ids))).toEqual(
      new Map(incoming.map((e) => [e.id, e.type_id])),
    );
    expect(await inTx(() => eventsOfTypes(db, typeIds))).toEqual(
      [...incoming].sort(byTypeThenTime),
    );
    // Put again in bulk with every event moved to the next type: each held once, moved.
    const moved = incoming.map((e, i) => ({ ...e, type_id: typeIds[(i + 1) % 150]! }));
    await inTx(() => putEvents(db, moved, true));
    expect(await inTx(() => eventsOfTypes(db, typeIds))).toEqual([...moved].sort(byTypeThenTime));
    expect(await inTx(() => countEvents(db))).toBe(moved.length);
  });
});
