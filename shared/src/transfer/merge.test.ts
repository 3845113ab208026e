import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { defaultTypeFields } from '../schema/entities';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { mergeStates } from './merge';
import { emptyState, type TrackerState } from './state';

const A = uid(1);
const B = uid(2);
const C = uid(3);

/** Merges both ways and checks the states agree (commutativity on every example). */
function merge(x: TrackerState, y: TrackerState) {
  const out = mergeStates(x, y);
  expect(mergeStates(y, x).state).toEqual(out.state);
  return out;
}

describe('step 1: events are a union by id', () => {
  it('keeps every event of both sides once', () => {
    const e1 = event({ id: uid(11), type_id: A });
    const e2 = event({ id: uid(12), type_id: A, created_at: at(5) });
    const x = state([type({ id: A, name: 'Orks' })], [e1]);
    const y = state([type({ id: A, name: 'Orks' })], [e1, e2]);
    const out = merge(x, y);
    expect(out.state.events).toEqual([e1, e2]);
    expect(out.state.types[0]!.counts).toEqual(counts({ IN_BOX: 2 }));
  });

  it('throws ERR_IMPORT_INCONSISTENT for one id with different content', () => {
    const x = state([type({ id: A })], [event({ id: uid(11), type_id: A, qty: 1 })]);
    const y = state([type({ id: A })], [event({ id: uid(11), type_id: A, qty: 2 })]);
    const run = () => mergeStates(x, y);
    expect(run).toThrow(DomainError);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'ERR_IMPORT_INCONSISTENT',
        details: { reason: 'event_id_reused', event_id: uid(11) },
      });
    }
    for (const change of [
      { created_at: at(1) },
      { to_stage: 'DONE' as const },
      { from_stage: 'IN_BOX' as const },
    ]) {
      const z = state([type({ id: A })], [event({ id: uid(11), type_id: A, ...change })]);
      expect(() => mergeStates(x, z)).toThrow(DomainError);
    }
  });
});

describe('step 2: tombstones', () => {
  it('a tombstone wins: the type and its events are gone, the tombstone stays', () => {
    const x = state(
      [type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1 }) })],
      [event({ id: uid(11), type_id: A })],
    );
    const y = state([], [], [tombstone({ id: A, deleted_at: at(9) })]);
    const out = merge(x, y);
    expect(out.state).toEqual(state([], [], [tombstone({ id: A, deleted_at: at(9) })]));
  });

  it('a tombstone also removes events a later replica added to the deleted type', () => {
    const x = state([], [], [tombstone({ id: A })]);
    const y = state(
      [type({ id: A, counts: counts({ DONE: 1 }) })],
      [event({ id: uid(99), type_id: A, to_stage: 'DONE', created_at: at(10_000) })],
    );
    expect(merge(x, y).state.events).toEqual([]);
  });

  it('merged_into makes the events of a folded type follow it to the survivor', () => {
    const x = state(
      [type({ id: B, name: 'Orks 2', counts: counts({ DONE: 2 }) })],
      [event({ id: uid(21), type_id: B, to_stage: 'DONE', qty: 2, created_at: at(4) })],
    );
    const y = state(
      [type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1 }) })],
      [event({ id: uid(11), type_id: A })],
      [tombstone({ id: B, deleted_at: at(2), merged_into: A })],
    );
    const out = merge(x, y);
    expect(out.state.types).toEqual([
      type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1, DONE: 2 }) }),
    ]);
    expect(out.state.events.map((e) => [e.id, e.type_id])).toEqual([
      [uid(11), A],
      [uid(21), A],
    ]);
  });

  it('follows a chain of folds and records its end', () => {
    const x = state(
      [type({ id: A, name: 'Orks' })],
      [event({ id: uid(31), type_id: C, created_at: at(1) })],
      [tombstone({ id: B, merged_into: A })],
    );
    // C was folded into B on a replica that had not seen B folded into A.
    const y = state([type({ id: C })], [event({ id: uid(31), type_id: C, created_at: at(1) })]);
    const z = state([], [], [tombstone({ id: C, merged_into: B })]);
    const out = mergeStates(mergeStates(x, y).state, z);
    expect(out.state.events).toEqual([event({ id: uid(31), type_id: A, created_at: at(1) })]);
    expect(out.state.tombstones).toEqual([
      tombstone({ id: B, merged_into: A }),
      tombstone({ id: C, merged_into: A }),
    ]);
  });

  it('a fold into a deleted type loses its events with it', () => {
    const x = state([type({ id: B })], [event({ id: uid(21), type_id: B })]);
    const y = state([], [], [tombstone({ id: B, merged_into: A }), tombstone({ id: A })]);
    expect(merge(x, y).state.events).toEqual([]);
  });

  it('two tombstones of one id: a deletion beats a fold, then the earliest wins', () => {
    const fold = tombstone({ id: B, deleted_at: at(1), merged_into: A });
    const deletion = tombstone({ id: B, deleted_at: at(5) });
    expect(merge(state([], [], [fold]), state([], [], [deletion])).state.tombstones).toEqual([
      deletion,
    ]);
    const early = tombstone({ id: B, deleted_at: at(1) });
    expect(merge(state([], [], [early]), state([], [], [deletion])).state.tombstones).toEqual([
      early,
    ]);
  });
});

