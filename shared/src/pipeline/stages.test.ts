import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countsEqual,
  isForwardMove,
  isStage,
  laterStages,
  nextStage,
  STAGES,
  stageIndex,
  totalOf,
  wholePercent,
  zeroCounts,
} from './stages';

describe('stages', () => {
  it('are the five wire constants in pipeline order', () => {
    expect(STAGES).toEqual(['IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE']);
    expect(STAGES.map(stageIndex)).toEqual([0, 1, 2, 3, 4]);
  });

  it('recognizes only the exact constants', () => {
    for (const s of STAGES) expect(isStage(s)).toBe(true);
    for (const bad of ['in_box', 'Done', 'PAINTED', '', null, undefined, 0, {}, 'toString']) {
      expect(isStage(bad)).toBe(false);
    }
  });

  it('nextStage walks the pipeline and stops after DONE', () => {
    expect(nextStage('IN_BOX')).toBe('BUILDING');
    expect(nextStage('BUILDING')).toBe('PRIMING');
    expect(nextStage('PRIMING')).toBe('PAINTING');
    expect(nextStage('PAINTING')).toBe('DONE');
    expect(nextStage('DONE')).toBeNull();
  });

  it('laterStages lists every strictly later stage (the valid move targets)', () => {
    expect(laterStages('IN_BOX')).toEqual(['BUILDING', 'PRIMING', 'PAINTING', 'DONE']);
    expect(laterStages('PRIMING')).toEqual(['PAINTING', 'DONE']);
    expect(laterStages('DONE')).toEqual([]);
  });

  it('a move may skip stages but never goes backwards or stays put', () => {
    expect(isForwardMove('IN_BOX', 'DONE')).toBe(true);
    expect(isForwardMove('BUILDING', 'PRIMING')).toBe(true);
    expect(isForwardMove('PRIMING', 'PRIMING')).toBe(false);
    expect(isForwardMove('DONE', 'IN_BOX')).toBe(false);
    for (const from of STAGES) {
      for (const to of STAGES) {
        expect(isForwardMove(from, to)).toBe(laterStages(from).includes(to));
      }
    }
  });

  it('counts helpers: zero, total, equality', () => {
    const z = zeroCounts();
    expect(z).toEqual({ IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 });
    z.IN_BOX = 1;
    expect(zeroCounts().IN_BOX).toBe(0);
    expect(totalOf({ IN_BOX: 1, BUILDING: 2, PRIMING: 3, PAINTING: 4, DONE: 5 })).toBe(15);
    expect(countsEqual(zeroCounts(), zeroCounts())).toBe(true);
    expect(countsEqual(zeroCounts(), { ...zeroCounts(), DONE: 1 })).toBe(false);
  });
});

describe('wholePercent (the one "% done" rule)', () => {
  it('rounds down, says 0 of nothing, and never passes 100', () => {
    expect(wholePercent(0, 0)).toBe(0);
    expect(wholePercent(999, 1000)).toBe(99);
    expect(wholePercent(1, 3)).toBe(33);
    expect(wholePercent(2, 3)).toBe(66);
    expect(wholePercent(7, 5)).toBe(100);
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
        const [part, whole] = a <= b ? [a, b] : [b, a];
        const p = wholePercent(part, whole);
        expect(Number.isInteger(p) && p >= 0 && p <= 100).toBe(true);
        // 100 only when all is done; the exact share is never below what is shown.
        expect(p === 100).toBe(whole > 0 && part === whole);
        if (whole > 0) expect((part * 100) / whole).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});
