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
export function compareEvents(a: ReplayableEvent, b: ReplayableEvent): number {
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

/** One type's replay, step by step (replay and appliedEvents share it). */
class TypeReplay<E extends ReplayableEvent> {
  readonly counts = zeroCounts();
  /** Applied events by id; kept only when the history holds a revert. */
  private readonly applied: Map<string, E> | null;
  cancelled: Set<string> | null = null;
  refusals: Map<string, RevertRefusal> | null = null;

  constructor(trackReverts: boolean) {
    this.applied = trackReverts ? new Map() : null;
  }

  /**
   * Applies an event when it may apply: counts allow it and, for a revert, its target
   * was applied before it in this replay, is not a revert itself, is undone exactly,
   * and was not undone already (valid once per target). True when applied.
   */
  step(event: E): boolean {
    if (event.reverts !== undefined) {
      const refusal = this.refusal(event);
      if (refusal !== null) {
        this.refusals ??= new Map();
        this.refusals.set(event.id, refusal);
        return false;
      }
    }
    if (!applyEvent(this.counts, event)) return false;
    this.applied?.set(event.id, event);
    if (event.reverts !== undefined) {
      this.cancelled ??= new Set();
      this.cancelled.add(event.reverts).add(event.id);
    }
    return true;
  }

  private refusal(revert: E): RevertRefusal | null {
    const target = this.applied?.get(revert.reverts!);
    if (!target || target.reverts !== undefined || !isExactInverse(target, revert)) {
      return 'ERR_NOT_REVERTIBLE';
    }
    return this.cancelled?.has(target.id) ? 'ERR_ALREADY_REVERTED' : null;
  }
}

const hasRevert = (events: readonly ReplayableEvent[]): boolean => {
  for (const e of events) if (e.reverts !== undefined) return true;
  return false;
};

/**
 * Counts from a type's events in history order. An event that would drive a count
 * negative (two devices spent the same models) is set aside, not applied, and
 * returned in `skipped` so callers can report it as a conflict. So is a revert that
 * cannot apply (SPEC §9: once per target, only after its target was applied, only
 * while the counts allow it); `refusals` says why. An applied revert and its target
 * are listed in `cancelled`: counts include both, history and Activity hide both.
 */
export function replay<E extends ReplayableEvent>(
  events: readonly E[],
  alreadySorted = false,
): ReplayResult<E> {
  const ordered = alreadySorted ? events : [...events].sort(compareEvents);
  const run = new TypeReplay<E>(hasRevert(ordered));
  const skipped: E[] = [];
  for (const event of ordered) {
    if (!run.step(event)) skipped.push(event);
  }
  return {
    counts: run.counts,
    skipped,
    cancelled: run.cancelled ?? NONE,
    refusals: run.refusals ?? NO_REFUSALS,
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
  const tracking = hasRevert(events);
  const runs = new Map<string, TypeReplay<E>>();
  const applied: E[] = [];
  for (const event of [...events].sort(compareEvents)) {
    let run = runs.get(event.type_id);
    if (!run) {
      run = new TypeReplay<E>(tracking);
      runs.set(event.type_id, run);
    }
    if (run.step(event)) applied.push(event);
  }
  if (!tracking || options.keepReverted) return applied;
  return applied.filter((e) => !runs.get(e.type_id)!.cancelled?.has(e.id));
}