describe('step 3: one type id on both sides', () => {
  it('takes the name with the later name_updated_at and the earlier created_at', () => {
    const x = type({ id: A, name: 'Orks', created_at: at(0), name_updated_at: at(50) });
    const y = type({ id: A, name: 'Ork Boyz', created_at: at(3), name_updated_at: at(80) });
    // The fields of SPEC §9 are the same on both; each keeps its later time (y's creation).
    expect(merge(state([x]), state([y])).state.types).toEqual([
      type({
        id: A,
        name: 'Ork Boyz',
        created_at: at(0),
        name_updated_at: at(80),
        ...defaultTypeFields(at(3)),
      }),
    ]);
  });

  it('breaks a name_updated_at tie with the smaller name', () => {
    const x = type({ id: A, name: 'Zealots', name_updated_at: at(50) });
    const y = type({ id: A, name: 'Archons', name_updated_at: at(50) });
    expect(merge(state([x]), state([y])).state.types[0]!.name).toBe('Archons');
  });
});

describe('step 4: live types whose names collide are one type', () => {
  const orks = type({
    id: B,
    name: 'Orks',
    created_at: at(10),
    name_updated_at: at(10),
    counts: counts({ IN_BOX: 3 }),
  });
  const orksEvent = event({
    id: uid(21),
    type_id: B,
    to_stage: 'IN_BOX',
    qty: 3,
    created_at: at(10),
  });

  it('the type created first survives; the other becomes a tombstone with merged_into and its events move', () => {
    const older = type({ id: C, name: 'ORKS', created_at: at(0), counts: counts({ DONE: 1 }) });
    const olderEvent = event({ id: uid(31), type_id: C, to_stage: 'DONE', qty: 1 });
    const out = merge(state([orks], [orksEvent]), state([older], [olderEvent]));
    expect(out.state).toEqual(
      state(
        [type({ id: C, name: 'ORKS', created_at: at(0), counts: counts({ IN_BOX: 3, DONE: 1 }) })],
        [olderEvent, { ...orksEvent, type_id: C }],
        [tombstone({ id: B, deleted_at: at(10), merged_into: C })],
      ),
    );
    expect(out.conflicts).toEqual([]);
  });

  it('on a created_at tie the smaller id survives', () => {
    const twin = type({ id: A, name: 'orks', created_at: at(10) });
    const out = merge(state([orks], [orksEvent]), state([twin]));
    expect(out.state.types.map((t) => [t.id, t.name])).toEqual([[A, 'orks']]);
    expect(out.state.tombstones).toEqual([
      tombstone({ id: B, deleted_at: at(10), merged_into: A }),
    ]);
  });

  it('compares normalized keys: case (Latin and Cyrillic), spaces and composition', () => {
    const pairs: [string, string][] = [
      ['Тираниды', 'ТИРАНИДЫ'],
      ['Space Marines', 'space  marines'],
      ['Café', 'Cafe\u0301'],
    ];
    for (const [first, second] of pairs) {
      const x = state([type({ id: A, name: first, created_at: at(0) })]);
      const y = state([type({ id: B, name: second, created_at: at(1) })]);
      expect(merge(x, y).state.types.map((t) => t.id)).toEqual([A]);
    }
    const different = merge(
      state([type({ id: A, name: 'Orks' })]),
      state([type({ id: B, name: 'Ork' })]),
    );
    expect(different.state.types).toHaveLength(2);
  });

  it('folds three at once into the oldest', () => {
    const x = state([type({ id: C, name: 'Orks', created_at: at(2) })]);
    const y = state([
      type({ id: B, name: 'orks', created_at: at(1) }),
      type({ id: A, name: 'Eldar' }),
    ]);
    const z = state([type({ id: uid(4), name: 'ORKS', created_at: at(0) })]);
    const out = mergeStates(mergeStates(x, y).state, z);
    expect(out.state.types.map((t) => t.id)).toEqual([A, uid(4)]);
    expect(out.state.tombstones.map((t) => [t.id, t.merged_into])).toEqual([
      [B, uid(4)],
      [C, uid(4)],
    ]);
  });

  it('a file from another installation adds its counts and appends its history ("merges by name")', () => {
    const mine = state(
      [type({ id: A, name: 'Intercessors', counts: counts({ PRIMING: 2 }) })],
      [event({ id: uid(11), type_id: A, to_stage: 'PRIMING', qty: 2 })],
    );
    const theirs = state(
      [
        type({
          id: B,
          name: 'intercessors',
          created_at: at(100),
          name_updated_at: at(100),
          counts: counts({ DONE: 5 }),
        }),
      ],
      [event({ id: uid(21), type_id: B, to_stage: 'DONE', qty: 5, created_at: at(100) })],
    );
    const out = merge(mine, theirs);
    expect(out.state.types).toEqual([
      type({ id: A, name: 'Intercessors', counts: counts({ PRIMING: 2, DONE: 5 }) }),
    ]);
    expect(out.state.events.map((e) => e.id)).toEqual([uid(11), uid(21)]);
  });

  it('a deleted type does not collide', () => {
    const x = state([type({ id: A, name: 'Orks' })]);
    const y = state([type({ id: B, name: 'Orks', created_at: at(1) })], [], [tombstone({ id: A })]);
    expect(merge(x, y).state.types.map((t) => t.id)).toEqual([B]);
  });

  it('an event two replicas folded into different survivors follows its type’s tombstone, once', () => {
    // B was folded into A on one replica and into C on another (A and C no longer collide).
    const e = event({ id: uid(21), to_stage: 'DONE', created_at: at(5) });
    const x = state(
      [type({ id: A, name: 'Orks', counts: counts({ DONE: 1 }) })],
      [{ ...e, type_id: A }],
      [tombstone({ id: B, merged_into: A })],
    );
    const y = state(
      [type({ id: C, name: 'Eldar', counts: counts({ DONE: 1 }) })],
      [{ ...e, type_id: C }],
      [tombstone({ id: B, merged_into: C })],
    );
    const out = merge(x, y);
    expect(out.state.tombstones).toEqual([tombstone({ id: B, merged_into: A })]);
    expect(out.state.events).toEqual([{ ...e, type_id: A }]);
    expect(out.state.types.map((t) => [t.id, t.counts.DONE])).toEqual([
      [A, 1],
      [C, 0],
    ]);
  });
});

