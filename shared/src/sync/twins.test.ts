import { describe, expect, it } from 'vitest';
import { replay } from '../pipeline/replay';
import { at, event, uid } from '../test-support/builders';
import { possibleDoubles, sameStepTwins, TWIN_WINDOW_MS } from './twins';

const MIN = 60_000;
const T = uid(1);
const add = event({ id: uid(10), type_id: T, to_stage: 'IN_BOX', qty: 5, created_at: at(0) });
const move = (n: number, ms: number, qty = 4) =>
  event({
    id: uid(20 + n),
    type_id: T,
    from_stage: 'IN_BOX',
    to_stage: 'BUILDING',
    qty,
    created_at: at(ms),
  });
const twinsOf = (history: ReturnType<typeof event>[]) =>
  sameStepTwins(replay(history).skipped, history);

describe('sameStepTwins', () => {
  it('pairs a set-aside move with the same move counted from another device (review: it advised a redo)', () => {
    const desk = move(1, 10 * MIN);
    const phone = move(2, 25 * MIN);
    const twins = twinsOf([add, desk, phone]);
    expect([...twins]).toEqual([[phone.id, desk]]);
  });

  it('finds none for another quantity, other stages, an undo, or taps further apart than the window', () => {
    expect(twinsOf([add, move(1, MIN), move(2, 2 * MIN, 3)]).size).toBe(0);
    const other = event({
      id: uid(30),
      type_id: T,
      from_stage: 'IN_BOX',
      to_stage: 'PRIMING',
      qty: 4,
      created_at: at(2 * MIN),
    });
    expect(twinsOf([add, move(1, MIN), other]).size).toBe(0);
    expect(twinsOf([add, move(1, MIN), move(2, MIN + TWIN_WINDOW_MS + 1)]).size).toBe(0);
    expect(twinsOf([add, move(1, MIN), move(2, MIN + TWIN_WINDOW_MS)]).size).toBe(1);
  });

  it('never counts an undone step as the twin', () => {
    const desk = move(1, MIN);
    const undo = event({
      ...desk,
      id: uid(40),
      from_stage: 'BUILDING',
      to_stage: 'IN_BOX',
      reverts: desk.id,
      created_at: at(2 * MIN),
    });
    const big = move(2, 3 * MIN, 5);
    const phone = move(3, 4 * MIN);
    // The undo gives the models back, the 5 are spent, then the phone's 4 do not fit.
    const history = [add, desk, undo, big, phone];
    expect(replay(history).skipped.map((e) => e.id)).toEqual([phone.id]);
    expect(twinsOf(history).size).toBe(0);
  });

  it('answers for each counted step once: two set-aside copies of one move get one twin, the nearer', () => {
    const desk = move(1, 10 * MIN);
    const phone = move(2, 20 * MIN);
    const tablet = move(3, 11 * MIN);
    const twins = twinsOf([add, desk, tablet, phone]);
    expect([...twins]).toEqual([[tablet.id, desk]]);
  });
});

describe('possibleDoubles', () => {
  it('pairs my counted step with the same step another device sent, both counted (review: 10 built from one box of 5)', () => {
    const add10 = event({
      id: uid(11),
      type_id: T,
      to_stage: 'IN_BOX',
      qty: 10,
      created_at: at(0),
    });
    const mine = move(1, 10 * MIN, 5);
    const theirs = move(2, 30 * MIN, 5);
    const other = move(3, 31 * MIN, 1);
    const history = [add10, mine, theirs];
    expect([...possibleDoubles([mine], [theirs, other], history)]).toEqual([[mine.id, theirs]]);
    // Not when one of them was set aside (that is a conflict), nor beyond the window.
    const short = [add, mine, theirs];
    expect(replay(short).skipped.map((e) => e.id)).toEqual([theirs.id]);
    expect(possibleDoubles([mine], [theirs], short).size).toBe(0);
    const late = move(4, 10 * MIN + TWIN_WINDOW_MS + 1, 5);
    expect(possibleDoubles([mine], [late], [add10, mine, late]).size).toBe(0);
  });
});
