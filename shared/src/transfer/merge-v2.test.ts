import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors';
import { ledgerOf, planMove, planRemove } from '../pipeline/operations';
import { planRevert, planRework } from '../pipeline/undo';
import type { HistoryEvent } from '../schema/entities';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { diffStates, isEmptyDelta } from './diff';
import { planImport } from './import';
import { mergeStates } from './merge';
import type { TrackerState } from './state';

const A = uid(1);

/** Merges both ways and checks the states agree (commutativity on every example). */
function merge(x: TrackerState, y: TrackerState) {
  const out = mergeStates(x, y);
  expect(mergeStates(y, x).state).toEqual(out.state);
  return out;
}

describe('per-field last writer wins (SPEC §9)', () => {
  it('takes each field from the copy that set it last, independently', () => {
    const x = type({
      id: A,
      army: 'Goffs',
      army_updated_at: at(50),
      notes: 'old',
      notes_updated_at: at(10),
    });
    const y = type({
      id: A,
      army: 'Evil Sunz',
      army_updated_at: at(20),
      notes: 'new',
      notes_updated_at: at(60),
    });
    expect(merge(state([x]), state([y])).state.types[0]).toMatchObject({
      army: 'Goffs',
      army_updated_at: at(50),
      notes: 'new',
      notes_updated_at: at(60),
    });
  });

  it('breaks a tie with the smaller value as JSON text', () => {
    const tie = (field: 'army' | 'game' | 'points_per_model' | 'notes', a: unknown, b: unknown) => {
      const x = type({ id: A, [field]: a, [`${field}_updated_at`]: at(5) });
      const y = type({ id: A, [field]: b, [`${field}_updated_at`]: at(5) });
      return merge(state([x]), state([y])).state.types[0]![field];
    };
    expect(tie('points_per_model', 5, 10)).toBe(10); // "10" < "5"
    expect(tie('army', null, 'Orks')).toBe('Orks'); // '"Orks"' < 'null'
    expect(tie('game', 'b', 'a')).toBe('a');
    expect(tie('notes', 'x\ny', 'x y')).toBe('x y'); // '"x y"' < '"x\\ny"'
  });

  it('takes the goal set last; a goal beats none; ties by JSON text', () => {
    const weekly = {
      value: { metric: 'models', period: 'week', target: 5 } as const,
      updated_at: at(10),
    };
    const cleared = { value: null, updated_at: at(20) };
    expect(merge({ ...state(), goal: weekly }, { ...state(), goal: cleared }).state.goal).toEqual(
      cleared,
    );
    expect(merge({ ...state(), goal: weekly }, state()).state.goal).toEqual(weekly);
    const monthly = { value: { ...weekly.value, period: 'month' } as const, updated_at: at(10) };
    expect(merge({ ...state(), goal: weekly }, { ...state(), goal: monthly }).state.goal).toEqual(
      monthly,
    );
  });

  it('lists a changed field, goal or unknown field in the delta, and nothing for equal data', () => {
    const x = state([type({ id: A })]);
    const y = state([type({ id: A, game: 'Kill Team', game_updated_at: at(9) })]);
    expect(diffStates(x, merge(x, y).state).upsertTypes).toHaveLength(1);
    expect(isEmptyDelta(diffStates(y, merge(x, y).state))).toBe(true);
    const goal = { value: null, updated_at: at(3) };
    expect(diffStates(x, { ...x, goal })).toMatchObject({ goal });
    expect(diffStates(x, { ...x, extra: { x_a: 1 } })).toMatchObject({ extra: { x_a: 1 } });
    expect(planImport(x, y, true).report.changed).toBe(true);
    expect(planImport(y, x, true).report.changed).toBe(false);
  });
});

describe('fields of a newer version (SPEC §9, forward compatibility)', () => {
  it('keeps unknown fields of types, events, tombstones and the file through a merge', () => {
    const e = event({ id: uid(11), type_id: A });
    const x = state(
      [type({ id: A, extra: { x_color: 'red', x_color_updated_at: at(5) } })],
      [{ ...e, extra: { x_photo: 'a.jpg' } }],
      [tombstone({ id: uid(9), extra: { x_reason: 'sold' } })],
    );
    const y = state(
      [type({ id: A, counts: counts({ IN_BOX: 1 }) })],
      [e],
      [tombstone({ id: uid(9) })],
    );
    const out = merge({ ...x, extra: { x_app: 1 } }, y);
    expect(out.state.types[0]!.extra).toEqual({ x_color: 'red', x_color_updated_at: at(5) });
    expect(out.state.events[0]!.extra).toEqual({ x_photo: 'a.jpg' });
    expect(out.state.tombstones[0]!.extra).toEqual({ x_reason: 'sold' });
    expect(out.state.extra).toEqual({ x_app: 1 });
    // the copy without them learns them: the delta writes the event's new fields
    expect(diffStates(y, out.state).updateEvents.map((u) => u.id)).toEqual([uid(11)]);
  });

  it('still refuses one event id with different known content', () => {
    const e = event({ id: uid(11), type_id: A });
    const x = state([type({ id: A })], [{ ...e, rework: true }]);
    const y = state([type({ id: A })], [e]);
    expect(() => mergeStates(x, y)).toThrow(
      expect.objectContaining({ code: 'ERR_IMPORT_INCONSISTENT' }),
    );
  });
});

