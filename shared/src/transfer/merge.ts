import { DomainError } from '../errors';
import { compareEvents, replay, sameStep } from '../pipeline/replay';
import type { Conflict } from '../schema/api';
import {
  type GoalSetting,
  type HistoryEvent,
  type MiniatureType,
  type Tombstone,
  TYPE_FIELDS,
} from '../schema/entities';
import { type Extra, mergeExtra } from '../values/extra';
import { nameKey } from '../values/names';
import type { TrackerState } from './state';

export interface MergeOutcome {
  state: TrackerState;
  /** Events the merged replay sets aside that the base replica had applied or lacked. */
  conflicts: Conflict[];
  /** Ids of every event the merged replay sets aside (old and new conflicts). */
  skipped: Set<string>;
  /** How many events of `incoming` the state gained (not in `base`, type not gone). */
  added: number;
}

/** A type's record without its counts (which only a replay gives). */
export type TypeInfo = Omit<MiniatureType, 'counts'>;

/**
 * Total order for two tombstones of one id: a deletion beats a fold (the user asked
 * for it), then the earliest wins, then the smaller survivor id.
 */
function preferTombstone(a: Tombstone, b: Tombstone): Tombstone {
  if ((a.merged_into === null) !== (b.merged_into === null)) return a.merged_into === null ? a : b;
  if (a.deleted_at !== b.deleted_at) return a.deleted_at < b.deleted_at ? a : b;
  return (a.merged_into ?? '') <= (b.merged_into ?? '') ? a : b;
}

/** The object with these unknown fields (itself when they are already its own). */
function withExtra<T extends { extra?: Extra }>(item: T, extra: Extra | undefined): T {
  if (item.extra === extra) return item;
  const { extra: _old, ...rest } = item;
  return (extra === undefined ? rest : { ...rest, extra }) as T;
}

/** Later time wins; on a tie, the smaller value as JSON text (SPEC §9). */
const laterWins = (timeA: string, timeB: string, a: unknown, b: unknown): boolean =>
  timeB > timeA || (timeB === timeA && JSON.stringify(b) < JSON.stringify(a));

/**
 * Same id on two replicas: the later rename wins (ties: the smaller name), each field
 * of SPEC §9 likewise by its own time, the earliest creation, unknown fields merged.
 */
export function mergeTypeInfo(a: TypeInfo, b: TypeInfo): TypeInfo {
  const named =
    b.name_updated_at > a.name_updated_at ||
    (b.name_updated_at === a.name_updated_at && b.name < a.name)
      ? b
      : a;
  const merged: TypeInfo = {
    ...a,
    name: named.name,
    name_updated_at: named.name_updated_at,
    created_at: a.created_at <= b.created_at ? a.created_at : b.created_at,
  };
  for (const field of TYPE_FIELDS) {
    const at = `${field}_updated_at` as const;
    if (laterWins(a[at], b[at], a[field], b[field])) {
      Object.assign(merged, { [field]: b[field], [at]: b[at] });
    }
  }
  return withExtra(merged, mergeExtra(a.extra, b.extra));
}

/** The goal set last (ties: the smaller value as JSON text); a goal beats none. */
export function mergeGoal(a?: GoalSetting, b?: GoalSetting): GoalSetting | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return laterWins(a.updated_at, b.updated_at, a.value, b.value) ? b : a;
}

const createdFirst = (a: TypeInfo, b: TypeInfo): number =>
  a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.id < b.id ? -1 : 1;

/** The same event, known fields compared (its unknown fields merge). */
export const sameEvent = (a: HistoryEvent, b: HistoryEvent): boolean =>
  sameStep(a, b) && a.created_at === b.created_at && a.reverts === b.reverts;

/** Ids of the events a state's own replay sets aside. */
export function skippedEventIds(state: TrackerState): Set<string> {
  const skipped = new Set<string>();
  for (const events of eventsByType(state.events).values()) {
    for (const e of replay(events).skipped) skipped.add(e.id);
  }
  return skipped;
}

