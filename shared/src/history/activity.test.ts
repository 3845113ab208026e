import { describe, expect, it } from 'vitest';
import { at, event, uid } from '../test-support/builders';
import { finishedPerPeriod } from './activity';

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
