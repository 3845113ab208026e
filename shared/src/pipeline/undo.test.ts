import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../schema/entities';
import { at, counts, event, uid } from '../test-support/builders';
import { ledgerOf } from './operations';
import { replay } from './replay';
import { planRevert, planRevertEntry, planRework } from './undo';

const TYPE = uid(1);
const OTHER = uid(2);
const NOW = at(60_000);
const ctx = { eventId: uid(100), now: NOW };

const add = event({ id: uid(11), type_id: TYPE, to_stage: 'IN_BOX', qty: 5, created_at: at(0) });
const move = event({
  id: uid(12),
  type_id: TYPE,
  from_stage: 'IN_BOX',
  to_stage: 'DONE',
  qty: 3,
  created_at: at(1000),
});

/** A ledger built from a history, as the stores build it. */
function ledger(history: HistoryEvent[]) {
  const { counts: c } = replay(history);
  return { ...ledgerOf({ id: TYPE, counts: c }, history), history };
}

describe('planRevert (SPEC §9)', () => {
  it('undoes a move exactly: same qty, stages swapped, marked reverts, dated after', () => {
    const r = planRevert(ledger([add, move]), { event_id: move.id }, ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        event: {
          id: uid(100),
          type_id: TYPE,
          from_stage: 'DONE',
          to_stage: 'IN_BOX',
          qty: 3,
          created_at: NOW,
          reverts: move.id,
        },
        counts: counts({ IN_BOX: 5 }),
      },
    });
  });

  it('undoes an add with a removal and a removal with an add', () => {
    const undoAdd = planRevert(ledger([add]), { event_id: add.id.toUpperCase() }, ctx);
    expect(undoAdd).toMatchObject({
      value: { event: { from_stage: 'IN_BOX', to_stage: null, qty: 5, reverts: add.id } },
    });
    const removal = event({
      id: uid(13),
      type_id: TYPE,
      from_stage: 'IN_BOX',
      to_stage: null,
      qty: 2,
      created_at: at(5),
    });
    const undoRemoval = planRevert(ledger([add, removal]), { event_id: removal.id }, ctx);
    expect(undoRemoval).toMatchObject({
      value: {
        event: { from_stage: null, to_stage: 'IN_BOX', qty: 2 },
        counts: counts({ IN_BOX: 5 }),
      },
    });
  });

  it('refuses an unknown event, and tells an event of another type apart', () => {
    const l = ledger([add, move]);
    expect(planRevert(l, { event_id: uid(99) }, ctx)).toEqual({
      ok: false,
      code: 'ERR_EVENT_NOT_FOUND',
      details: { event_id: uid(99) },
    });
    const owner = (id: string) => (id === uid(21) ? OTHER : null);
    expect(planRevert(l, { event_id: uid(21) }, ctx, owner)).toEqual({
      ok: false,
      code: 'ERR_EVENT_OF_OTHER_TYPE',
      details: { event_id: uid(21), type_id: OTHER },
    });
    expect(planRevert(l, { event_id: 42 }, ctx)).toMatchObject({ code: 'ERR_VALIDATION' });
  });

  it('refuses an event undone already, and the undo of an undo', () => {
    const undo = event({
      ...move,
      id: uid(14),
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      created_at: at(2000),
      reverts: move.id,
    });
    const l = ledger([add, move, undo]);
    expect(planRevert(l, { event_id: move.id }, ctx)).toEqual({
      ok: false,
      code: 'ERR_ALREADY_REVERTED',
      details: { event_id: move.id, reverted_by: undo.id },
    });
    expect(planRevert(l, { event_id: undo.id }, ctx)).toEqual({
      ok: false,
      code: 'ERR_NOT_REVERTIBLE',
      details: { event_id: undo.id, reason: 'is_revert' },
    });
  });

  it('refuses an event the replay set aside as a conflict', () => {
    const spent = event({
      id: uid(15),
      type_id: TYPE,
      from_stage: 'IN_BOX',
      to_stage: null,
      qty: 5,
      created_at: at(500),
    });
    const l = ledger([add, spent, move]); // the move finds the box empty
    expect(planRevert(l, { event_id: move.id }, ctx)).toMatchObject({
      code: 'ERR_NOT_REVERTIBLE',
      details: { reason: 'not_applied' },
    });
  });

  it('refuses, changing nothing, when the counts no longer allow it', () => {
    const sold = event({
      id: uid(16),
      type_id: TYPE,
      from_stage: 'DONE',
      to_stage: null,
      qty: 3,
      created_at: at(3000),
    });
    expect(planRevert(ledger([add, move, sold]), { event_id: move.id }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INSUFFICIENT_QTY',
      details: { stage: 'DONE', available: 0, requested: 3 },
    });
  });

  it('dates the undo after its event even when that event is far ahead of the clock', () => {
    const june = '2027-06-01T00:00:00.000Z';
    const ahead = { ...move, created_at: june };
    const r = planRevert(ledger([add, ahead]), { event_id: ahead.id }, ctx);
    expect(r).toMatchObject({
      ok: true,
      value: { event: { created_at: '2027-06-01T00:00:00.001Z' } },
    });
  });
});

