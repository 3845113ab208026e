import { type MiniatureType, nameKey } from '@mpt/shared';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The armies (or games) in use, one per identity key (SPEC §8: "orks" and "Orks" are
 * one army), each spelled as most of its types spell it (ties: the smaller), A–Z in
 * the language's order: the suggestions of the army and game fields.
 */
export function groupNames(
  types: readonly Pick<MiniatureType, 'army' | 'game'>[],
  field: 'army' | 'game',
): string[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const t of types) {
    const value = t[field];
    if (value === null) continue;
    const key = nameKey(value);
    const uses = spellings.get(key) ?? new Map<string, number>();
    spellings.set(key, uses);
    uses.set(value, (uses.get(value) ?? 0) + 1);
  }
  const names: string[] = [];
  for (const uses of spellings.values()) {
    let best = '';
    let most = 0;
    for (const [name, n] of uses) {
      if (n > most || (n === most && name < best)) [best, most] = [name, n];
    }
    names.push(best);
  }
  return names.sort(collator.compare);
}

/** How many types belong to `army` (by identity key). */
export function armySize(types: readonly Pick<MiniatureType, 'army'>[], army: string): number {
  const key = nameKey(army);
  let n = 0;
  for (const t of types) if (t.army !== null && nameKey(t.army) === key) n++;
  return n;
}
