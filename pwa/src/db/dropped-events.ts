import type { HistoryEvent, StateDelta, TrackerState } from '@mpt/shared';
import { getMeta, setMeta } from './meta';
import type { TrackerDb } from './schema';

// Not in META (meta.ts): only this module reads or writes it.
const KEY = 'dropped_event_ids';

/*
 * Why a device remembers the events it dropped: a deletion takes a type's events away,
 * but when another device had already folded that type into a same-named one, the
 * events live on there (docs/data-format.md, "Name folds are decisions") and may come
 * back to this device set aside as conflicts. (A restore to an older point drops the
 * newer events the same way, and the next sync brings them back.) The event may be one
 * this device made, and it must hear of it (docs/sync.md), yet it no longer holds the
 * event and did not push it: without this list, sync would take it for someone else's
 * old conflict. Only dropped events are listed, and an event that comes back is held
 * again and leaves the list, so it stays small.
 */

/**
 * Ids of events this device held and dropped since (a type deleted here or by a sync,
 * a restore), whose conflicts sync reports (pwa/src/sync/attempt.ts). Joins the
 * caller's transaction.
 */
export async function droppedEventIds(db: TrackerDb): Promise<Set<string>> {
  return new Set(await getMeta<string[]>(db, KEY, []));
}

/**
 * Adds `dropped` to the list and removes `heldAgain`; writes only on a change. Call
 * inside a rw transaction over meta, beside the write that drops or restores events.
 */
export async function noteDroppedEvents(
  db: TrackerDb,
  dropped: Iterable<string>,
  heldAgain: Iterable<string> = [],
  known?: Set<string>,
): Promise<void> {
  const ids = known ? new Set(known) : await droppedEventIds(db);
  const size = ids.size;
  let changed = false;
  for (const id of dropped) ids.add(id);
  for (const id of heldAgain) changed = ids.delete(id) || changed;
  if (changed || ids.size !== size) await setMeta(db, KEY, [...ids]);
}

/**
 * The events of `before` that a merge result no longer holds (their type was deleted,
 * not folded) and the listed ids it holds again, from the delta diffStates computed.
 */
export function mergeDrops(
  before: TrackerState,
  delta: StateDelta,
  after: TrackerState,
  known: ReadonlySet<string>,
): { dropped: string[]; heldAgain: string[] } {
  const heldAgain =
    known.size === 0 ? [] : delta.insertEvents.filter((e) => known.has(e.id)).map((e) => e.id);
  // Events leave only with their type; a folded type's events move and are kept.
  if (delta.deleteTypeIds.length === 0) return { dropped: [], heldAgain };
  const gone = new Set(delta.deleteTypeIds);
  const candidates = before.events.filter((e: HistoryEvent) => gone.has(e.type_id));
  if (candidates.length === 0) return { dropped: [], heldAgain };
  const kept = new Set(after.events.map((e) => e.id));
  return { dropped: candidates.filter((e) => !kept.has(e.id)).map((e) => e.id), heldAgain };
}
