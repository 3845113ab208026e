import { LIMITS } from '../limits';
import type { HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import { canonicalId } from '../values/ids';
import { canonicalName, validateName } from '../values/names';
import { isCanonicalTimestamp, TIME_RANGE } from '../values/time';
import { deterministicUuid } from './deterministic-id';
import { type MergeOutcome, mergeStates } from './merge';
import { emptyState, type TrackerState } from './state';

/** A stored time brought into TIME_RANGE (a store could hold any time before SPEC §8). */
function clampTime(value: string): string {
  if (isCanonicalTimestamp(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms < Date.parse(TIME_RANGE.min)) return TIME_RANGE.min;
  if (ms > Date.parse(TIME_RANGE.max)) return TIME_RANGE.max;
  return new Date(ms).toISOString();
}

/** A stored name in canonical form; one with nothing visible left is named by its id. */
function storedName(name: string, id: string): string {
  const valid = validateName(name);
  if (valid.ok) return valid.value;
  const cut = validateName([...canonicalName(name)].slice(0, LIMITS.nameLength).join(''));
  return cut.ok ? cut.value : `#${id.slice(0, 8)}`;
}

const sameContent = (a: HistoryEvent, b: HistoryEvent): boolean =>
  a.type_id === b.type_id &&
  a.from_stage === b.from_stage &&
  a.to_stage === b.to_stage &&
  a.qty === b.qty &&
  a.created_at === b.created_at;

/**
 * Brings a state a store kept before the rules of SPEC §8 to canonical values, losing
 * nothing: ids lower-cased (the same id written in two cases is one id, so copies of
 * one event collapse and a fold of an id into itself is dropped), names canonical
 * (one with nothing visible left is named `#` + the start of its id), times clamped
 * into TIME_RANGE, two different events that now share an id told apart by a derived
 * id. The result then goes through mergeStates, so types whose names now share an
 * identity key fold by the merge rules (SPEC §3) and counts are the replay.
 * Used by the app's database upgrade and the server's data migration.
 */
export function canonicalizeState(state: TrackerState): MergeOutcome {
  const types: MiniatureType[] = state.types.map((t) => {
    const id = canonicalId(t.id);
    const created_at = clampTime(t.created_at);
    const renamed = clampTime(t.name_updated_at);
    return {
      id,
      name: storedName(t.name, id),
      created_at,
      name_updated_at: renamed < created_at ? created_at : renamed,
      counts: { ...t.counts },
    };
  });
  const events = new Map<string, HistoryEvent>();
  for (const e of state.events) {
    const event: HistoryEvent = {
      ...e,
      id: canonicalId(e.id),
      type_id: canonicalId(e.type_id),
      created_at: clampTime(e.created_at),
    };
    const seen = events.get(event.id);
    if (seen && !sameContent(seen, event)) {
      event.id = deterministicUuid(`canonical-id|${e.id}|${event.type_id}|${event.created_at}`);
    }
    if (!seen || event.id !== seen.id) events.set(event.id, event);
  }
  const tombstones: Tombstone[] = [];
  for (const t of state.tombstones) {
    const id = canonicalId(t.id);
    const merged_into = t.merged_into === null ? null : canonicalId(t.merged_into);
    // Folded into itself: two spellings of one id met by name; it is one live type.
    if (merged_into === id) continue;
    tombstones.push({ id, deleted_at: clampTime(t.deleted_at), merged_into });
  }
  return mergeStates(emptyState(), { types, events: [...events.values()], tombstones });
}