/** Events grouped by type, each group in the order given. */
export function eventsByType(events: readonly HistoryEvent[]): Map<string, HistoryEvent[]> {
  const byType = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    const list = byType.get(e.type_id);
    if (list) list.push(e);
    else byType.set(e.type_id, [e]);
  }
  return byType;
}

/**
 * Merges two replicas (SPEC §3, §9): event union by id, tombstone union (a type folded
 * by name follows `merged_into`), name and each field of SPEC §9 last-writer-wins per
 * id, the goal likewise, unknown fields kept (mergeExtra), live name collisions folded
 * into the type created first, counts recomputed by replay. Events a replay cannot
 * apply (a revert among them) are kept and reported as conflicts, never dropped.
 *
 * The result depends only on the union of the inputs, in canonical order, so merge is
 * commutative, associative and idempotent. The same event id with different content
 * throws ERR_IMPORT_INCONSISTENT.
 */
export function mergeStates(base: TrackerState, incoming: TrackerState): MergeOutcome {
  const tombstones = new Map<string, Tombstone>();
  for (const t of [...base.tombstones, ...incoming.tombstones]) {
    const seen = tombstones.get(t.id);
    tombstones.set(
      t.id,
      seen ? withExtra(preferTombstone(seen, t), mergeExtra(seen.extra, t.extra)) : t,
    );
  }

  const infos = new Map<string, TypeInfo>();
  for (const t of [...base.types, ...incoming.types]) {
    const { counts: _counts, ...info } = t;
    const seen = infos.get(t.id);
    infos.set(t.id, seen ? mergeTypeInfo(seen, info) : info);
  }

  const byName = new Map<string, TypeInfo[]>();
  for (const info of infos.values()) {
    if (tombstones.has(info.id)) continue;
    const key = nameKey(info.name);
    const list = byName.get(key);
    if (list) list.push(info);
    else byName.set(key, [info]);
  }
  const live = new Map<string, TypeInfo>();
  for (const group of byName.values()) {
    group.sort(createdFirst);
    const survivor = group[0]!;
    live.set(survivor.id, survivor);
    for (const loser of group.slice(1)) {
      // deleted_at is the loser's creation, not the time the names met: rename times
      // differ between replicas, and every replica must record the same fold.
      tombstones.set(loser.id, {
        id: loser.id,
        deleted_at: loser.created_at,
        merged_into: survivor.id,
      });
    }
  }

  const resolved = new Map<string, string | null>();
  const resolve = (typeId: string): string | null => {
    const cached = resolved.get(typeId);
    if (cached !== undefined) return cached;
    let id: string | null = typeId;
    const visited = new Set<string>();
    while (id !== null && !live.has(id)) {
      const tomb = tombstones.get(id);
      if (!tomb || visited.has(id)) {
        id = null;
        break;
      }
      visited.add(id);
      id = tomb.merged_into;
    }
    resolved.set(typeId, id);
    return id;
  };

  // A fold recorded on one replica may point at a type that was itself folded later:
  // store the end of the chain so every replica keeps the same tombstone.
  const chainEnd = (start: string): string => {
    let id = start;
    const visited = new Set<string>();
    for (let t = tombstones.get(id); t?.merged_into && !visited.has(id); t = tombstones.get(id)) {
      visited.add(id);
      id = t.merged_into;
    }
    return id;
  };
  for (const [id, t] of tombstones) {
    if (t.merged_into === null) continue;
    const end = chainEnd(t.merged_into);
    if (end !== t.merged_into) tombstones.set(id, { ...t, merged_into: end });
  }
  // Which types each survivor absorbed, by the tombstones of the inputs. When two
  // replicas folded one type into different survivors, the same event reaches two live
  // types: it follows its type's winning tombstone, or else goes to the type created
  // first. Its content is the same, so this is a fold decision, not a broken file.
  const absorbed = new Map<string, Set<string>>();
  for (const t of [...base.tombstones, ...incoming.tombstones]) {
    if (t.merged_into === null) continue;
    const set = absorbed.get(t.merged_into);
    if (set) set.add(t.id);
    else absorbed.set(t.merged_into, new Set([t.id]));
  }
  const refold = (rawA: string, rawB: string, a: string, b: string): string => {
    const fromB = absorbed.get(rawB);
    const shared = [...(absorbed.get(rawA) ?? [])].filter((id) => fromB?.has(id)).sort();
    for (const loser of shared) {
      const target = resolve(loser);
      if (target === a || target === b) return target;
    }
    return createdFirst(live.get(a)!, live.get(b)!) < 0 ? a : b;
  };

  // Union by id. The map keeps the first copy seen (as given); `moved` holds the final
  // type of every event whose type is not the one that copy names (folds: rare).
  const events = new Map<string, HistoryEvent>();
  const moved = new Map<string, string>();
  const droppedFromBase = new Set<string>();
  let added = 0;
  const typeOf = (e: HistoryEvent): string =>
    moved.size === 0 ? e.type_id : (moved.get(e.id) ?? e.type_id);
  const union = (list: readonly HistoryEvent[], fromBase: boolean) => {
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      const typeId = resolve(e.type_id);
      if (typeId === null) {
        if (fromBase) droppedFromBase.add(e.id);
        continue;
      }
      const seen = events.get(e.id);
      if (seen === undefined) {
        events.set(e.id, e);
        if (typeId !== e.type_id) moved.set(e.id, typeId);
        if (!fromBase && !droppedFromBase.has(e.id)) added++;
        continue;
      }
      if (!sameEvent(seen, e)) {
        throw new DomainError('ERR_IMPORT_INCONSISTENT', {
          reason: 'event_id_reused',
          event_id: e.id,
        });
      }
      if (seen.extra !== e.extra) {
        const extra = mergeExtra(seen.extra, e.extra);
        if (extra !== seen.extra) events.set(e.id, withExtra(seen, extra));
      }
      const seenType = typeOf(seen);
      if (seenType === typeId) continue;
      const target = refold(seen.type_id, e.type_id, seenType, typeId);
      if (target === seen.type_id) moved.delete(e.id);
      else moved.set(e.id, target);
    }
  };
  union(base.events, true);
  union(incoming.events, false);

  // One sort serves the replay (grouped by type, order kept) and the result.
  const sorted: HistoryEvent[] = [];
  for (const e of events.values()) {
    const typeId = typeOf(e);
    sorted.push(typeId === e.type_id ? e : { ...e, type_id: typeId });
  }
  sorted.sort(compareEvents);
  const grouped = eventsByType(sorted);

  const skipped = new Set<string>();
  const conflicts: Conflict[] = [];
  const types: MiniatureType[] = [];
  // Built only when the merged replay sets something aside (rare): was it already so in base?
  let baseSkipped: { ids: Set<string>; skipped: Set<string> } | null = null;
  const newConflict = (id: string): boolean => {
    baseSkipped ??= { ids: new Set(base.events.map((e) => e.id)), skipped: skippedEventIds(base) };
    return !baseSkipped.ids.has(id) || !baseSkipped.skipped.has(id);
  };
  for (const info of [...live.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const result = replay(grouped.get(info.id) ?? [], true);
    for (const e of result.skipped) {
      skipped.add(e.id);
      if (newConflict(e.id)) {
        conflicts.push({
          type_id: info.id,
          type_name: info.name,
          event: e,
          reason: result.refusals.get(e.id) ?? 'ERR_INSUFFICIENT_QTY',
        });
      }
    }
    types.push({ ...info, counts: result.counts });
  }

  const state: TrackerState = {
    types,
    events: sorted,
    tombstones: [...tombstones.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  const goal = mergeGoal(base.goal, incoming.goal);
  if (goal !== undefined) state.goal = goal;
  const extra = mergeExtra(base.extra, incoming.extra);
  if (extra !== undefined) state.extra = extra;
  return {
    state,
    conflicts,
    skipped,
    added,
  };
}
