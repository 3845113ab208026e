import {
  type Conflict,
  type HistoryEvent,
  possibleDoubles,
  sameStepTwins,
  skippedEventIds,
} from '@mpt/shared';
import type { FoundDouble } from '../sync/store';
import { eventsById, eventsOfTypes, eventTables } from './event-store';
import type { TrackerDb } from './schema';

/**
 * Which of `eventIds` this device's own replay of their types already sets aside (SPEC
 * §3: a move that does not fit is kept, not counted): a server's report of them says
 * nothing new here. Returns that subset; unknown ids are not in it. One read
 * transaction over the histories of the events' types.
 */
export function alreadySetAside(db: TrackerDb, eventIds: readonly string[]): Promise<Set<string>> {
  return db.transaction('r', eventTables(db), async () => {
    const known = await eventsById(db, eventIds);
    if (known.length === 0) return new Set<string>();
    const events = await eventsOfTypes(db, new Set(known.map((e) => e.type_id)));
    const skipped = skippedEventIds({ types: [], events, tombstones: [] });
    return new Set(eventIds.filter((id) => skipped.has(id)));
  });
}

/**
 * For sync conflicts, the counted step that looks like the same tap made on another
 * device (shared's sameStepTwins), read from this device's histories of their types:
 * conflict event id → the twin's time (ISO 8601 UTC). Empty for no conflicts.
 */
export async function readSameStepTwins(
  db: TrackerDb,
  conflicts: readonly Conflict[],
): Promise<Map<string, string>> {
  if (conflicts.length === 0) return new Map();
  const typeIds = [...new Set(conflicts.map((c) => c.event.type_id))];
  const histories = await db.transaction('r', eventTables(db), () => eventsOfTypes(db, typeIds));
  const twins = sameStepTwins(
    conflicts.map((c) => c.event),
    histories,
  );
  return new Map([...twins].map(([id, twin]) => [id, twin.created_at]));
}

/**
 * Steps this device sent (`mineIds`) that another device's same step (among `theirs`,
 * what the sync brought) met, both counted after the merge: perhaps logged twice
 * (shared's possibleDoubles). Read from this device's histories of their types, in one
 * read transaction; empty when no step of mine shares a type with theirs.
 */
export async function readPossibleDoubles(
  db: TrackerDb,
  mineIds: readonly string[],
  theirs: readonly HistoryEvent[],
): Promise<FoundDouble[]> {
  const theirTypes = new Set(theirs.map((e) => e.type_id));
  if (mineIds.length === 0 || theirTypes.size === 0) return [];
  return db.transaction('r', [...eventTables(db), db.types], async () => {
    const mine = (await eventsById(db, mineIds)).filter((e) => theirTypes.has(e.type_id));
    if (mine.length === 0) return [];
    const typeIds = [...new Set(mine.map((e) => e.type_id))];
    const [histories, types] = await Promise.all([
      eventsOfTypes(db, typeIds),
      db.types.bulkGet(typeIds),
    ]);
    const names = new Map(types.flatMap((t) => (t ? [[t.id, t.name] as const] : [])));
    const doubles = possibleDoubles(mine, theirs, histories);
    return mine.flatMap((e) => {
      const twin = doubles.get(e.id);
      return twin
        ? [
            {
              type_id: e.type_id,
              type_name: names.get(e.type_id) ?? '',
              event: e,
              twin_at: twin.created_at,
            },
          ]
        : [];
    });
  });
}
