import { describe, expect, it } from 'vitest';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { withoutSent } from './answer';

const A = uid(1);
const B = uid(2);

describe('withoutSent', () => {
  it('sends the goal and unknown top-level fields back only when they differ from what the device sent', () => {
    const goal = {
      value: { metric: 'models' as const, period: 'month' as const, target: 20 },
      updated_at: at(2),
    };
    const older = { value: null, updated_at: at(1) };
    const fresh = { ...state([], [], []), goal, extra: { x_note: 'kept' } };
    // The device sent nothing but its own goal: same goal, nothing to send back.
    expect(withoutSent(fresh, { ...state([], [], []), goal, extra: { x_note: 'kept' } })).toEqual(
      state([], [], []),
    );
    // An older goal, or none: the server's goes back.
    expect(withoutSent(fresh, { ...state([], [], []), goal: older }).goal).toEqual(goal);
    expect(withoutSent(fresh, state([type({ id: A, name: 'Orks' })], [], [])).goal).toEqual(goal);
    expect(withoutSent(fresh, state([], [], [])).extra).toEqual({ x_note: 'kept' });
  });

  it('leaves out what the device just sent, keeping types whose events or record it lacks', () => {
    const mine = event({ id: uid(11), type_id: A });
    const theirs = event({ id: uid(12), type_id: B });
    const refiled = event({ id: uid(13), type_id: B, created_at: at(5) });
    const fresh = state(
      [
        type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 2 }) }),
        type({ id: B, name: 'Eldar' }),
        type({ id: uid(3), name: 'Tau' }),
      ],
      [mine, theirs, refiled],
      [tombstone({ id: uid(4) }), tombstone({ id: uid(5) })],
    );
    const sent = state(
      [
        type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1 }) }),
        type({ id: uid(3), name: 'tau' }),
      ],
      // The device filed `refiled` under A (its own fold); the server keeps it under B.
      [mine, { ...refiled, type_id: A }],
      [tombstone({ id: uid(4) })],
    );
    expect(withoutSent(fresh, sent)).toEqual({
      types: [type({ id: B, name: 'Eldar' }), type({ id: uid(3), name: 'Tau' })],
      events: [theirs, refiled],
      tombstones: [tombstone({ id: uid(5) })],
    });
  });
});
