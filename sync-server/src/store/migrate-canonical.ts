import { canonicalizeState, diffStates, nameKey, searchKey } from '@mpt/shared';
import type { Queryable } from './database';
import { applyDelta, loadState } from './sql-state';

/**
 * Migration 002's data step (SPEC §8): the stored state brought to canonical values by
 * shared's canonicalizeState (names canonical, times inside TIME_RANGE, types whose
 * names now share an identity key folded by the merge rules, nothing lost), written as
 * a delta plus the clamped event times, then every type's name_key and search_key
 * recomputed with shared's functions.
 */
export async function canonicalizeStoredData(tx: Queryable): Promise<void> {
  const stored = await loadState(tx);
  const { state } = canonicalizeState(stored);
  await applyDelta(tx, diffStates(stored, state), stored.types);
  // Events never change in a merge, so a delta has no place for a time clamped into
  // TIME_RANGE (an old server kept year 0049 or 9999): write those here.
  const before = new Map(stored.events.map((e) => [e.id, e.created_at]));
  const moved = state.events.filter((e) => before.has(e.id) && before.get(e.id) !== e.created_at);
  await tx.query(
    `UPDATE history_events h SET created_at = m.created_at
     FROM unnest($1::uuid[], $2::timestamptz[]) AS m(id, created_at) WHERE h.id = m.id`,
    [moved.map((e) => e.id), moved.map((e) => e.created_at)],
  );
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
