import { defaultTypeFields } from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from './ids';
import { getLocalChangeSeq } from './meta';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { legacyDb } from './test-db';

const uid = (n: number) => `abcdef00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T = (d: number) => `2026-01-0${d}T00:00:00.000Z`;
const counts = (c: Partial<Record<string, number>>) => ({
  IN_BOX: 0,
  BUILDING: 0,
  PRIMING: 0,
  PAINTING: 0,
  DONE: 0,
  ...c,
});

let name = '';
let db: TrackerDb | undefined;
afterEach(async () => {
  db?.close();
  await Dexie.delete(name);
});

/** A database as version 1 of the app left it, with rows written as they were. */
async function version1(rows: { types: unknown[]; events: unknown[]; tombstones: unknown[] }) {
  name = `upgrade-${newId()}`;
  const old = legacyDb(name, 1);
  await old.table('types').bulkAdd(rows.types);
  await old.table('events').bulkAdd(rows.events);
  await old.table('tombstones').bulkAdd(rows.tombstones);
  await old.table('meta').put({ key: 'local_change_seq', value: 7 });
  await old.table('meta').put({ key: 'dropped_event_ids', value: [uid(99).toUpperCase()] });
  old.close();
}

describe('database version 2: stored data brought to canonical values (SPEC §8)', () => {
  // Issue 8, item 1: a file with upper-case ids, then the server's lower-case copy of
  // it merged by name, turned 8 In box + 2 Priming into 16 + 4.
  it('repairs the double count of one file stored under two spellings of its ids', async () => {
    const up = (n: number) => uid(n).toUpperCase();
    const history = (id: (n: number) => string) => [
      {
        id: id(10),
        type_id: up(1),
        from_stage: null,
        to_stage: 'IN_BOX',
        qty: 10,
        created_at: T(1),
      },
      {
        id: id(11),
        type_id: up(1),
        from_stage: 'IN_BOX',
        to_stage: 'PRIMING',
        qty: 2,
        created_at: T(2),
      },
    ];
    await version1({
      types: [
        {
          id: up(1),
          name: 'Boyz',
          created_at: T(1),
          name_updated_at: T(1),
          counts: counts({ IN_BOX: 16, PRIMING: 4 }),
        },
      ],
      events: [...history(up), ...history(uid)],
      tombstones: [{ id: uid(1), deleted_at: T(1), merged_into: up(1) }],
    });
    db = openTrackerDb(name);
    const state = await readState(db);
    expect(state.types).toEqual([
      {
        id: uid(1),
        name: 'Boyz',
        created_at: T(1),
        name_updated_at: T(1),
        // version 3 gives every type the fields of SPEC §9 at their defaults
        ...defaultTypeFields(T(1)),
        counts: counts({ IN_BOX: 8, PRIMING: 2 }),
      },
    ]);
    expect(state.events.map((e) => e.id).sort()).toEqual([uid(10), uid(11)]);
    expect(state.tombstones).toEqual([]);
    expect(await getLocalChangeSeq(db)).toBe(8);
    expect((await db.meta.get('dropped_event_ids'))?.value).toEqual([uid(99)]);
  });

  it('folds names that now share an identity key and canonicalizes the rest', async () => {
    const t = (n: number, name: string, day: number, c: number) => ({
      id: uid(n),
      name,
      created_at: T(day),
      name_updated_at: T(day),
      counts: counts({ IN_BOX: c }),
    });
    const add = (n: number, type: number, day: number, qty: number) => ({
      id: uid(n),
      type_id: uid(type),
      from_stage: null,
      to_stage: 'IN_BOX',
      qty,
      created_at: T(day),
    });
    await version1({
      types: [
        t(1, 'Orks', 1, 1),
        t(2, 'Or\u200bks', 2, 2),
        t(3, 'İzmir Ruins', 3, 3),
        t(4, 'izmir ruins', 4, 4),
        t(5, 'Ork\u0000Boyz', 5, 5),
      ],
      events: [
        add(11, 1, 1, 1),
        add(12, 2, 2, 2),
        add(13, 3, 3, 3),
        add(14, 4, 4, 4),
        add(15, 5, 5, 5),
      ],
      tombstones: [],
    });
    db = openTrackerDb(name);
    const state = await readState(db);
    expect(state.types.map((x) => [x.name, x.counts.IN_BOX])).toEqual([
      ['Orks', 3],
      ['İzmir Ruins', 7],
      ['Ork Boyz', 5],
    ]);
    expect(state.tombstones.map((x) => [x.id, x.merged_into])).toEqual([
      [uid(2), uid(1)],
      [uid(4), uid(3)],
    ]);
    expect(state.events).toHaveLength(5);
  });

  it('leaves canonical data and the change counter untouched', async () => {
    const type = {
      id: uid(1),
      name: 'Orks',
      created_at: T(1),
      name_updated_at: T(1),
      counts: counts({ IN_BOX: 1 }),
    };
    const event = {
      id: uid(11),
      type_id: uid(1),
      from_stage: null,
      to_stage: 'IN_BOX',
      qty: 1,
      created_at: T(1),
    };
    await version1({ types: [type], events: [event], tombstones: [] });
    db = openTrackerDb(name);
    expect(await readState(db)).toEqual({
      types: [{ ...type, ...defaultTypeFields(T(1)) }],
      events: [event],
      tombstones: [],
    });
    expect(await getLocalChangeSeq(db)).toBe(7);
  });
});
