import { canonicalName, type MiniatureType, mostUsedOfCounts, nameKey } from '@mpt/shared';
import { compareNames } from './collation';

/** An army or game in use: its identity key (SPEC §8) and the spelling it is shown with. */
export interface GroupOption {
  key: string;
  name: string;
}

/** The spellings of the armies (or games) in use: identity key → spelling → types. */
export type GroupSpellings = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** How many types spell each army (or game) each way, by identity key (SPEC §8). */
export function groupSpellings(
  types: readonly Pick<MiniatureType, 'army' | 'game'>[],
  field: 'army' | 'game',
): GroupSpellings {
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
  return spellings;
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
  const options: GroupOption[] = [];
  for (const [key, uses] of groupSpellings(types, field)) {
    options.push({ key, name: mostUsedOfCounts(uses) });
  }
  return options.sort((a, b) => compareNames(a.name, b.name));
}

/**
 * What a typed army (or game) says beside the others in use: `joins` when another
 * type's army has its identity key but another spelling (the form then saves that
 * spelling: one army, one spelling, not a silent second one); `listedAs` when it only
 * respells the edited type's own army (`current`), which keeps the spelling typed
 * while the list shows the army as most of its types spell it.
 */
export type GroupJoin = { kind: 'joins' | 'listedAs'; name: string } | null;

/**
 * Where a typed army or game lands among `others` (groupSpellings of every type but
 * the one edited; on Create, of all), by identity key (SPEC §8). `current` is the
 * edited type's own value (null on Create). Returns null for a blank name, a new one,
 * or one spelled exactly as shown.
 */
export function groupJoin(
  typed: string,
  others: GroupSpellings,
  current: string | null,
): GroupJoin {
  const name = canonicalName(typed);
  if (name === '') return null;
  const key = nameKey(name);
  const uses = others.get(key);
  if (uses === undefined) return null;
  if (current !== null && nameKey(current) === key) {
    const shown = mostUsedOfCounts(new Map(uses).set(name, (uses.get(name) ?? 0) + 1));
    return shown === name ? null : { kind: 'listedAs', name: shown };
  }
  const shown = mostUsedOfCounts(uses);
  return shown === name ? null : { kind: 'joins', name: shown };
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
