import type { HistoryEvent } from '../schema/entities';
import { type Counts, zeroCounts } from './stages';

/** The event fields replay needs; the type is implied by the caller. */
export type ReplayableEvent = Pick<
  HistoryEvent,
  'id' | 'from_stage' | 'to_stage' | 'qty' | 'created_at'
>;

/** History order: by created_at, then id, so every replica replays in the same order. */
export function compareEvents(a: ReplayableEvent, b: ReplayableEvent): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Applies one event to counts in place. Returns false, changing nothing, when the
 * event would take more models from a stage than it holds.
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

export interface ReplayResult<E extends ReplayableEvent> {
  counts: Counts;
  /** Events that would have driven a count below zero: kept, never applied. */
  skipped: E[];
}

/**
 * Counts from a type's events in history order. An event that would drive a count
 * negative (two devices spent the same models) is set aside, not applied, and
 * returned in `skipped` so callers can report it as a conflict.
 */
export function replay<E extends ReplayableEvent>(
  events: readonly E[],
  alreadySorted = false,
): ReplayResult<E> {
  const ordered = alreadySorted ? events : [...events].sort(compareEvents);
  const counts = zeroCounts();
  const skipped: E[] = [];
  for (const event of ordered) {
    if (!applyEvent(counts, event)) skipped.push(event);
  }
  return { counts, skipped };
}

/**
 * The events a replay applies, in history order, for events of one or more types: what
 * a history view shows, so it always agrees with the counts. Each type's events must be
 * complete, since whether an event applies depends on all earlier ones.
 */
export function appliedEvents<E extends ReplayableEvent & { type_id: string }>(
  events: readonly E[],
): E[] {
  const counts = new Map<string, Counts>();
  const applied: E[] = [];
  for (const event of [...events].sort(compareEvents)) {
    let typeCounts = counts.get(event.type_id);
    if (!typeCounts) {
      typeCounts = zeroCounts();
      counts.set(event.type_id, typeCounts);
    }
    if (applyEvent(typeCounts, event)) applied.push(event);
  }
  return applied;
}
