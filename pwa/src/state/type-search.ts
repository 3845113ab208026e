import { matchesSearch, searchKey, searchWords } from '@mpt/shared';
import type { TypeEntry } from './type-index';

/** Filters the list by a query; keeps every type's search key between calls. */
export interface Searcher {
  /** Entries whose name holds every word of the query, in any order; all for a blank one. */
  filter(entries: readonly TypeEntry[], query: string): readonly TypeEntry[];
  /** Works out the keys of `entries` ahead of the first search, a slice per task. */
  warm(entries: readonly TypeEntry[]): Promise<void>;
}

/** Keys worked out per task while warming: a few ms on a phone, so the page stays live. */
const WARM_SLICE = 500;

/**
 * The list's search (SPEC §8: shared's search key and word matching). Loaded after the
 * first paint, with the name rules of shared/ it needs (app-state.ts loadSearch); each
 * key is computed once per name and kept.
 */
export function createSearcher(): Searcher {
  const keys = new Map<string, { name: string; key: string }>();
  const keyOf = ({ type }: TypeEntry) => {
    const known = keys.get(type.id);
    if (known?.name === type.name) return known.key;
    const key = searchKey(type.name);
    keys.set(type.id, { name: type.name, key });
    return key;
  };
  return {
    filter(entries, query) {
      const words = searchWords(query);
      if (words.length === 0) return entries;
      return entries.filter((e) => matchesSearch(keyOf(e), words));
    },
    async warm(entries) {
      for (let i = 0; i < entries.length; i += WARM_SLICE) {
        for (const e of entries.slice(i, i + WARM_SLICE)) keyOf(e);
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}
