import { type Conflict, planRedate } from '@mpt/shared';
import { changeActivityIndex } from './activity-index';
import { eventsById, eventsOfTypes, eventTables, putEvents } from './event-store';
import { tallyReplacement } from './finished-tally';
import { noteOutbox } from './outbox';
import type { TrackerDb } from './schema';
import { localWrite } from './write';

/**
 * Re-dates what the server refused for this device's clock once the clock is right
 * (SPEC §10, shared's planRedate), in one local write, so the next sync sends it again.
 * Returns how many records changed (0 when none was still dated ahead) and the moves
 * the new order set aside, to show as sync conflicts. Throws ERR_STORAGE.
 */
export function redateRefused(
  db: TrackerDb,
  refused: { type_ids: readonly string[]; event_ids: readonly string[] },
  now: Date = new Date(),
): Promise<{ changed: number; conflicts: Conflict[] }> {
  return localWrite(db, [db.types, ...eventTables(db)], async () => {
    const held = await eventsById(db, refused.event_ids);
    const typeIds = [...new Set([...refused.type_ids, ...held.map((e) => e.type_id)])];
    const [types, events] = await Promise.all([
      db.types.bulkGet(typeIds),
      eventsOfTypes(db, typeIds),
    ]);
    const out = planRedate(
      { types: types.filter((t) => t !== undefined), events, tombstones: [] },
      refused,
      now,
    );
    // Re-dated events move to another minute in Activity (a finish dated next June
    // shows this week once it is dated now).
    const redated = new Map(out.events.map((e) => [e.id, e]));
    const { tally, dropRefused } = tallyReplacement(
      events,
      events.map((e) => redated.get(e.id) ?? e),
    );
    await Promise.all([
      db.types.bulkPut(out.types),
      putEvents(db, out.events),
      changeActivityIndex(db, tally, dropRefused),
    ]);
    await noteOutbox(
      db,
      'type',
      out.types.map((t) => t.id),
    );
    await noteOutbox(
      db,
      'event',
      out.events.map((e) => e.id),
    );
    return { changed: out.types.length + out.events.length, conflicts: out.conflicts };
  });
}
