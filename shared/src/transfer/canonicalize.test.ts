import { describe, expect, it } from 'vitest';
import { replay } from '../pipeline/replay';
import {
  at,
  counts,
  event,
  uid as plainUid,
  state,
  tombstone,
  type,
} from '../test-support/builders';
import { TIME_RANGE } from '../values/time';
import { canonicalizeState } from './canonicalize';

/** Ids with letters in them, so that case matters. */
const uid = (n: number) => plainUid(n, 0xabc);
const A = uid(1);
const B = uid(2);

describe('canonicalizeState (stored data brought to SPEC §8)', () => {
  // Issue 8, item 1: a file with upper-case ids was imported, then the server's
  // lower-case copy of it was merged by name: 8 In box + 2 Priming became 16 + 4.
  it('repairs the double count of one file stored under two spellings of its ids', () => {
    const upper = (n: number) => uid(n).toUpperCase();
    const history = (spell: (n: number) => string, typeId: string) => [
      event({ id: spell(10), type_id: typeId, to_stage: 'IN_BOX', qty: 10 }),
      event({
        id: spell(11),
        type_id: typeId,
        from_stage: 'IN_BOX',
        to_stage: 'PRIMING',
        qty: 2,
        created_at: at(1),
      }),
    ];
    const doubled = state(
      [type({ id: upper(1), name: 'Boyz', counts: counts({ IN_BOX: 16, PRIMING: 4 }) })],
      [...history(upper, upper(1)), ...history(uid, upper(1))],
      [tombstone({ id: A, merged_into: upper(1) })],
    );
    const { state: fixed, conflicts } = canonicalizeState(doubled);
    expect(conflicts).toEqual([]);
    expect(fixed.types).toEqual([
      type({ id: A, name: 'Boyz', counts: counts({ IN_BOX: 8, PRIMING: 2 }) }),
    ]);
    expect(fixed.events.map((e) => e.id)).toEqual([uid(10), uid(11)]);
    expect(fixed.tombstones).toEqual([]);
  });

  it('folds types whose names become one identity key, losing no event', () => {
    const s = state(
      [
        type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1 }) }),
        type({ id: B, name: 'Or\u200bks', created_at: at(5), counts: counts({ DONE: 2 }) }),
      ],
      [
        event({ id: uid(10), type_id: A, to_stage: 'IN_BOX', qty: 1 }),
        event({ id: uid(20), type_id: B, to_stage: 'DONE', qty: 2, created_at: at(5) }),
      ],
    );
    const { state: fixed } = canonicalizeState(s);
    expect(fixed.types).toEqual([
      type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1, DONE: 2 }) }),
    ]);
    expect(fixed.tombstones).toEqual([tombstone({ id: B, deleted_at: at(5), merged_into: A })]);
    expect(fixed.events).toHaveLength(2);
  });

  it('names a type with nothing visible left by its id, and canonicalizes the rest', () => {
    const s = state([
      type({ id: A, name: '\u200b' }),
      type({ id: B, name: 'Ork\u0000Boyz \ud83c' }),
    ]);
    expect(canonicalizeState(s).state.types.map((t) => t.name)).toEqual([
      `#${A.slice(0, 8)}`,
      'Ork Boyz \ufffd',
    ]);
  });

  it('clamps stored times into the accepted range and keeps the history replayable', () => {
    const s = state(
      [
        type({
          id: A,
          created_at: '0010-06-15T00:00:00.000Z',
          name_updated_at: '0010-06-15T00:00:00.000Z',
          counts: counts({ IN_BOX: 1 }),
        }),
      ],
      [
        event({
          id: uid(10),
          type_id: A,
          to_stage: 'IN_BOX',
          qty: 2,
          created_at: '0010-06-15T00:00:00.000Z',
        }),
        event({
          id: uid(11),
          type_id: A,
          from_stage: 'IN_BOX',
          to_stage: null,
          qty: 1,
          created_at: '+010000-01-01T00:00:00.000Z',
        }),
      ],
    );
    const { state: fixed } = canonicalizeState(s);
    expect(fixed.types[0]).toMatchObject({
      created_at: TIME_RANGE.min,
      counts: counts({ IN_BOX: 1 }),
    });
    expect(fixed.events.map((e) => e.created_at)).toEqual([TIME_RANGE.min, TIME_RANGE.max]);
    expect(replay(fixed.events).counts).toEqual(fixed.types[0]!.counts);
  });

  it('tells apart two different events that shared an id in two cases', () => {
    const s = state(
      [type({ id: A, counts: counts({ IN_BOX: 3 }) })],
      [
        event({ id: uid(10), type_id: A, to_stage: 'IN_BOX', qty: 1 }),
        event({ id: uid(10).toUpperCase(), type_id: A, to_stage: 'IN_BOX', qty: 2 }),
      ],
    );
    const { state: fixed } = canonicalizeState(s);
    expect(fixed.events).toHaveLength(2);
    expect(fixed.types[0]!.counts).toEqual(counts({ IN_BOX: 3 }));
  });

  it('leaves a canonical state as it is', () => {
    const s = state(
      [type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1 }) })],
      [event({ id: uid(10), type_id: A, to_stage: 'IN_BOX', qty: 1 })],
      [tombstone({ id: B })],
    );
    expect(canonicalizeState(s).state).toEqual(s);
  });
});
