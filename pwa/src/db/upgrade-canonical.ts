import {
  canonicalId,
  canonicalizeState,
  defaultTypeFields,
  diffStates,
  type HistoryEvent,
  isEmptyDelta,
  type MiniatureType,
  type Tombstone,
} from '@mpt/shared';
import type { Transaction } from 'dexie';

/**
 * Database version 2's upgrade (SPEC §8): the stored state brought to canonical values
 * by shared's canonicalizeState — ids lower-cased (copies of one event stored under two
 * spellings collapse), names canonical, times inside the accepted range, types whose
 * names now share an identity key folded by the merge rules — then written back in the
 * upgrade's own transaction, so it happens once, wholly or not at all. Dropped-event
 * ids are lower-cased too, and when the data changed the change counter moves, so the
 * next sync sends the repaired state.
 */
export async function canonicalizeStoredData(tx: Transaction): Promise<void> {
  const types = tx.table<MiniatureType, string>('types');
  const events = tx.table<HistoryEvent, string>('events');
  const tombstones = tx.table<Tombstone, string>('tombstones');
  const meta = tx.table<{ key: string; value: unknown }, string>('meta');
  // Rows kept before SPEC §9 compared with their defaults, so only a canonical change
  // rewrites them (version 3 then adds the fields to every row).
  const stored = {
    types: (await types.toArray()).map((t) => ({ ...defaultTypeFields(t.created_at), ...t })),
    events: await events.toArray(),
    tombstones: await tombstones.toArray(),
  };
  const { state } = canonicalizeState(stored);
  // Ids that changed case leave rows behind that no delta names: rewrite everything
  // (once, and only when something changed at all).
  const changed =
    !isEmptyDelta(diffStates(stored, state)) ||
    state.types.length !== stored.types.length ||
    state.events.length !== stored.events.length ||
    state.tombstones.length !== stored.tombstones.length;
  if (changed) {
    await Promise.all([types.clear(), events.clear(), tombstones.clear()]);
    await Promise.all([
      types.bulkAdd(state.types),
      events.bulkAdd(state.events),
      tombstones.bulkAdd(state.tombstones),
    ]);
    const seq = await meta.get('local_change_seq');
    await meta.put({ key: 'local_change_seq', value: Number(seq?.value ?? 0) + 1 });
  }
  const dropped = await meta.get('dropped_event_ids');
  if (Array.isArray(dropped?.value)) {
    const ids = new Set((dropped.value as string[]).map(canonicalId));
    await meta.put({ key: 'dropped_event_ids', value: [...ids] });
  }
}