describe('step 5: counts are recomputed by replay; conflicts are kept and reported', () => {
  const add = event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2, created_at: at(0) });
  const painted = event({
    id: uid(12),
    type_id: A,
    from_stage: 'IN_BOX',
    to_stage: 'DONE',
    qty: 2,
    created_at: at(10),
  });
  const sold = event({
    id: uid(13),
    type_id: A,
    from_stage: 'IN_BOX',
    to_stage: null,
    qty: 2,
    created_at: at(20),
  });
  const phone = state([type({ id: A, name: 'Orks', counts: counts({ DONE: 2 }) })], [add, painted]);
  const tablet = state([type({ id: A, name: 'Orks', counts: counts() })], [add, sold]);

  it('ignores the counts it is given', () => {
    const wrong = state([type({ id: A, name: 'Orks', counts: counts({ DONE: 99 }) })], [add]);
    expect(merge(wrong, emptyState()).state.types[0]!.counts).toEqual(counts({ IN_BOX: 2 }));
  });

  it('does not apply an event that would go negative, keeps it, and reports type, event and reason', () => {
    const out = mergeStates(phone, tablet);
    expect(out.state.types).toEqual([type({ id: A, name: 'Orks', counts: counts({ DONE: 2 }) })]);
    expect(out.state.events).toEqual([add, painted, sold]);
    expect(out.skipped).toEqual(new Set([uid(13)]));
    expect(out.conflicts).toEqual([
      { type_id: A, type_name: 'Orks', event: sold, reason: 'ERR_INSUFFICIENT_QTY' },
    ]);
  });

  it('reports an event of the base that the merge now sets aside', () => {
    // The tablet's own removal applied on the tablet; after the merge it no longer does.
    const out = mergeStates(tablet, phone);
    expect(out.conflicts.map((c) => c.event.id)).toEqual([uid(13)]);
  });

  it('does not report again a conflict the base already holds', () => {
    const merged = mergeStates(phone, tablet).state;
    expect(mergeStates(merged, tablet).conflicts).toEqual([]);
    expect(mergeStates(merged, merged).conflicts).toEqual([]);
    expect(mergeStates(merged, tablet).skipped).toEqual(new Set([uid(13)]));
  });

  it('reports a conflict under the name the merge gives the type', () => {
    const renamed = state(
      [type({ id: A, name: 'Ork Boyz', name_updated_at: at(50) })],
      [add, sold],
    );
    expect(mergeStates(phone, renamed).conflicts[0]!.type_name).toBe('Ork Boyz');
  });
});

