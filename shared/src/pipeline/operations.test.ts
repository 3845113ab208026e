import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { defaultTypeFields } from '../schema/entities';
import { at, counts, event, uid } from '../test-support/builders';
import { TIME_RANGE } from '../values/time';
import {
  ledgerOf,
  planAdd,
  planCreateType,
  planDelete,
  planMove,
  planRemove,
  planRename,
  type TypeLedger,
} from './operations';
import { replay } from './replay';

const TYPE = uid(1);
const NOW = at(60_000);
const ctx = { eventId: uid(100), now: NOW };

function ledger(partial: Partial<TypeLedger> = {}): TypeLedger {
  return { id: TYPE, counts: counts({ IN_BOX: 5, PRIMING: 2 }), last_event_at: at(0), ...partial };
}

/** Quantities that are not whole numbers from 1 to 100 000. */
const BAD_QTY: unknown[] = [0, -1, 100_001, 1.5, '3', Number.NaN, Infinity, null, undefined, {}];

describe('planAdd', () => {
  it('appends an add event and returns the new counts', () => {
    const r = planAdd(ledger(), { stage: 'DONE', qty: 3 }, ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        event: {
          id: uid(100),
          type_id: TYPE,
          from_stage: null,
          to_stage: 'DONE',
          qty: 3,
          created_at: NOW,
        },
        counts: counts({ IN_BOX: 5, PRIMING: 2, DONE: 3 }),
      },
    });
  });

  it('accepts 1 and 100 000', () => {
    expect(planAdd(ledger(), { stage: 'IN_BOX', qty: 1 }, ctx).ok).toBe(true);
    expect(planAdd(ledger(), { stage: 'IN_BOX', qty: 100_000 }, ctx).ok).toBe(true);
  });

  it('rejects an unknown stage with ERR_INVALID_STAGE', () => {
    for (const stage of ['in_box', 'PAINTED', null, 3]) {
      expect(planAdd(ledger(), { stage, qty: 1 }, ctx)).toEqual({
        ok: false,
        code: 'ERR_INVALID_STAGE',
        details: { field: 'stage' },
      });
    }
  });

  it.each(BAD_QTY)('rejects qty %s with ERR_INVALID_QTY', (qty) => {
    expect(planAdd(ledger(), { stage: 'IN_BOX', qty }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INVALID_QTY',
      details: { min: 1, max: 100_000 },
    });
  });

  it('does not mutate the ledger it is given', () => {
    const l = ledger();
    planAdd(l, { stage: 'IN_BOX', qty: 3 }, ctx);
    expect(l.counts).toEqual(counts({ IN_BOX: 5, PRIMING: 2 }));
  });
});

describe('planMove', () => {
  it('moves forward one stage', () => {
    const r = planMove(ledger(), { from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 2 }, ctx);
    expect(r).toMatchObject({
      ok: true,
      value: {
        event: { from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 2, type_id: TYPE },
        counts: counts({ IN_BOX: 3, BUILDING: 2, PRIMING: 2 }),
      },
    });
  });

  it('may skip stages', () => {
    const r = planMove(ledger(), { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 5 }, ctx);
    expect(r).toMatchObject({ ok: true, value: { counts: counts({ PRIMING: 2, DONE: 5 }) } });
  });

  it('rejects backwards and same-stage moves with ERR_INVALID_STAGE_TRANSITION', () => {
    expect(planMove(ledger(), { from_stage: 'PRIMING', to_stage: 'IN_BOX', qty: 1 }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INVALID_STAGE_TRANSITION',
      details: { from_stage: 'PRIMING', to_stage: 'IN_BOX' },
    });
    expect(planMove(ledger(), { from_stage: 'PRIMING', to_stage: 'PRIMING', qty: 1 }, ctx)).toEqual(
      {
        ok: false,
        code: 'ERR_INVALID_STAGE_TRANSITION',
        details: { from_stage: 'PRIMING', to_stage: 'PRIMING' },
      },
    );
  });

  it('rejects an unknown stage on either side with ERR_INVALID_STAGE', () => {
    expect(planMove(ledger(), { from_stage: 'NOPE', to_stage: 'DONE', qty: 1 }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INVALID_STAGE',
      details: { field: 'from_stage' },
    });
    expect(planMove(ledger(), { from_stage: 'IN_BOX', to_stage: null, qty: 1 }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INVALID_STAGE',
      details: { field: 'to_stage' },
    });
  });

  it.each(BAD_QTY)('rejects qty %s with ERR_INVALID_QTY', (qty) => {
    const r = planMove(ledger(), { from_stage: 'IN_BOX', to_stage: 'DONE', qty }, ctx);
    expect(r).toMatchObject({ ok: false, code: 'ERR_INVALID_QTY' });
  });

  it('fails with ERR_INSUFFICIENT_QTY and changes nothing when the stage holds too few', () => {
    const l = ledger();
    const before = structuredClone(l);
    expect(planMove(l, { from_stage: 'PRIMING', to_stage: 'DONE', qty: 3 }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INSUFFICIENT_QTY',
      details: { stage: 'PRIMING', available: 2, requested: 3 },
    });
    expect(planMove(l, { from_stage: 'BUILDING', to_stage: 'DONE', qty: 1 }, ctx)).toMatchObject({
      ok: false,
      code: 'ERR_INSUFFICIENT_QTY',
      details: { available: 0 },
    });
    expect(l).toEqual(before);
  });

  it('can move everything a stage holds', () => {
    const r = planMove(ledger(), { from_stage: 'PRIMING', to_stage: 'PAINTING', qty: 2 }, ctx);
    expect(r).toMatchObject({ ok: true, value: { counts: counts({ IN_BOX: 5, PAINTING: 2 }) } });
  });
});

