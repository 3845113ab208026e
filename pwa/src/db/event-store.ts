import type { HistoryEvent } from '@mpt/shared';
import { Dexie, type Table } from 'dexie';
import type { TrackerDb } from './schema';

/*
 * Every read and write of history events goes through this module: how events are stored
 * is its business alone. Today one IndexedDB row per event; a first sync of 50 000 events
 * spends most of its time on those puts, and the plan (docs/sync.md, "The empty device")
 * is one history row per type — a change to this module and a Dexie upgrade, with
 * event-store.test.ts as the contract both storages must keep. Every function runs
 * inside the caller's transaction, whose scope must hold eventTables(db).
 */

/** The tables an event read or write needs in a transaction's scope. */
export const eventTables = (db: TrackerDb): Table[] => [db.events];

/** The events of the types `typeIds`, grouped by type id (ascending), oldest first in each. */
export function eventsOfTypes(db: TrackerDb, typeIds: Iterable<string>): Promise<HistoryEvent[]> {
  return db.events
    .where('type_id')
    .anyOf([...typeIds])
    .toArray();
}

/** One type's events, oldest first (by created_at, then id). */
export function eventsOfType(db: TrackerDb, typeId: string): Promise<HistoryEvent[]> {
  return db.events.where('type_id').equals(typeId).toArray();
}

/**
 * The events of every type whose id lies in [lower, upper) — a bound of null is open —
 * grouped by type id, oldest first in each: a chunk of types read at a time.
 */
export function eventsOfTypeRange(
  db: TrackerDb,
  lower: string | null,
  upper: string | null,
): Promise<HistoryEvent[]> {
  return db.events
    .where('type_id')
    .between(lower ?? Dexie.minKey, upper ?? Dexie.maxKey, true, false)
    .toArray();
}

/** A type's newest event (the greatest created_at, then id), or undefined for none. */
export function lastEventOf(db: TrackerDb, typeId: string): Promise<HistoryEvent | undefined> {
  return db.events
    .where('[type_id+created_at]')
    .between([typeId, Dexie.minKey], [typeId, Dexie.maxKey])
    .last();
}

/** The events of `ids` this device holds, in the order of `ids`; unknown ids are left out. */
export async function eventsById(db: TrackerDb, ids: Iterable<string>): Promise<HistoryEvent[]> {
  return (await db.events.bulkGet([...ids])).filter((e) => e !== undefined);
}

/** Every event, in id order. */
export function allEvents(db: TrackerDb): Promise<HistoryEvent[]> {
  return db.events.toArray();
}

/** Whether any event is stored: one key read. */
export async function holdsEvents(db: TrackerDb): Promise<boolean> {
  return (await db.events.limit(1).primaryKeys()).length > 0;
}

/** How many events are stored. */
export function countEvents(db: TrackerDb): Promise<number> {
  return db.events.count();
}

/**
 * The newest `limit` events, newest first (by created_at, then id descending); with
 * `upTo` (ISO 8601 UTC) only those dated at or before it. A bounded read, however long
 * the history.
 */
export function newestEvents(db: TrackerDb, limit: number, upTo?: string): Promise<HistoryEvent[]> {
  const dated =
    upTo === undefined
      ? db.events.orderBy('created_at')
      : db.events.where('created_at').belowOrEqual(upTo);
  return dated.reverse().limit(limit).toArray();
}

/** From this many ids on, heldTypesOf reads every key once instead of a get per id. */
export const SCAN_FROM = 1_000;

/**
 * Which of the events `ids` this device holds, by id → its type id. A few: one get
 * each. Many (a first sync brings every event): two key-only reads of the type_id
 * index (its keys and their primary keys, in the same order) — 50 000 gets cost
 * seconds on a phone, the scan a fraction of that.
 */
export async function heldTypesOf(db: TrackerDb, ids: string[]): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (ids.length < SCAN_FROM) {
    for (const e of await db.events.bulkGet(ids)) if (e) held.set(e.id, e.type_id);
    return held;
  }
  const byType = db.events.orderBy('type_id');
  const [typeIds, eventIds] = await Promise.all([byType.keys(), byType.primaryKeys()]);
  const wanted = new Set(ids);
  eventIds.forEach((id, i) => {
    if (wanted.has(id)) held.set(id, String(typeIds[i]));
  });
  return held;
}

/** Adds new events; rejects (Dexie's BulkError) when one of their ids is already stored. */
export async function addEvents(db: TrackerDb, events: readonly HistoryEvent[]): Promise<void> {
  await db.events.bulkAdd([...events]);
}

/** Writes events whole, replacing a stored event of the same id (a fold, a re-date). */
export async function putEvents(db: TrackerDb, events: readonly HistoryEvent[]): Promise<void> {
  await db.events.bulkPut([...events]);
}

/** Deletes every event of the types `typeIds`. */
export async function deleteEventsOfTypes(db: TrackerDb, typeIds: Iterable<string>): Promise<void> {
  await db.events
    .where('type_id')
    .anyOf([...typeIds])
    .delete();
}

/** Deletes every event. */
export async function clearEvents(db: TrackerDb): Promise<void> {
  await db.events.clear();
}
