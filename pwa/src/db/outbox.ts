import type { StateDelta, TrackerState } from '@mpt/shared';
import { eventsById, eventTables } from './event-store';
import { getLocalChangeSeq } from './meta';
import type { OutboxRow, TrackerDb } from './schema';
import { readState, readTopLevel } from './state-io';
import { readCursor } from './sync-cursor';

/**
 * Notes records this device wrote, for the next sync to send (SPEC §10). Call inside
 * the write's own rw transaction (localWrite adds the outbox table to every one), so a
 * write and its note are saved together or not at all.
 */
export async function noteOutbox(
  db: TrackerDb,
  kind: OutboxRow['kind'],
  ids: Iterable<string>,
): Promise<void> {
  const rows = [...ids].map((id) => ({ kind, id }));
  if (rows.length > 0) await db.outbox.bulkAdd(rows);
}

/** Notes every record a delta (shared's diffStates) writes: an import, corrections. */
export async function noteDelta(db: TrackerDb, delta: StateDelta): Promise<void> {
  await noteOutbox(
    db,
    'type',
    delta.upsertTypes.map((t) => t.id),
  );
  await noteOutbox(db, 'event', [
    ...delta.insertEvents.map((e) => e.id),
    ...delta.moveEvents.map((m) => m.id),
  ]);
  await noteOutbox(
    db,
    'tombstone',
    delta.upsertTombstones.map((t) => t.id),
  );
}

/** What a sync sends: the cursor, the change set, and the last outbox row it covers. */
export interface Outgoing {
  /** local_change_seq as read with the changes: every change up to it is in them. */
  seq: number;
  since: string | null;
  changes: TrackerState;
  upTo: number;
  /** True when `changes` is everything this device holds. */
  everything: boolean;
}

/**
 * The change set for a push to `url`, read in one transaction: what the outbox names
 * (each event inside its type, as a data file fragment carries it; records gone since,
 * such as events of a deleted type, are left out) and the goal, or everything when
 * there is no cursor for this server or it asked for everything once.
 */
export function readOutgoing(db: TrackerDb, url: string): Promise<Outgoing> {
  const tables = [db.types, ...eventTables(db), db.tombstones, db.outbox, db.meta];
  return db.transaction('r', tables, async () => {
    const [seq, cursor, last] = await Promise.all([
      getLocalChangeSeq(db),
      readCursor(db, url),
      db.outbox.orderBy(':id').lastKey(),
    ]);
    const upTo = Number(last ?? 0);
    if (cursor.cursor === null || cursor.pushAll) {
      return { seq, since: cursor.cursor, changes: await readState(db), upTo, everything: true };
    }
    const ids = { type: new Set<string>(), event: new Set<string>(), tombstone: new Set<string>() };
    // One getAll, not a cursor step per row.
    for (const row of await db.outbox.toArray()) ids[row.kind].add(row.id);
    const events = await eventsById(db, ids.event);
    for (const e of events) ids.type.add(e.type_id);
    const [types, tombstones, top] = await Promise.all([
      db.types.bulkGet([...ids.type]),
      db.tombstones.bulkGet([...ids.tombstone]),
      readTopLevel(db),
    ]);
    return {
      seq,
      since: cursor.cursor,
      // The goal and unknown top-level fields go out every time: a few bytes, merged by
      // their own time on the server (SPEC §9), with no outbox row of their own.
      changes: {
        types: types.filter((t) => t !== undefined),
        events,
        tombstones: tombstones.filter((t) => t !== undefined),
        ...top,
      },
      upTo,
      everything: false,
    };
  });
}

/**
 * Deletes the rows a push covered (numbered up to `upTo`), except those of records the
 * server refused for this device's clock (`waiting`): they go out again. Call inside the
 * transaction that merges the server's answer.
 */
export async function clearOutbox(
  db: TrackerDb,
  upTo: number,
  waiting: ReadonlySet<string>,
): Promise<void> {
  const covered = db.outbox.where(':id').belowOrEqual(upTo);
  // Without a filter Dexie deletes the key range in one request, not row by row.
  if (waiting.size === 0) await covered.delete();
  else await covered.and((row) => !waiting.has(row.id)).delete();
}

/** Records by id (those still held), with the types of the events, in one read. */
export function readRecords(
  db: TrackerDb,
  ids: { type_ids: readonly string[]; event_ids: readonly string[] },
): Promise<TrackerState> {
  return db.transaction('r', [db.types, ...eventTables(db)], async () => {
    const events = await eventsById(db, ids.event_ids);
    const typeIds = new Set([...ids.type_ids, ...events.map((e) => e.type_id)]);
    const types = (await db.types.bulkGet([...typeIds])).filter((t) => t !== undefined);
    return { types, events, tombstones: [] };
  });
}