describe('planRemove', () => {
  it('appends a removal with to_stage null', () => {
    const r = planRemove(ledger(), { stage: 'IN_BOX', qty: 5 }, ctx);
    expect(r).toMatchObject({
      ok: true,
      value: {
        event: { from_stage: 'IN_BOX', to_stage: null, qty: 5 },
        counts: counts({ PRIMING: 2 }),
      },
    });
  });

  it('fails with ERR_INSUFFICIENT_QTY and changes nothing', () => {
    const l = ledger();
    expect(planRemove(l, { stage: 'IN_BOX', qty: 6 }, ctx)).toEqual({
      ok: false,
      code: 'ERR_INSUFFICIENT_QTY',
      details: { stage: 'IN_BOX', available: 5, requested: 6 },
    });
    expect(l.counts).toEqual(counts({ IN_BOX: 5, PRIMING: 2 }));
  });

  it('validates stage and qty', () => {
    expect(planRemove(ledger(), { stage: 'done', qty: 1 }, ctx)).toMatchObject({
      code: 'ERR_INVALID_STAGE',
    });
    expect(planRemove(ledger(), { stage: 'DONE', qty: 0 }, ctx)).toMatchObject({
      code: 'ERR_INVALID_QTY',
    });
  });
});

describe('event time (created_at)', () => {
  it('is now when the clock is ahead of the last event', () => {
    const r = planAdd(ledger({ last_event_at: at(1000) }), { stage: 'IN_BOX', qty: 1 }, ctx);
    expect(r).toMatchObject({ value: { event: { created_at: NOW } } });
  });

  it('is max(now, last + 1 ms) when the clock went back', () => {
    const last = at(120_000);
    const l = ledger({ last_event_at: last });
    expect(planAdd(l, { stage: 'IN_BOX', qty: 1 }, ctx)).toMatchObject({
      value: { event: { created_at: at(120_001) } },
    });
    expect(planRemove(l, { stage: 'IN_BOX', qty: 1 }, { ...ctx, now: last })).toMatchObject({
      value: { event: { created_at: at(120_001) } },
    });
    const fiveMinutesBack = { ...ctx, now: at(120_000 - LIMITS.clockLeadMs) };
    expect(
      planMove(l, { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1 }, fiveMinutesBack),
    ).toMatchObject({ value: { event: { created_at: at(120_001) } } });
  });

  // A device whose clock ran ahead wrote an event dated next June (issue 8, item 9):
  // later events of this type are dated now wherever the history allows it.
  describe('when the last event is far ahead (another device clock)', () => {
    const june = '2027-06-01T00:00:00.000Z';
    const history = [
      event({ id: uid(50), to_stage: 'IN_BOX', qty: 10, created_at: at(0) }),
      event({ id: uid(51), from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1, created_at: june }),
    ];
    const far = ledgerOf({ id: TYPE, counts: counts({ IN_BOX: 9, DONE: 1 }) }, history);

    it('dates a move now when it is valid before that event, with the replayed counts', () => {
      const r = planMove(far, { from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 9 }, ctx);
      expect(r).toMatchObject({
        ok: true,
        value: {
          event: { created_at: NOW },
          counts: counts({ BUILDING: 9, DONE: 1 }),
        },
      });
      if (!r.ok) return;
      expect(replay([...history, r.value.event]).counts).toEqual(r.value.counts);
    });

    it('dates it after that event (+1 ms) when it is only valid there', () => {
      // Nothing is done before June: removing a finished model needs June's move.
      const added = planAdd(far, { stage: 'IN_BOX', qty: 1 }, ctx);
      expect(added).toMatchObject({ value: { event: { created_at: NOW } } });
      const needsJune = planRemove(far, { stage: 'DONE', qty: 1 }, ctx);
      expect(needsJune).toMatchObject({
        value: { event: { created_at: '2027-06-01T00:00:00.001Z' }, counts: counts({ IN_BOX: 9 }) },
      });
    });

    it('never swaps which events a replay sets aside (an add that revives a refused move)', () => {
      // Before June the box holds 3; a move of 4 (another device's) was set aside. An add
      // of 1 dated now would revive it and take the models that June's move needs:
      // still one event set aside, but another one. The add must go after June instead.
      const crowded = [
        event({ id: uid(60), to_stage: 'IN_BOX', qty: 3, created_at: at(0) }),
        event({
          id: uid(61),
          from_stage: 'IN_BOX',
          to_stage: 'DONE',
          qty: 4,
          created_at: at(120_000),
        }),
        event({ id: uid(62), from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1, created_at: june }),
      ];
      const ledger = ledgerOf({ id: TYPE, counts: counts({ IN_BOX: 2, DONE: 1 }) }, crowded);
      expect(replay(crowded).skipped.map((e) => e.id)).toEqual([uid(61)]);
      const added = planAdd(ledger, { stage: 'IN_BOX', qty: 1 }, ctx);
      expect(added).toMatchObject({ value: { event: { created_at: '2027-06-01T00:00:00.001Z' } } });
      if (!added.ok) return;
      expect(replay([...crowded, added.value.event]).skipped.map((e) => e.id)).toEqual([uid(61)]);
    });

    it('still refuses what the counts do not allow', () => {
      expect(planRemove(far, { stage: 'DONE', qty: 2 }, ctx)).toMatchObject({
        code: 'ERR_INSUFFICIENT_QTY',
      });
    });
  });

  it('fails with ERR_TIME_OUT_OF_RANGE when +1 ms would leave the accepted range', () => {
    const end = ledger({ last_event_at: TIME_RANGE.max });
    expect(planAdd(end, { stage: 'IN_BOX', qty: 1 }, { ...ctx, now: TIME_RANGE.max })).toEqual({
      ok: false,
      code: 'ERR_TIME_OUT_OF_RANGE',
      details: { time: Date.parse(TIME_RANGE.max) + 1, min: TIME_RANGE.min, max: TIME_RANGE.max },
    });
    for (const now of ['3000-01-01T00:00:00.000Z', new Date(-1)]) {
      expect(planAdd(ledger(), { stage: 'IN_BOX', qty: 1 }, { ...ctx, now })).toMatchObject({
        code: 'ERR_TIME_OUT_OF_RANGE',
      });
      expect(planDelete(TYPE, now)).toMatchObject({ code: 'ERR_TIME_OUT_OF_RANGE' });
      expect(
        planCreateType(
          { name: 'Orks' },
          { typeId: TYPE, now, newEventId: () => uid(2) },
          () => false,
        ),
      ).toMatchObject({ code: 'ERR_TIME_OUT_OF_RANGE' });
    }
    const renamedLast = { id: TYPE, name: 'A', name_updated_at: TIME_RANGE.max };
    expect(planRename(renamedLast, 'B', NOW, () => false)).toMatchObject({
      code: 'ERR_TIME_OUT_OF_RANGE',
    });
  });

  it('accepts a Date for now', () => {
    const r = planAdd(ledger(), { stage: 'IN_BOX', qty: 1 }, { ...ctx, now: new Date(NOW) });
    expect(r).toMatchObject({ value: { event: { created_at: NOW } } });
  });
});

