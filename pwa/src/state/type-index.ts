import { type MiniatureType, matchesSearch, searchKey, searchWords } from '@mpt/shared';

/** A type with its precomputed search key (shared's searchKey of its name, SPEC §8). */
export interface TypeEntry {
  type: MiniatureType;
  key: string;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Returns a function that sorts types A–Z (case-insensitive, locale-aware) and keeps
 * the order between calls when no name changed: a move only changes counts, so at
 * 10 000 types it costs one pass instead of a fresh sort.
 */
export function createTypeSorter(): (types: readonly MiniatureType[]) => TypeEntry[] {
  let names = new Map<string, string>();
  let order: string[] = [];
  let keys = new Map<string, string>();
  return (types) => {
    const same = types.length === order.length && types.every((t) => names.get(t.id) === t.name);
    if (!same) {
      names = new Map(types.map((t) => [t.id, t.name]));
      keys = new Map(types.map((t) => [t.id, searchKey(t.name)]));
      order = [...types]
        .sort(
          (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .map((t) => t.id);
    }
    const byId = new Map(types.map((t) => [t.id, t]));
    return order.map((id) => ({ type: byId.get(id)!, key: keys.get(id)! }));
  };
}

/** Entries whose name holds every word of the query, in any order (SPEC §8); all for a blank one. */
export function filterEntries(entries: TypeEntry[], query: string): TypeEntry[] {
  const words = searchWords(query);
  if (words.length === 0) return entries;
  return entries.filter((e) => matchesSearch(e.key, words));
}
