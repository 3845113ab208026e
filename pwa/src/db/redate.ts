import { planRedate } from '@mpt/shared';
import { noteOutbox } from './outbox';
import type { TrackerDb } from './schema';
import { localWrite } from './write';

/**
 * Re-dates what the server refused for this device's clock once the clock is right
 * (SPEC §10, shared's planRedate), in one local write, so the next sync sends it again.
 * Returns how many records changed (0 when none was still dated ahead).
 */
export function redateRefused(
  db: TrackerDb,
  refused: { type_ids: readonly string[]; event_ids: readonly string[] },
  now: Date = new Date(),
): Promise<number> {
  return localWrite(db, [db.types, db.events], async () => {
    const held = (await db.events.bulkGet([...refused.event_ids])).filter((e) => e !== undefined);
    const typeIds = [...new Set([...refused.type_ids, ...held.map((e) => e.type_id)])];
    const [types, events] = await Promise.all([
      db.types.bulkGet(typeIds),
      db.events.where('type_id').anyOf(typeIds).toArray(),
    ]);
    const out = planRedate(
      { types: types.filter((t) => t !== undefined), events, tombstones: [] },
      refused,
      now,
    );
    await Promise.all([db.types.bulkPut(out.types), db.events.bulkPut(out.events)]);
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
    return out.types.length + out.events.length;
  });
}