describe('planCreateType', () => {
  let n = 0;
  const create = (
    input: Parameters<typeof planCreateType>[0],
    taken: (name: string) => boolean = () => false,
  ) => {
    n = 200;
    return planCreateType(input, { typeId: TYPE, now: NOW, newEventId: () => uid(++n) }, taken);
  };

  it('creates a type with zero counts and no events by default', () => {
    expect(create({ name: '  Ork   Boyz ' })).toEqual({
      ok: true,
      value: {
        type: {
          id: TYPE,
          name: 'Ork Boyz',
          created_at: NOW,
          name_updated_at: NOW,
          ...defaultTypeFields(NOW),
          counts: counts(),
        },
        events: [],
      },
    });
  });

  it('turns initial counts into add events, one per non-zero stage, in stage order', () => {
    const r = create({ name: 'Intercessors', counts: { DONE: 5, IN_BOX: 3, PRIMING: 0 } });
    expect(r).toMatchObject({
      ok: true,
      value: { type: { counts: counts({ IN_BOX: 3, DONE: 5 }) } },
    });
    if (!r.ok) return;
    expect(r.value.events).toEqual([
      {
        id: uid(201),
        type_id: TYPE,
        from_stage: null,
        to_stage: 'IN_BOX',
        qty: 3,
        created_at: NOW,
      },
      { id: uid(202), type_id: TYPE, from_stage: null, to_stage: 'DONE', qty: 5, created_at: NOW },
    ]);
  });

  it('asks whether the normalized name is taken and fails with ERR_NAME_TAKEN', () => {
    const asked: string[] = [];
    const r = create({ name: ' orks ' }, (name) => {
      asked.push(name);
      return true;
    });
    expect(asked).toEqual(['orks']);
    expect(r).toEqual({ ok: false, code: 'ERR_NAME_TAKEN', details: { name: 'orks' } });
  });

  it('rejects an invalid name with ERR_NAME_INVALID before asking the store', () => {
    let asked = false;
    const r = create({ name: '   ' }, () => {
      asked = true;
      return false;
    });
    expect(r).toMatchObject({ ok: false, code: 'ERR_NAME_INVALID' });
    expect(asked).toBe(false);
    expect(create({ name: 'x'.repeat(121) })).toMatchObject({ code: 'ERR_NAME_INVALID' });
  });

  it('rejects initial counts with an unknown stage, even a zero one', () => {
    expect(create({ name: 'A', counts: { WASHING: 2 } })).toEqual({
      ok: false,
      code: 'ERR_INVALID_STAGE',
      details: { field: 'counts.WASHING' },
    });
    expect(create({ name: 'A', counts: { WASHING: 0 } })).toMatchObject({
      code: 'ERR_INVALID_STAGE',
    });
  });

  it.each([-1, 1.5, '2', 100_001, null])('rejects initial count %s with ERR_INVALID_QTY', (qty) => {
    expect(create({ name: 'A', counts: { PRIMING: qty } })).toEqual({
      ok: false,
      code: 'ERR_INVALID_QTY',
      details: { min: 1, max: 100_000, field: 'counts.PRIMING' },
    });
  });
});

