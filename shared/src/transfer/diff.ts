import type { GoalSetting, HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import { type Extra, sameExtra } from '../values/canonical-json';
import { sameTypeRecord } from '../values/same-type';
import type { TrackerState } from './state';

export { sameTypeRecord };

/** What a store must write to turn `before` into `after`, so neither side rewrites everything. */
export interface StateDelta {
  /** New types and types whose name, fields, times, counts or unknown fields changed. */
  upsertTypes: MiniatureType[];
  /** Types that are no longer live (deleted or folded), with their events. */
  deleteTypeIds: string[];
  /** Events not in `before`. */
  insertEvents: HistoryEvent[];
  /** Events of `before` that now belong to another type (folded by name). */
  moveEvents: { id: string; type_id: string }[];
  /** Events of `before` whose unknown fields changed (a newer app's data merged in). */
  updateEvents: HistoryEvent[];
  /** Tombstones not in `before` or changed. */
  upsertTombstones: Tombstone[];
  /** The goal, when it changed (it never goes back to unset). */
  goal?: GoalSetting;
  /** The file's top-level unknown fields, when they changed. */
  extra?: Extra;
}

const sameGoal = (a?: GoalSetting, b?: GoalSetting): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.updated_at === b.updated_at &&
    JSON.stringify(a.value) === JSON.stringify(b.value));

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
    updateEvents: [],
    upsertTombstones: [],
  };
  for (const t of after.types) {
    const old = oldTypes.get(t.id);
    if (!old || !sameTypeRecord(old, t)) delta.upsertTypes.push(t);
  }
  for (const t of before.types) if (!newTypeIds.has(t.id)) delta.deleteTypeIds.push(t.id);
  for (const e of after.events) {
    const old = oldEvents.get(e.id);
    if (!old) {
      delta.insertEvents.push(e);
      continue;
    }
    if (old.type_id !== e.type_id) delta.moveEvents.push({ id: e.id, type_id: e.type_id });
    if (!sameExtra(old.extra, e.extra)) delta.updateEvents.push(e);
  }
  for (const t of after.tombstones) {
    const old = oldTombs.get(t.id);
    if (
      !old ||
      old.deleted_at !== t.deleted_at ||
      old.merged_into !== t.merged_into ||
      !sameExtra(old.extra, t.extra)
    ) {
      delta.upsertTombstones.push(t);
    }
  }
  if (!sameGoal(before.goal, after.goal)) delta.goal = after.goal;
  if (!sameExtra(before.extra, after.extra)) delta.extra = after.extra;
  return delta;
}

/** True when applying the delta would change nothing. */
export function isEmptyDelta(delta: StateDelta): boolean {
  return (
    delta.upsertTypes.length === 0 &&
    delta.deleteTypeIds.length === 0 &&
    delta.insertEvents.length === 0 &&
    delta.moveEvents.length === 0 &&
    delta.updateEvents.length === 0 &&
    delta.upsertTombstones.length === 0 &&
    !('goal' in delta) &&
    !('extra' in delta)
  );
}
