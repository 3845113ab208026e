import { describe, expect, it } from 'vitest';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { planImport } from '../transfer/import';
import { changeScope, planChanges, scopedState } from './scope';

const A = uid(1);
const B = uid(2);
const C = uid(3);
const D = uid(4);

describe('changeScope', () => {
  it('holds the named types, the types their folds lead to and same-named live types', () => {
    const local = state(
      [
        type({ id: A, name: 'Orks' }),
        type({ id: C, name: 'Eldar' }),
        type({ id: D, name: 'Tau', created_at: at(9) }),
      ],
      [],
      [tombstone({ id: B, merged_into: C })],
    );
    const changes = state(
      [type({ id: uid(5), name: 'ORKS', created_at: at(1) })],
      [event({ id: uid(21), type_id: uid(5) })],
      [tombstone({ id: uid(6), merged_into: B })],
    );
    const { scope } = scopedState(local, changes);
    expect([...scope].sort()).toEqual([A, B, C, uid(5), uid(6)].sort());
    expect(scope.has(D)).toBe(false);
  });

  it('holds the type an event already sits under when the changes file it under another', () => {
    // This replica folded B into A; another folded B into C, and sends C with the event
    // but not its tombstone (sent before). A must be merged too, or e would be counted twice.
    const e = event({ id: uid(21), to_stage: 'DONE', created_at: at(5) });
    const local = state(
      [type({ id: A, name: 'Orks', counts: counts({ DONE: 1 }) })],
      [{ ...e, type_id: A }],
      [tombstone({ id: B, merged_into: A })],
    );
    const changes = state(
      [type({ id: C, name: 'Eldar', counts: counts({ DONE: 1 }) })],
      [{ ...e, type_id: C }],
    );
    const { scope, scoped } = scopedState(local, changes);
    expect(scope.has(A)).toBe(true);
    const full = planImport(local, changes, false);
    expect(planChanges(scoped, changes, false).state).toEqual(full.state);
    expect(full.state.events).toHaveLength(1);
    const blind = changeScope(
      { typeKeys: [[A, 'orks']], tombstones: local.tombstones, heldEventTypes: new Map() },
      changes,
    );
    expect(blind.has(A)).toBe(false);
  });
});
