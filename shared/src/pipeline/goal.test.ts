import { describe, expect, it } from 'vitest';
import { at } from '../test-support/builders';
import { planSetGoal } from './goal';

describe('planSetGoal (SPEC §9)', () => {
  const goal = { metric: 'points', period: 'month', target: 500 } as const;

  it('sets a goal, or clears it with null, dated now', () => {
    expect(planSetGoal(undefined, goal, at(10))).toEqual({
      ok: true,
      value: { value: goal, updated_at: at(10) },
    });
    expect(planSetGoal({ value: goal, updated_at: at(10) }, null, at(20))).toEqual({
      ok: true,
      value: { value: null, updated_at: at(20) },
    });
  });

  it('never dates a change before the previous one', () => {
    expect(planSetGoal({ value: null, updated_at: at(50) }, goal, at(10))).toMatchObject({
      value: { updated_at: at(51) },
    });
  });

  it('refuses a bad goal with ERR_INVALID_GOAL at the bad part', () => {
    for (const [raw, path] of [
      [{ ...goal, target: 0 }, '$.target'],
      [{ ...goal, target: 100_001 }, '$.target'],
      [{ ...goal, metric: 'hours' }, '$.metric'],
      [{ ...goal, period: 'day' }, '$.period'],
      ['5 a week', '$'],
    ] as const) {
      expect(planSetGoal(undefined, raw, at(10))).toMatchObject({
        ok: false,
        code: 'ERR_INVALID_GOAL',
        details: { path },
      });
    }
  });
});
