import type { HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import type { TrackerState } from './state';

/** What a store must write to turn `before` into `after`, so neither side rewrites everything. */
export interface StateDelta {
  /** New types and types whose name, times or counts changed. */
  upsertTypes: MiniatureType[];
  /** Types that are no longer live (deleted or folded), with their events. */
  deleteTypeIds: string[];
  /** Events not in `before`. */
  insertEvents: HistoryEvent[];
  /** Events of `before` that now belong to another type (folded by name). */
  moveEvents: { id: string; type_id: string }[];
  /** Tombstones not in `before` or changed. */
  upsertTombstones: Tombstone[];
}

/** True when two records of a type agree on name, times and every count. */
export const sameTypeRecord = (a: MiniatureType, b: MiniatureType): boolean =>
  a.name === b.name &&
  a.created_at === b.created_at &&
  a.name_updated_at === b.name_updated_at &&
  a.counts.IN_BOX === b.counts.IN_BOX &&
  a.counts.BUILDING === b.counts.BUILDING &&
  a.counts.PRIMING === b.counts.PRIMING &&
  a.counts.PAINTING === b.counts.PAINTING &&
  a.counts.DONE === b.counts.DONE;

/** Computes the writes between two states (typically a state and its merge result). */
export function diffStates(before: TrackerState, after: TrackerState): StateDelta {
  const oldTypes = new Map(before.types.map((t) => [t.id, t]));
  const newTypeIds = new Set(after.types.map((t) => t.id));
  const oldEvents = new Map(before.events.map((e) => [e.id, e]));
  const oldTombs = new Map(before.tombstones.map((t) => [t.id, t]));
  const delta: StateDelta = {
    upsertTypes: [],
    deleteTypeIds: [],
    insertEvents: [],
    moveEvents: [],
    upsertTombstones: [],
  };
  for (const t of after.types) {
    const old = oldTypes.get(t.id);
    if (!old || !sameTypeRecord(old, t)) delta.upsertTypes.push(t);
  }
  for (const t of before.types) if (!newTypeIds.has(t.id)) delta.deleteTypeIds.push(t.id);
  for (const e of after.events) {
    const old = oldEvents.get(e.id);
    if (!old) delta.insertEvents.push(e);
    else if (old.type_id !== e.type_id) delta.moveEvents.push({ id: e.id, type_id: e.type_id });
  }
  for (const t of after.tombstones) {
    const old = oldTombs.get(t.id);
    if (!old || old.deleted_at !== t.deleted_at || old.merged_into !== t.merged_into) {
      delta.upsertTombstones.push(t);
    }
  }
  return delta;
}

/** True when applying the delta would change nothing. */
export function isEmptyDelta(delta: StateDelta): boolean {
  return (
    delta.upsertTypes.length === 0 &&
    delta.deleteTypeIds.length === 0 &&
    delta.insertEvents.length === 0 &&
    delta.moveEvents.length === 0 &&
    delta.upsertTombstones.length === 0
  );
}
