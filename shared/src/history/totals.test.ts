import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../pipeline/stages';
import { counts, type, uid } from '../test-support/builders';
import { armyTotals, totalsOf } from './totals';

describe('totals with points (SPEC §9)', () => {
  const trooper = type({
    id: uid(1),
    army: 'Orks',
    points_per_model: 1,
    counts: counts({ IN_BOX: 10, DONE: 5 }),
  });
  const tank = type({
    id: uid(2),
    army: 'orks',
    points_per_model: 20,
    counts: counts({ PRIMING: 1, DONE: 1 }),
  });
  const loose = type({ id: uid(3), army: null, points_per_model: 0, counts: counts({ DONE: 3 }) });
  const imperial = type({
    id: uid(4),
    army: 'Astra Militarum',
    points_per_model: 3,
    counts: counts({ BUILDING: 2 }),
  });

  it('sums models and models × points per stage', () => {
    expect(totalsOf([trooper, tank])).toEqual({
      types: 2,
      models: { ...counts({ IN_BOX: 10, PRIMING: 1, DONE: 6 }), total: 17 },
      points: { ...counts({ IN_BOX: 10, PRIMING: 20, DONE: 25 }), total: 55 },
    });
    expect(totalsOf([])).toMatchObject({ types: 0, models: { total: 0 }, points: { total: 0 } });
  });

  it('groups by army identity key, A–Z, the most used spelling shown, no army last', () => {
    const orks2 = { ...trooper, id: uid(5) };
    const list = armyTotals([loose, tank, trooper, imperial, orks2]);
    expect(list.map((a) => [a.army, a.types, a.points.total])).toEqual([
      ['Astra Militarum', 1, 6],
      ['Orks', 3, 70],
      [null, 1, 0],
    ]);
  });

  it('law: each stage sums its models, and its models × points per model, over any types', () => {
    const counted = fc.record({
      counts: fc.record({
        IN_BOX: fc.nat(100_000),
        BUILDING: fc.nat(100_000),
        PRIMING: fc.nat(100_000),
        PAINTING: fc.nat(100_000),
        DONE: fc.nat(100_000),
      }),
      points_per_model: fc.nat(1_000),
    });
    fc.assert(
      fc.property(fc.array(counted, { maxLength: 30 }), (types) => {
        const got = totalsOf(types);
        expect(got.types).toBe(types.length);
        let models = 0;
        let points = 0;
        for (const stage of STAGES) {
          const m = types.reduce((n, t) => n + t.counts[stage], 0);
          const p = types.reduce((n, t) => n + t.counts[stage] * t.points_per_model, 0);
          expect(got.models[stage]).toBe(m);
          expect(got.points[stage]).toBe(p);
          models += m;
          points += p;
        }
        expect(got.models.total).toBe(models);
        expect(got.points.total).toBe(points);
      }),
    );
  });
});
