import { describe, expect, it } from 'vitest';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { diffStates, isEmptyDelta } from './diff';
import { mergeStates } from './merge';
import { emptyState } from './state';

const A = uid(1);
const B = uid(2);
const C = uid(3);
const before = state(
  [
    type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1 }) }),
    type({ id: B, name: 'Eldar', created_at: at(5), counts: counts({ DONE: 1 }) }),
  ],
  [
    event({ id: uid(11), type_id: A }),
    event({ id: uid(21), type_id: B, to_stage: 'DONE', created_at: at(5) }),
  ],
  [tombstone({ id: uid(9) })],
);

describe('diffStates', () => {
  it('is empty between a state and itself', () => {
    const delta = diffStates(before, structuredClone(before));
    expect(isEmptyDelta(delta)).toBe(true);
    expect(delta).toEqual({
      upsertTypes: [],
      deleteTypeIds: [],
      insertEvents: [],
      moveEvents: [],
      updateEvents: [],
      upsertTombstones: [],
    });
  });

  it('lists new and changed types, deleted types, new events and new tombstones', () => {
    const after = state(
      [
        type({ id: A, name: 'Ork Boyz', name_updated_at: at(9), counts: counts({ IN_BOX: 1 }) }),
        type({ id: C, name: 'Tau', counts: counts({ PRIMING: 1 }) }),
      ],
      [event({ id: uid(11), type_id: A }), event({ id: uid(31), type_id: C, to_stage: 'PRIMING' })],
      [tombstone({ id: uid(9) }), tombstone({ id: B, deleted_at: at(7) })],
    );
    expect(diffStates(before, after)).toEqual({
      upsertTypes: [after.types[0], after.types[1]],
      deleteTypeIds: [B],
      insertEvents: [after.events[1]],
      moveEvents: [],
      updateEvents: [],
      upsertTombstones: [tombstone({ id: B, deleted_at: at(7) })],
    });
  });

  it('sees a change of counts, created_at or a tombstone', () => {
    const counted = {
      ...before,
      types: [{ ...before.types[0]!, counts: counts({ IN_BOX: 2 }) }, before.types[1]!],
    };
    expect(diffStates(before, counted).upsertTypes.map((t) => t.id)).toEqual([A]);
    const older = {
      ...before,
      types: [{ ...before.types[0]!, created_at: '2025-01-01T00:00:00.000Z' }, before.types[1]!],
    };
    expect(diffStates(before, older).upsertTypes.map((t) => t.id)).toEqual([A]);
    const refolded = { ...before, tombstones: [tombstone({ id: uid(9), merged_into: A })] };
    expect(diffStates(before, refolded).upsertTombstones).toEqual(refolded.tombstones);
  });

  it('moves the events of a type folded by name instead of re-inserting them', () => {
    const incoming = state(
      [type({ id: C, name: 'ORKS', created_at: '2025-12-31T00:00:00.000Z' })],
      [event({ id: uid(31), type_id: C, created_at: '2025-12-31T00:00:00.000Z' })],
    );
    const after = mergeStates(before, incoming).state;
    const delta = diffStates(before, after);
    expect(delta.deleteTypeIds).toEqual([A]);
    expect(delta.moveEvents).toEqual([{ id: uid(11), type_id: C }]);
    expect(delta.insertEvents.map((e) => e.id)).toEqual([uid(31)]);
    expect(delta.upsertTombstones).toEqual([{ id: A, deleted_at: at(0), merged_into: C }]);
    expect(isEmptyDelta(delta)).toBe(false);
  });

  it('from an empty state inserts everything', () => {
    const delta = diffStates(emptyState(), before);
    expect(delta.upsertTypes).toEqual(before.types);
    expect(delta.insertEvents).toEqual(before.events);
    expect(delta.upsertTombstones).toEqual(before.tombstones);
  });
});
