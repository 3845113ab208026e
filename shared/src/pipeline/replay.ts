import type { HistoryEvent } from '../schema/entities';
import { type Counts, zeroCounts } from './stages';

/** The event fields replay needs; the type is implied by the caller. */
export type ReplayableEvent = Pick<
  HistoryEvent,
  'id' | 'from_stage' | 'to_stage' | 'qty' | 'created_at' | 'reverts' | 'rework'
>;

/** Why a replay refused a revert: its target was undone already, or cannot be undone. */
export type RevertRefusal = 'ERR_ALREADY_REVERTED' | 'ERR_NOT_REVERTIBLE';

/** History order: by created_at, then id, so every replica replays in the same order. */
export function compareEvents(
  a: Pick<ReplayableEvent, 'created_at' | 'id'>,
  b: Pick<ReplayableEvent, 'created_at' | 'id'>,
): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Applies one event to counts in place. Returns false, changing nothing, when the
 * event would take more models from a stage than it holds. Reverts are not checked
 * here: replay decides whether a revert may apply at all.
 */
export function applyEvent(counts: Counts, event: ReplayableEvent): boolean {
  const { from_stage: from, to_stage: to, qty } = event;
  if (from !== null) {
    if (counts[from] < qty) return false;
    counts[from] -= qty;
  }
  if (to !== null) counts[to] += qty;
  return true;
}

/**
 * True when two events make the same step: the same stages, quantity and kind (a
 * rework or not). Their ids, types, times and undo links are the callers' to compare.
 */
export function sameStep(a: HistoryEvent, b: HistoryEvent): boolean {
  return (
    a.from_stage === b.from_stage &&
    a.to_stage === b.to_stage &&
    a.qty === b.qty &&
    a.rework === b.rework
  );
}

/** True when `revert` undoes `target` exactly: same qty, stages swapped (SPEC §9). */
export function isExactInverse(target: ReplayableEvent, revert: ReplayableEvent): boolean {
  return (
    revert.qty === target.qty &&
    revert.from_stage === target.to_stage &&
    revert.to_stage === target.from_stage
  );
}

export interface ReplayResult<E extends ReplayableEvent> {
  counts: Counts;
  /** Events that would have driven a count below zero, or reverts refused: kept, never applied. */
  skipped: E[];
  /** Ids of the applied reverts and of the events they undid: a cancelled pair each. */
  cancelled: ReadonlySet<string>;
  /** Why each refused revert among `skipped` was refused (other skips: ERR_INSUFFICIENT_QTY). */
  refusals: ReadonlyMap<string, RevertRefusal>;
}

const NONE: ReadonlySet<string> = new Set();
const NO_REFUSALS: ReadonlyMap<string, RevertRefusal> = new Map();
/** How far back an undo's event is looked for before the history is indexed by id. */
const RECENT = 64;

/**
 * Counts from a type's events in history order. An event that would drive a count
 * negative (two devices spent the same models) is set aside, not applied, and
 * returned in `skipped` so callers can report it as a conflict. So is a revert that
 * cannot apply (SPEC §9: once per target, only after its target was applied, only
 * while the counts allow it); `refusals` says why. An applied revert and its target
 * are listed in `cancelled`: counts include both, history and Activity hide both.
 * Work stays linear: a history without reverts pays one check per event, and an undo
 * of anything but a recent tap indexes the history once. `start` continues a replay
 * from the counts of an earlier history that every one of `events` comes after
 * (shared's planAppend); reverts then only find targets among `events`.
 */
export function replay<E extends ReplayableEvent>(
  events: readonly E[],
  alreadySorted = false,
  start?: Readonly<Counts>,
): ReplayResult<E> {
  const ordered = alreadySorted ? events : [...events].sort(compareEvents);
  const counts = start === undefined ? zeroCounts() : { ...start };
  const skipped: E[] = [];
  let skippedIds: Set<string> | null = null;
  let cancelled: Set<string> | null = null;
  let refusals: Map<string, RevertRefusal> | null = null;
  let positions: Map<string, number> | null = null;
  /** The event `id` when it comes before position `i`, else undefined. */
  const before = (id: string, i: number): E | undefined => {
    for (let j = i - 1; j >= 0 && j >= i - RECENT; j--)
      if (ordered[j]!.id === id) return ordered[j];
    if (i <= RECENT) return undefined;
    positions ??= new Map(ordered.map((e, j) => [e.id, j]));
    const j = positions.get(id);
    return j !== undefined && j < i ? ordered[j] : undefined;
  };
  const refuse = (event: E, why: RevertRefusal) => {
    refusals ??= new Map();
    refusals.set(event.id, why);
  };
  for (let i = 0; i < ordered.length; i++) {
    const event = ordered[i]!;
    let applies = true;
    if (event.reverts !== undefined) {
      const target = before(event.reverts, i);
      if (
        !target ||
        skippedIds?.has(target.id) ||
        target.reverts !== undefined ||
        !isExactInverse(target, event)
      ) {
        refuse(event, 'ERR_NOT_REVERTIBLE');
        applies = false;
      } else if (cancelled?.has(target.id)) {
        refuse(event, 'ERR_ALREADY_REVERTED');
        applies = false;
      }
    }
    if (applies && applyEvent(counts, event)) {
      if (event.reverts !== undefined) {
        cancelled ??= new Set();
        cancelled.add(event.reverts).add(event.id);
      }
      continue;
    }
    skipped.push(event);
    skippedIds ??= new Set();
    skippedIds.add(event.id);
  }
  return {
    counts,
    skipped,
    cancelled: cancelled ?? NONE,
    refusals: refusals ?? NO_REFUSALS,
  };
}

/**
 * The events a history view shows, in history order, for events of one or more types:
 * those the replay applies, without reverted pairs (an undone tap never shows, SPEC
 * §9) unless `keepReverted`. So the view always agrees with the counts. Each type's
 * events must be complete, since whether an event applies depends on all earlier ones.
 */
export function appliedEvents<E extends ReplayableEvent & { type_id: string }>(
  events: readonly E[],
  options: { keepReverted?: boolean } = {},
): E[] {
  const sorted = [...events].sort(compareEvents);
  const byType = new Map<string, E[]>();
  for (const e of sorted) {
    const list = byType.get(e.type_id);
    if (list) list.push(e);
    else byType.set(e.type_id, [e]);
  }
  const hidden = new Set<string>();
  for (const list of byType.values()) {
    const result = replay(list, true);
    for (const e of result.skipped) hidden.add(e.id);
    if (!options.keepReverted) for (const id of result.cancelled) hidden.add(id);
  }
  return hidden.size === 0 ? sorted : sorted.filter((e) => !hidden.has(e.id));
}
