import { canonicalizeState, diffStates, nameKey, searchKey } from '@mpt/shared';
import type { Queryable } from './database';
import { applyDelta, loadState } from './sql-state';

/**
 * Migration 002's data step (SPEC §8): the stored state brought to canonical values by
 * shared's canonicalizeState (names canonical, types whose names now share an identity
 * key folded by the merge rules, nothing lost), written as a delta, then every type's
 * name_key and search_key recomputed with shared's functions.
 */
export async function canonicalizeStoredData(tx: Queryable): Promise<void> {
  const stored = await loadState(tx);
  const { state } = canonicalizeState(stored);
  await applyDelta(tx, diffStates(stored, state));
  await tx.query(
    `UPDATE miniature_types t SET name_key = k.name_key, search_key = k.search_key
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(id, name_key, search_key)
     WHERE t.id = k.id`,
    [
      state.types.map((t) => t.id),
      state.types.map((t) => nameKey(t.name)),
      state.types.map((t) => searchKey(t.name)),
    ],
  );
}
