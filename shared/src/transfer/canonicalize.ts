import { LIMITS } from '../limits';
import {
  defaultTypeFields,
  type HistoryEvent,
  type MiniatureType,
  type Tombstone,
  TYPE_FIELDS,
} from '../schema/entities';
import { canonicalId } from '../values/ids';
import { canonicalName, validateName } from '../values/names';
import { isCanonicalTimestamp, TIME_RANGE } from '../values/time';
import { deterministicUuid } from './deterministic-id';
import { type MergeOutcome, mergeStates, sameEvent } from './merge';
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
  a.type_id === b.type_id && sameEvent(a, b);

/**
 * Brings a state a store kept before the rules of SPEC §8 to canonical values, losing
 * nothing: ids lower-cased (the same id written in two cases is one id, so copies of
 * one event collapse and a fold of an id into itself is dropped), names canonical
 * (one with nothing visible left is named `#` + the start of its id), times clamped
 * into TIME_RANGE, two different events that now share an id told apart by a derived
 * id, the fields of SPEC §9 a row kept before them lacks at their defaults (times never
 * before the type's creation). The result then goes through mergeStates, so types whose names now share an
 * identity key fold by the merge rules (SPEC §3) and counts are the replay.
 * Used by the app's database upgrade and the server's data migration.
 */
export function canonicalizeState(state: TrackerState): MergeOutcome {
  const types: MiniatureType[] = state.types.map((stored) => {
    const id = canonicalId(stored.id);
    const created_at = clampTime(stored.created_at);
    const since = (time: string) => {
      const clamped = clampTime(time);
      return clamped < created_at ? created_at : clamped;
    };
    // A row kept before SPEC §9 lacks the fields: they take their defaults.
    const t: MiniatureType = { ...defaultTypeFields(stored.created_at), ...stored };
    const type: MiniatureType = {
      ...t,
      id,
      name: storedName(t.name, id),
      created_at,
      name_updated_at: since(t.name_updated_at),
      counts: { ...t.counts },
    };
    for (const field of TYPE_FIELDS) type[`${field}_updated_at`] = since(t[`${field}_updated_at`]);
    return type;
  });
  const events = new Map<string, HistoryEvent>();
  for (const e of state.events) {
    const event: HistoryEvent = {
      ...e,
      id: canonicalId(e.id),
      type_id: canonicalId(e.type_id),
      created_at: clampTime(e.created_at),
    };
    if (e.reverts !== undefined) event.reverts = canonicalId(e.reverts);
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
    tombstones.push({ ...t, id, deleted_at: clampTime(t.deleted_at), merged_into });
  }
  return mergeStates(emptyState(), { ...state, types, events: [...events.values()], tombstones });
}
