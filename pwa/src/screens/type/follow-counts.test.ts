import { type Counts, STAGES, type Stage } from '@mpt/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followCounts, targetFor } from './follow-counts';
import { defaultSource } from './MoveForm';

const counts = (partial: Partial<Counts>): Counts => ({
  IN_BOX: 0,
  BUILDING: 0,
  PRIMING: 0,
  PAINTING: 0,
  DONE: 0,
  ...partial,
});

describe('followCounts', () => {
  it('an emptied source gives way to the one the form opens with', () => {
    expect(
      followCounts(counts({ IN_BOX: 10 }), { source: 'BUILDING', qty: 1 }, defaultSource),
    ).toEqual({ source: 'IN_BOX', qty: 1 });
  });

  it('a quantity above what the new source holds comes down to it; a blank one stays blank', () => {
    const now = counts({ PRIMING: 3 });
    expect(followCounts(now, { source: 'IN_BOX', qty: 8 }, defaultSource)).toEqual({
      source: 'PRIMING',
      qty: 3,
    });
    expect(followCounts(now, { source: 'PRIMING', qty: 8 }, defaultSource)).toEqual({
      source: 'PRIMING',
      qty: 3,
    });
    const blank = followCounts(now, { source: 'IN_BOX', qty: Number.NaN }, defaultSource);
    expect(blank.source).toBe('PRIMING');
    expect(blank.qty).toBeNaN();
  });

  it('the source the user chose comes back once it holds models again (undo of "All", review)', () => {
    // "All" moved In box's 10 on: the form went on to Building (3); the undo brings 10 back.
    const now = counts({ IN_BOX: 10, BUILDING: 3 });
    expect(followCounts(now, { source: 'BUILDING', qty: 1 }, defaultSource, 'IN_BOX')).toEqual({
      source: 'IN_BOX',
      qty: 1,
    });
    // Still empty: the current source stays.
    const still = { source: 'BUILDING' as Stage, qty: 1 };
    expect(followCounts(counts({ BUILDING: 3 }), still, defaultSource, 'IN_BOX')).toBe(still);
  });

  it('with nothing to move the source stays (the form says why)', () => {
    const choice = { source: 'PAINTING' as Stage, qty: 2 };
    expect(followCounts(counts({ DONE: 4 }), choice, defaultSource)).toBe(choice);
  });

  const stage = fc.constantFrom(...STAGES);
  const anyCounts = fc.record(
    Object.fromEntries(STAGES.map((s) => [s, fc.nat({ max: 20 })])) as Record<
      Stage,
      fc.Arbitrary<number>
    >,
  );
  const choice = fc.record({ source: stage, qty: fc.integer({ min: 1, max: 30 }) });

  it('a choice still valid is left as it is (the same object)', () => {
    fc.assert(
      fc.property(anyCounts, choice, (c, ch) => {
        fc.pre(c[ch.source] >= ch.qty);
        expect(followCounts(c, ch, defaultSource)).toBe(ch);
      }),
    );
  });

  it('the source holds models whenever the first choice would, the quantity at most that; twice is once', () => {
    fc.assert(
      fc.property(anyCounts, choice, (c, ch) => {
        const out = followCounts(c, ch, defaultSource);
        if (c[defaultSource(c)] > 0) {
          expect(c[out.source]).toBeGreaterThan(0);
          expect(out.qty).toBeLessThanOrEqual(c[out.source]);
        }
        expect(followCounts(c, out, defaultSource)).toBe(out);
      }),
    );
  });
});

describe('targetFor', () => {
  it("keeps the user's target while allowed, else the nearest", () => {
    expect(targetFor(['BUILDING', 'PRIMING', 'DONE'], 'DONE')).toBe('DONE');
    expect(targetFor(['PAINTING', 'DONE'], 'BUILDING')).toBe('PAINTING');
    expect(targetFor(['PAINTING', 'DONE'], null)).toBe('PAINTING');
  });
});