describe('mergeStates', () => {
  it('returns canonical order: types and tombstones by id, events by (created_at, id)', () => {
    const x = state(
      [type({ id: B, name: 'b' })],
      [event({ id: uid(30), type_id: B, created_at: at(1) })],
    );
    const y = {
      types: [type({ id: A, name: 'a' })],
      events: [
        event({ id: uid(40), type_id: A, created_at: at(1) }),
        event({ id: uid(50), type_id: A, created_at: at(0) }),
      ],
      tombstones: [tombstone({ id: uid(9) }), tombstone({ id: uid(8) })],
    };
    const out = mergeStates(x, y).state;
    expect(out.types.map((t) => t.id)).toEqual([A, B]);
    expect(out.events.map((e) => e.id)).toEqual([uid(50), uid(30), uid(40)]);
    expect(out.tombstones.map((t) => t.id)).toEqual([uid(8), uid(9)]);
  });

  it('counts the events of incoming that base did not have', () => {
    const e1 = event({ id: uid(11), type_id: A });
    const e2 = event({ id: uid(12), type_id: A, created_at: at(1) });
    const gone = event({ id: uid(31), type_id: C });
    const x = state([type({ id: A, name: 'a' })], [e1], [tombstone({ id: C })]);
    const y = state([type({ id: A, name: 'a' }), type({ id: C, name: 'c' })], [e1, e2, gone]);
    expect(mergeStates(x, y).added).toBe(1);
    expect(mergeStates(y, x).added).toBe(0);
  });

  it('does not change its inputs', () => {
    const x = state(
      [type({ id: B, name: 'Orks', created_at: at(5) })],
      [event({ id: uid(21), type_id: B })],
    );
    const y = state([type({ id: A, name: 'orks' })]);
    const copies = structuredClone([x, y]);
    mergeStates(x, y);
    expect([x, y]).toEqual(copies);
  });

  it('of two empty states is empty', () => {
    expect(mergeStates(emptyState(), emptyState())).toEqual({
      state: emptyState(),
      conflicts: [],
      skipped: new Set(),
      added: 0,
    });
  });
});