describe('an undo racing another change on two devices', () => {
  // Both devices hold 5 boxed models; 3 went to DONE; both synced.
  const add = event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 5, created_at: at(0) });
  const move = event({
    id: uid(12),
    type_id: A,
    from_stage: 'IN_BOX',
    to_stage: 'DONE',
    qty: 3,
    created_at: at(1000),
  });
  const shared = state(
    [type({ id: A, name: 'Intercessors', counts: counts({ IN_BOX: 2, DONE: 3 }) })],
    [add, move],
  );

  const apply = (
    s: TrackerState,
    e: HistoryEvent,
    c: TrackerState['types'][0]['counts'],
  ): TrackerState =>
    state(
      s.types.map((t) => ({ ...t, counts: c })),
      [...s.events, e],
    );
  const onDevice = (
    eventId: string,
    nowMs: number,
    what: 'revert' | 'sell' | 'rework',
  ): TrackerState => {
    const history = shared.events;
    const ledger = { ...ledgerOf(shared.types[0]!, history), history };
    const ctx = { eventId, now: at(nowMs) };
    const change = unwrap(
      what === 'revert'
        ? planRevert(ledger, { event_id: move.id }, ctx)
        : what === 'sell'
          ? planRemove(ledger, { stage: 'DONE', qty: 3 }, ctx)
          : planRework(ledger, { from_stage: 'DONE', to_stage: 'PRIMING', qty: 3 }, ctx),
    );
    return apply(shared, change.event, change.counts);
  };

  for (const rival of ['sell', 'rework'] as const) {
    it(`converges with the later of an undo and a ${rival} reported as the conflict`, () => {
      for (const [undoAt, rivalAt] of [
        [5000, 9000],
        [9000, 5000],
      ] as const) {
        const phone = onDevice(uid(21), undoAt, 'revert');
        const desktop = onDevice(uid(22), rivalAt, rival);
        const onDesktop = planImport(desktop, phone, false); // the phone's data arrives
        const onPhone = planImport(phone, desktop, false);
        expect(onDesktop.state).toEqual(onPhone.state);
        const loser = undoAt < rivalAt ? uid(22) : uid(21);
        const winner = undoAt < rivalAt ? uid(21) : uid(22);
        // Each device hears of the loser, whichever it made: the event is kept, not applied.
        for (const { report } of [onDesktop, onPhone]) {
          expect(report.conflicts.map((c) => [c.event.id, c.reason])).toEqual([
            [loser, 'ERR_INSUFFICIENT_QTY'],
          ]);
        }
        expect(onPhone.state.events.map((e) => e.id)).toContain(loser);
        const t = onPhone.state.types[0]!;
        expect(t.counts).toEqual(
          winner === uid(21)
            ? counts({ IN_BOX: 5 })
            : rival === 'sell'
              ? counts({ IN_BOX: 2 })
              : counts({ IN_BOX: 2, PRIMING: 3 }),
        );
      }
    });
  }

  it('converges when both devices undo the same move: the later undo is refused', () => {
    const phone = onDevice(uid(21), 5000, 'revert');
    const tablet = onDevice(uid(22), 9000, 'revert');
    const out = merge(phone, tablet);
    expect(out.state.types[0]!.counts).toEqual(counts({ IN_BOX: 5 }));
    expect(out.conflicts).toMatchObject([
      { event: { id: uid(22) }, reason: 'ERR_ALREADY_REVERTED' },
    ]);
  });

  it('a move racing an undo of the add it needs: the later one loses', () => {
    const history = [add];
    const base = state([type({ id: A, counts: counts({ IN_BOX: 5 }) })], history);
    const ledger = { ...ledgerOf(base.types[0]!, history), history };
    const undo = unwrap(
      planRevert(ledger, { event_id: add.id }, { eventId: uid(21), now: at(5000) }),
    );
    const paint = unwrap(
      planMove(
        ledger,
        { from_stage: 'IN_BOX', to_stage: 'PRIMING', qty: 2 },
        { eventId: uid(22), now: at(9000) },
      ),
    );
    const out = merge(apply(base, undo.event, undo.counts), apply(base, paint.event, paint.counts));
    expect(out.conflicts.map((c) => c.event.id)).toEqual([uid(22)]);
    expect(out.state.types[0]!.counts).toEqual(counts());
  });
});
