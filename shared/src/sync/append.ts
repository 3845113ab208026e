import { DomainError } from '../errors';
import { compareEvents, replay } from '../pipeline/replay';
import type { Conflict, ImportReport } from '../schema/api';
import type { HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import { diffStates, isEmptyDelta, type StateDelta } from '../transfer/diff';
import { eventsByType, mergeGoal, mergeTypeInfo, type TypeInfo } from '../transfer/merge';
import type { TrackerState } from '../transfer/state';
import { checkStateLimits } from '../transfer/state-limits';
import { mergeExtra } from '../values/extra';
import { nameKey } from '../values/names';

/** A stored live type and what an append needs of its history, instead of its events. */
export interface HistoryTail {
  /** The type as stored; its counts are the replay of its whole history. */
  type: MiniatureType;
  /** How many events it holds. */
  events: number;
  /** Its last event in history order (compareEvents), or null when it holds none. */
  last: Pick<HistoryEvent, 'created_at' | 'id'> | null;
}

/** What planAppend reads of a replica: the scope's types as tails, and the rest whole. */
export interface AppendBase {
  /** Every live type of the change set's scope (changeScope), as a tail. */
  tails: readonly HistoryTail[];
  /** Every tombstone of the replica. */
  tombstones: readonly Tombstone[];
  goal?: TrackerState['goal'];
  extra?: TrackerState['extra'];
  /** How many of the change set's events the replica already holds (by id). */
  heldEvents: number;
  /**
   * Every stored event of the types typesToReplay names (any order): their new events
   * go into their history instead of after it.
   */
  histories?: readonly HistoryEvent[];
}

/** The report and the writes of a merge (what a store needs of planChanges). */
export type AppendPlan = { report: ImportReport; delta: StateDelta };

/** True when every fold tombstone already names the end of its chain (merge keeps it so). */
function foldsResolved(byId: ReadonlyMap<string, Tombstone>): boolean {
  for (const t of byId.values()) {
    if (t.merged_into !== null && byId.get(t.merged_into)?.merged_into) return false;
  }
  return true;
}

/** Events by type, each list in history order. */
const byTypeInOrder = (events: readonly HistoryEvent[]) =>
  eventsByType([...events].sort(compareEvents));

/**
 * True when a type's new events (in history order) all come after its last stored one
 * and each undo among them undoes one of the change set's events (`ids`): then the
 * replay of its history goes on from its counts (shared's replay `start`).
 */
function appendsTo(
  last: HistoryTail['last'] | undefined,
  list: readonly HistoryEvent[],
  ids: ReadonlySet<string>,
): boolean {
  if (last && compareEvents(last, list[0]!) >= 0) return false;
  return list.every((e) => e.reverts === undefined || ids.has(e.reverts));
}

/**
 * The types of `tails` whose whole history planAppend needs (AppendBase.histories): a
 * new event of theirs goes before their last stored one, or undoes an event outside
 * the change set. Usually none: a device's moves since its last sync come after.
 */
export function typesToReplay(tails: readonly HistoryTail[], changes: TrackerState): string[] {
  const last = new Map(tails.map((tail) => [tail.type.id, tail.last]));
  const ids = new Set(changes.events.map((e) => e.id));
  const needed: string[] = [];
  for (const [typeId, list] of byTypeInOrder(changes.events)) {
    if (last.has(typeId) && !appendsTo(last.get(typeId), list, ids)) needed.push(typeId);
  }
  return needed;
}

/**
 * Merges a change set that only appends into a replica, from the tails of its types
 * instead of their whole histories (SPEC §10, the incremental form of planChanges):
 * the same report and the same writes as planChanges over the scope's whole state
 * (proven by append.property.test.ts), so a store need not read each touched type's
 * history. Returns null, and the caller merges in full, unless the change set only
 * adds: no tombstones, no event the replica holds, no two live types with one name key,
 * and for each type either its whole history in `histories` or new events that all
 * come after its last one and undo only events of the set (typesToReplay names the
 * others). Throws ERR_LIMIT_REACHED as planImport does.
 */
export function planAppend(
  base: AppendBase,
  changes: TrackerState,
  dryRun: boolean,
): AppendPlan | null {
  if (changes.tombstones.length > 0 || base.heldEvents > 0) return null;
  const tombstones = new Map(base.tombstones.map((t) => [t.id, t]));
  if (tombstones.size !== base.tombstones.length || !foldsResolved(tombstones)) return null;

  const tails = new Map(base.tails.map((tail) => [tail.type.id, tail]));
  const infos = new Map<string, TypeInfo>();
  for (const t of [...base.tails.map((tail) => tail.type), ...changes.types]) {
    if (tombstones.has(t.id)) return null;
    const { counts: _counts, ...info } = t;
    const seen = infos.get(t.id);
    infos.set(t.id, seen ? mergeTypeInfo(seen, info) : info);
  }
  const keys = new Set<string>();
  for (const info of infos.values()) keys.add(nameKey(info.name));
  if (keys.size !== infos.size) return null;

  const ids = new Set(changes.events.map((e) => e.id));
  if (ids.size !== changes.events.length) return null;
  const byType = byTypeInOrder(changes.events);
  const histories = byTypeInOrder(base.histories ?? []);
  for (const [typeId, list] of byType) {
    if (!infos.has(typeId)) return null;
    if (histories.has(typeId)) continue;
    if (!appendsTo(tails.get(typeId)?.last, list, ids)) return null;
  }
  let held = 0;
  for (const tail of base.tails) held += tail.events;

  // The stored events are in neither state: they are the same before and after.
  const before: TrackerState = {
    types: base.tails.map((tail) => tail.type),
    events: [],
    tombstones: [...base.tombstones],
    goal: base.goal,
    extra: base.extra,
  };
  const events = [...changes.events].sort(compareEvents);
  const after: TrackerState = { types: [], events, tombstones: before.tombstones };
  const conflicts: Conflict[] = [];
  for (const info of [...infos.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const stored = tails.get(info.id)?.type.counts;
    const list = byType.get(info.id);
    if (list === undefined) {
      after.types.push({ ...info, counts: stored ?? replay([]).counts });
      continue;
    }
    const history = histories.get(info.id);
    const result = history
      ? replay([...history, ...list].sort(compareEvents), true)
      : replay(list, true, stored);
    // As mergeStates: a stored event is a conflict only when it applied before.
    const setAsideBefore = history ? new Set(replay(history, true).skipped.map((e) => e.id)) : null;
    for (const e of result.skipped) {
      if (setAsideBefore?.has(e.id)) continue;
      conflicts.push({
        type_id: info.id,
        type_name: info.name,
        event: e,
        reason: result.refusals.get(e.id) ?? 'ERR_INSUFFICIENT_QTY',
      });
    }
    after.types.push({ ...info, counts: result.counts });
  }
  const goal = mergeGoal(base.goal, changes.goal);
  if (goal !== undefined) after.goal = goal;
  const extra = mergeExtra(base.extra, changes.extra);
  if (extra !== undefined) after.extra = extra;

  const limits = checkStateLimits({
    types: after.types,
    events: { length: held + events.length },
    tombstones: after.tombstones,
  });
  if (!limits.ok) throw new DomainError(limits.code, limits.details);

  let created = 0;
  let merged = 0;
  for (const t of changes.types) {
    if (tails.has(t.id)) merged++;
    else created++;
  }
  const delta = diffStates(before, after);
  return {
    delta,
    report: {
      types_created: created,
      types_merged: merged,
      events_added: events.length,
      events_skipped: 0,
      conflicts,
      types_deleted: [],
      types_folded: [],
      changed: !isEmptyDelta(delta),
      dry_run: dryRun,
    },
  };
}
