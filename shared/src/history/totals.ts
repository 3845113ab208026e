import { STAGES, totalOf, zeroCounts } from '../pipeline/stages';
import type { ArmyTotals, StageTotals, Totals } from '../schema/api';
import type { MiniatureType } from '../schema/entities';
import { nameKey } from '../values/names';

type Counted = Pick<MiniatureType, 'counts' | 'points_per_model'>;

const emptyStageTotals = (): StageTotals => ({ ...zeroCounts(), total: 0 });

/**
 * Models and points per stage across types, with their sums (SPEC §9: a type's points
 * are its models × points_per_model), and how many types there are.
 */
export function totalsOf(types: readonly Counted[]): Totals {
  const totals: Totals = {
    types: types.length,
    models: emptyStageTotals(),
    points: emptyStageTotals(),
  };
  for (const t of types) {
    for (const stage of STAGES) {
      totals.models[stage] += t.counts[stage];
      totals.points[stage] += t.counts[stage] * t.points_per_model;
    }
  }
  totals.models.total = totalOf(totals.models);
  totals.points.total = totalOf(totals.points);
  return totals;
}

/**
 * Totals per army (SPEC §9), armies told apart by identity key (SPEC §8) and shown by
 * their most used spelling (ties: the smallest), A–Z by key, types without an army
 * last (army null). What GET /armies answers.
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
  const keys = [...groups.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return keys.map((key) => {
    const members = groups.get(key)!;
    return {
      army: key === null ? null : mostUsedSpelling(members.map((t) => t.army!)),
      ...totalsOf(members),
    };
  });
}

/**
 * The spelling a group of names that share one identity key (SPEC §8) is shown with:
 * the one most of them use, ties to the first in code-point order. Takes a non-empty
 * list of names.
 */
export function mostUsedSpelling(names: readonly string[]): string {
  const uses = new Map<string, number>();
  for (const n of names) uses.set(n, (uses.get(n) ?? 0) + 1);
  let best = names[0]!;
  for (const [name, n] of uses) {
    const top = uses.get(best)!;
    if (n > top || (n === top && name < best)) best = name;
  }
  return best;
}
