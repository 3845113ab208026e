import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { planCreateType } from '../pipeline/operations';
import { at, state, type, uid } from '../test-support/builders';
import { planImport } from './import';
import { emptyState } from './state';
import { checkStateLimits } from './state-limits';

// A store that holds more than a data file can carry exports files its own import
// refuses, and every sync of it fails for good (found trying issue 8).
describe('a store never grows past what a data file can carry', () => {
  const many = (n: number, prefix: number) =>
    state(
      Array.from({ length: n }, (_, i) =>
        type({ id: uid(i + 1, prefix), name: `T${prefix}-${i}`, created_at: at(i) }),
      ),
    );

  it('checkStateLimits names the limit reached', () => {
    expect(checkStateLimits(many(3, 1)).ok).toBe(true);
    const over = { ...emptyState(), tombstones: new Array(LIMITS.tombstones + 1) };
    expect(checkStateLimits(over)).toEqual({
      ok: false,
      code: 'ERR_LIMIT_REACHED',
      details: { limit: 'tombstones', max: LIMITS.tombstones, count: LIMITS.tombstones + 1 },
    });
  });

  it('an import whose result would hold too many types is refused, dry run alike', () => {
    const half = LIMITS.types / 2;
    const mine = many(half, 1);
    const file = many(half + 1, 2);
    for (const dryRun of [true, false]) {
      expect(() => planImport(mine, file, dryRun)).toThrow(
        expect.objectContaining({
          code: 'ERR_LIMIT_REACHED',
          details: expect.objectContaining({ limit: 'types' }),
        }),
      );
    }
    expect(planImport(mine, many(half, 2), false).state.types).toHaveLength(LIMITS.types);
  });

  it('creating a type past the limit is refused', () => {
    const create = (liveTypes: number) =>
      planCreateType(
        { name: 'One more' },
        { typeId: uid(1), now: at(0), newEventId: () => uid(2), liveTypes },
        () => false,
      );
    expect(create(LIMITS.types - 1).ok).toBe(true);
    expect(create(LIMITS.types)).toEqual({
      ok: false,
      code: 'ERR_LIMIT_REACHED',
      details: { limit: 'types', max: LIMITS.types, count: LIMITS.types },
    });
  });
});
