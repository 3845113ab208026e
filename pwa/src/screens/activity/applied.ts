import { appliedEvents, type HistoryEvent } from '@mpt/shared';
import type { TrackerDb } from '../../db/schema';

/**
 * Leaves out of each list the events that a replay of their type's whole history sets
 * aside (a move refused as a sync conflict), so Activity never shows it as done.
 * Whether an event applies depends on everything before it, so the full history is
 * read, but only of the types that appear in the lists.
 */
export async function keepApplied(
  db: TrackerDb,
  lists: readonly (readonly HistoryEvent[])[],
): Promise<HistoryEvent[][]> {
  const typeIds = [...new Set(lists.flatMap((l) => l.map((e) => e.type_id)))];
  if (typeIds.length === 0) return lists.map((l) => [...l]);
  const history = await db.events.where('type_id').anyOf(typeIds).toArray();
  const applied = new Set(appliedEvents(history).map((e) => e.id));
  return lists.map((l) => l.filter((e) => applied.has(e.id)));
}
