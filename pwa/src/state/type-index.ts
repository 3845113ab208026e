import type { MiniatureType } from '@mpt/shared';
import { compareNames } from './collation';

/** A type in the list, in A–Z order (search keys live in type-search.ts). */
export interface TypeEntry {
  type: MiniatureType;
}

/**
 * Returns a function that sorts types A–Z (case-insensitive, locale-aware) and keeps
 * the order between calls when no name changed: a move only changes counts, so at
 * 10 000 types it costs one pass instead of a fresh sort.
 */
export function createTypeSorter(): (types: readonly MiniatureType[]) => TypeEntry[] {
  let names = new Map<string, string>();
  let order: string[] = [];
  return (types) => {
    const same = types.length === order.length && types.every((t) => names.get(t.id) === t.name);
    if (!same) {
      names = new Map(types.map((t) => [t.id, t.name]));
      order = [...types]
        .sort((a, b) => compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((t) => t.id);
    }
    const byId = new Map(types.map((t) => [t.id, t]));
    return order.map((id) => ({ type: byId.get(id)! }));
  };
}
