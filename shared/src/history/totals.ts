import { totalOf } from '../pipeline/stages';
import type { ArmyTotals, StageTotals, Totals } from '../schema/api';
import type { MiniatureType } from '../schema/entities';
import { nameKey, sortAToZ } from '../values/names';

type Counted = Pick<MiniatureType, 'counts' | 'points_per_model'>;

/**
 * Models and points per stage across types, with their sums (SPEC §9: a type's points
 * are its models × points_per_model), and how many types there are.
 */
export function totalsOf(types: readonly Counted[]): Totals {
  // Plain locals, not a loop over STAGES with keyed writes: the list sums 10 000 types
  // on every change (5 ms → under 1 ms).
  let [mIn, mBuild, mPrime, mPaint, mDone] = [0, 0, 0, 0, 0];
  let [pIn, pBuild, pPrime, pPaint, pDone] = [0, 0, 0, 0, 0];
  for (const { counts: c, points_per_model: p } of types) {
    mIn += c.IN_BOX;
    mBuild += c.BUILDING;
    mPrime += c.PRIMING;
    mPaint += c.PAINTING;
    mDone += c.DONE;
    pIn += c.IN_BOX * p;
    pBuild += c.BUILDING * p;
    pPrime += c.PRIMING * p;
    pPaint += c.PAINTING * p;
    pDone += c.DONE * p;
  }
  const stageTotals = (
    IN_BOX: number,
    BUILDING: number,
    PRIMING: number,
    PAINTING: number,
    DONE: number,
  ): StageTotals => {
    const counts = { IN_BOX, BUILDING, PRIMING, PAINTING, DONE };
    return { ...counts, total: totalOf(counts) };
  };
  return {
    types: types.length,
    models: stageTotals(mIn, mBuild, mPrime, mPaint, mDone),
    points: stageTotals(pIn, pBuild, pPrime, pPaint, pDone),
  };
}

/**
 * Totals per army (SPEC §9), armies told apart by identity key (SPEC §8) and shown by
 * their most used spelling (ties: the smallest), A–Z as the app lists names (sortAToZ),
 * types without an army last (army null). What GET /armies answers.
 */
export function armyTotals(
  types: readonly (Counted & Pick<MiniatureType, 'army'>)[],
): ArmyTotals[] {
  const groups = new Map<string | null, (Counted & Pick<MiniatureType, 'army'>)[]>();
  for (const t of types) {
    const key = t.army === null ? null : nameKey(t.army);
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  const armies = [...groups].map(([key, members]) => ({
    army: key === null ? null : mostUsedSpelling(members.map((t) => t.army!)),
    ...totalsOf(members),
  }));
  return sortAToZ(armies, (a) => a.army);
}

/**
 * The spelling a group of names that share one identity key (SPEC §8) is shown with:
 * the one most of them use, ties to the first in code-point order. Takes a non-empty
 * list of names.
 */
export function mostUsedSpelling(names: readonly string[]): string {
  const uses = new Map<string, number>();
  for (const n of names) uses.set(n, (uses.get(n) ?? 0) + 1);
  return mostUsedOfCounts(uses);
}

/** mostUsedSpelling over counted names (spelling → how many use it; not empty). */
export function mostUsedOfCounts(uses: ReadonlyMap<string, number>): string {
  let best = '';
  let most = 0;
  for (const [name, n] of uses) {
    if (n > most || (n === most && name < best)) [best, most] = [name, n];
  }
  return best;
}