describe('planRework (SPEC §9)', () => {
  const l = ledger([add, move]);

  it('moves models back to an earlier stage, marked rework', () => {
    expect(planRework(l, { from_stage: 'DONE', to_stage: 'PRIMING', qty: 2 }, ctx)).toEqual({
      ok: true,
      value: {
        event: {
          id: uid(100),
          type_id: TYPE,
          from_stage: 'DONE',
          to_stage: 'PRIMING',
          qty: 2,
          created_at: NOW,
          rework: true,
        },
        counts: counts({ IN_BOX: 2, PRIMING: 2, DONE: 1 }),
      },
    });
  });

  it('refuses a rework forward or to the same stage with ERR_INVALID_REWORK', () => {
    for (const [from, to] of [
      ['IN_BOX', 'DONE'],
      ['DONE', 'DONE'],
    ] as const) {
      expect(planRework(l, { from_stage: from, to_stage: to, qty: 1 }, ctx)).toEqual({
        ok: false,
        code: 'ERR_INVALID_REWORK',
        details: { from_stage: from, to_stage: to },
      });
    }
  });

  it('checks stages, qty and counts like a move', () => {
    expect(planRework(l, { from_stage: 'DONE', to_stage: 'X', qty: 1 }, ctx)).toMatchObject({
      code: 'ERR_INVALID_STAGE',
    });
    expect(planRework(l, { from_stage: 'DONE', to_stage: 'IN_BOX', qty: 0 }, ctx)).toMatchObject({
      code: 'ERR_INVALID_QTY',
    });
    expect(planRework(l, { from_stage: 'DONE', to_stage: 'IN_BOX', qty: 4 }, ctx)).toMatchObject({
      code: 'ERR_INSUFFICIENT_QTY',
    });
  });
});

describe('planRevertEntry (SPEC §9: a history entry of several taps)', () => {
  const tap = (n: number, to: 'IN_BOX' | 'BUILDING', from: 'IN_BOX' | null = null) =>
    event({
      id: uid(20 + n),
      type_id: TYPE,
      from_stage: from,
      to_stage: to,
      qty: 1,
      created_at: at(n * 1000),
    });
  const adds = [tap(0, 'IN_BOX'), tap(1, 'IN_BOX'), tap(2, 'IN_BOX')];
  let n = 0;
  const entryCtx = { newId: () => uid(200 + ++n), now: NOW };

  it('undoes every tap, newest first, each dated after the last, and the counts come back', () => {
    const out = planRevertEntry(
      ledger(adds),
      adds.map((e) => e.id.toUpperCase()),
      entryCtx,
    );
    if (!out.ok) throw new Error(out.code);
    expect(out.value.events.map((e) => e.reverts)).toEqual([uid(22), uid(21), uid(20)]);
    const times = out.value.events.map((e) => e.created_at);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(3);
    expect(out.value.counts).toEqual(counts());
  });

  it('a refusal for want of models is said of the whole entry: what the stage held, what the entry needs', () => {
    // Two of the three boxed models moved on: one is left where the entry put three.
    const history = [...adds, tap(3, 'BUILDING', 'IN_BOX'), tap(4, 'BUILDING', 'IN_BOX')];
    expect(
      planRevertEntry(
        ledger(history),
        adds.map((e) => e.id),
        entryCtx,
      ),
    ).toEqual({
      ok: false,
      code: 'ERR_INSUFFICIENT_QTY',
      details: { stage: 'IN_BOX', available: 1, requested: 3 },
    });
  });

  it('any other refusal is planRevert’s own, and an unknown id fails first', () => {
    expect(planRevertEntry(ledger(adds), [adds[0]!.id, uid(99)], entryCtx)).toEqual({
      ok: false,
      code: 'ERR_EVENT_NOT_FOUND',
      details: { event_id: uid(99) },
    });
  });
});
