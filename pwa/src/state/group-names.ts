import { type MiniatureType, nameKey } from '@mpt/shared';
import { compareNames } from './collation';

/** An army or game in use: its identity key (SPEC §8) and the spelling it is shown with. */
export interface GroupOption {
  key: string;
  name: string;
}

/**
 * The armies (or games) in use, one per identity key (SPEC §8: "orks" and "Orks" are
 * one army), each spelled as most of its types spell it (ties: the smaller), A–Z in
 * the language's order: the list's filter choices.
 */
export function groupOptions(
  types: readonly Pick<MiniatureType, 'army' | 'game'>[],
  field: 'army' | 'game',
): GroupOption[] {
  const spellings = new Map<string, Map<string, number>>();
  const keys = new Map<string, string>(); // once per spelling, not once per type
  for (const t of types) {
    const value = t[field];
    if (value === null) continue;
    let key = keys.get(value);
    if (key === undefined) {
      key = nameKey(value);
      keys.set(value, key);
    }
    const uses = spellings.get(key) ?? new Map<string, number>();
    spellings.set(key, uses);
    uses.set(value, (uses.get(value) ?? 0) + 1);
  }
  const options: GroupOption[] = [];
  for (const [key, uses] of spellings) {
    let best = '';
    let most = 0;
    for (const [name, n] of uses) {
      if (n > most || (n === most && name < best)) [best, most] = [name, n];
    }
    options.push({ key, name: best });
  }
  return options.sort((a, b) => compareNames(a.name, b.name));
}

/** The suggestions of the army and game fields: groupOptions' names. */
export function groupNames(
  types: readonly Pick<MiniatureType, 'army' | 'game'>[],
  field: 'army' | 'game',
): string[] {
  return groupOptions(types, field).map((o) => o.name);
}

/** How many types belong to `army` (by identity key). */
export function armySize(types: readonly Pick<MiniatureType, 'army'>[], army: string): number {
  const key = nameKey(army);
  let n = 0;
  for (const t of types) if (t.army !== null && nameKey(t.army) === key) n++;
  return n;
}