describe('planRename', () => {
  const type = { id: TYPE, name: 'Orks', name_updated_at: at(10_000) };

  it('returns the normalized name and now as name_updated_at', () => {
    expect(planRename(type, '  Ork   Boyz ', at(20_000), () => false)).toEqual({
      ok: true,
      value: { name: 'Ork Boyz', name_updated_at: at(20_000) },
    });
  });

  it('keeps name_updated_at monotonic when the clock went back', () => {
    expect(planRename(type, 'Ork Boyz', at(5_000), () => false)).toEqual({
      ok: true,
      value: { name: 'Ork Boyz', name_updated_at: at(10_001) },
    });
    expect(planRename(type, 'Ork Boyz', at(10_000), () => false)).toMatchObject({
      value: { name_updated_at: at(10_001) },
    });
  });

  it('fails with ERR_NAME_TAKEN or ERR_NAME_INVALID', () => {
    expect(planRename(type, 'Eldar', at(20_000), () => true)).toEqual({
      ok: false,
      code: 'ERR_NAME_TAKEN',
      details: { name: 'Eldar' },
    });
    expect(planRename(type, '', at(20_000), () => false)).toMatchObject({
      ok: false,
      code: 'ERR_NAME_INVALID',
    });
    expect(planRename(type, 7, at(20_000), () => false)).toMatchObject({
      code: 'ERR_NAME_INVALID',
    });
  });
});

describe('planDelete', () => {
  it('leaves a tombstone with merged_into null', () => {
    const tomb = { id: TYPE, deleted_at: NOW, merged_into: null };
    expect(planDelete(TYPE, NOW)).toEqual({ ok: true, value: tomb });
    expect(planDelete(TYPE, new Date(NOW))).toEqual({ ok: true, value: tomb });
  });
});
