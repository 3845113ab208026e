import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, event, uid } from '../test-support/builders';
import { boughtPerPeriod, finishedPerPeriod } from './activity';

const T = uid(1);
const day = 86_400_000;
const starts = [0, 7 * day, 14 * day].map((ms) => Date.parse(at(ms)));
const now = Date.parse(at(20 * day));
const add = event({ id: uid(10), type_id: T, to_stage: 'IN_BOX', qty: 10, created_at: at(0) });
const done = (id: number, ms: number, qty: number) =>
  event({
    id: uid(id),
    type_id: T,
    from_stage: 'IN_BOX',
    to_stage: 'DONE',
    qty,
    created_at: at(ms),
  });

describe('finishedPerPeriod (SPEC §9 Activity)', () => {
  it('counts models moved or added into DONE in the period they fall in', () => {
    const painted = event({
      id: uid(12),
      type_id: T,
      to_stage: 'DONE',
      qty: 2,
      created_at: at(8 * day),
    });
    expect(finishedPerPeriod([add, done(11, day, 3), painted], starts, now)).toEqual([3, 2, 0]);
  });

  it('counts an undone tap as nothing, nets reworks out of DONE', () => {
    const tap = done(11, day, 1);
    const undo = event({
      id: uid(13),
      type_id: T,
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      qty: 1,
      created_at: at(day + 5),
      reverts: tap.id,
    });
    const real = done(14, 8 * day, 4);
    const rework = event({
      id: uid(15),
      type_id: T,
      from_stage: 'DONE',
      to_stage: 'PRIMING',
      qty: 1,
      created_at: at(15 * day),
      rework: true,
    });
    expect(finishedPerPeriod([add, tap, undo, real, rework], starts, now)).toEqual([0, 4, -1]);
  });

  it('weighs by points, and never counts an event after now or before the first period', () => {
    const future = done(16, 21 * day, 2);
    const before = event({ id: uid(17), type_id: T, to_stage: 'DONE', qty: 9, created_at: at(-1) });
    expect(
      finishedPerPeriod([before, add, done(11, day, 3), future], starts, now, () => 10),
    ).toEqual([30, 0, 0]);
  });

  it('leaves out a move the replay set aside (a sync conflict)', () => {
    expect(finishedPerPeriod([add, done(11, day, 10), done(12, 2 * day, 1)], starts, now)).toEqual([
      10, 0, 0,
    ]);
  });
});

describe('boughtPerPeriod (docs/pwa.md: what counts as bought)', () => {
  const remove = event({
    id: uid(20),
    type_id: T,
    from_stage: 'IN_BOX',
    to_stage: null,
    qty: 2,
    created_at: at(8 * day),
  });
  it('counts every add, in the stage it went to; a removal is not bought nor finished', () => {
    const more = event({
      id: uid(21),
      type_id: T,
      to_stage: 'DONE',
      qty: 4,
      created_at: at(15 * day),
    });
    expect(boughtPerPeriod([add, remove, more], starts, now)).toEqual([10, 0, 4]);
    expect(finishedPerPeriod([add, remove, more], starts, now)).toEqual([0, 0, 4]);
  });

  it('law: undoing an add takes it out of bought, and the periods sum to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 * day }), fc.integer({ min: 1, max: 50 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (adds, undone) => {
          const events = adds.flatMap(([ms, qty], i) => {
            const a = event({
              id: uid(100 + i),
              type_id: T,
              to_stage: 'IN_BOX',
              qty,
              created_at: at(ms),
            });
            if (!undone[i]) return [a];
            const u = event({
              id: uid(200 + i),
              type_id: T,
              from_stage: 'IN_BOX',
              to_stage: null,
              qty,
              created_at: at(ms + 1),
              reverts: a.id,
            });
            return [a, u];
          });
          const kept = adds.filter((_, i) => !undone[i]).reduce((n, [, q]) => n + q, 0);
          const periods = boughtPerPeriod(events, starts, now);
          expect(periods.reduce((a, b) => a + b, 0)).toBe(kept);
          expect(finishedPerPeriod(events, starts, now)).toEqual([0, 0, 0]);
        },
      ),
    );
  });
});
