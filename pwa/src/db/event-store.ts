import { compareEvents, type HistoryEvent } from '@mpt/shared';
import { Dexie, type Table } from 'dexie';
import type { HistoryRow, TrackerDb } from './schema';

/*
 * Every read and write of history events goes through this module: how events are stored
 * is its business alone. They are stored per type, one row holding a type's whole history
 * (Dexie version 8): a first sync of 50 000 events made 50 000 IndexedDB puts, at about
 * 100–160 µs each in Chromium, where 1 000 rows take a fraction of that (docs/sync.md,
 * "The empty device"). event-store.test.ts is the contract. Every function runs inside
 * the caller's transaction, whose scope must hold eventTables(db).
 */

/** The tables an event read or write needs in a transaction's scope. */
export const eventTables = (db: TrackerDb): Table[] => [db.histories];

/**
 * The stored row of one type's history: its events in history order (shared's
 * compareEvents), the newest one's time and every event id (a unique multi-entry index:
 * an event lives in one history only). Undefined for no events: an empty history has no row.
 */
export function historyRow(typeId: string, events: HistoryEvent[]): HistoryRow | undefined {
  if (events.length === 0) return undefined;
  const sorted = [...events].sort(compareEvents);
  return {
    type_id: typeId,
    events: sorted,
    last_at: sorted[sorted.length - 1]!.created_at,
    ids: sorted.map((e) => e.id),
  };
}

const flat = (rows: readonly (HistoryRow | undefined)[]): HistoryEvent[] =>
  rows.flatMap((row) => row?.events ?? []);

/** The events of the types `typeIds`, grouped by type id (ascending), oldest first in each. */
export async function eventsOfTypes(
  db: TrackerDb,
  typeIds: Iterable<string>,
): Promise<HistoryEvent[]> {
  return flat(await db.histories.bulkGet([...new Set(typeIds)].sort()));
}

/** One type's events, oldest first (by created_at, then id). */
export async function eventsOfType(db: TrackerDb, typeId: string): Promise<HistoryEvent[]> {
  return (await db.histories.get(typeId))?.events ?? [];
}

/**
 * The events of every type whose id lies in [lower, upper) — a bound of null is open —
 * grouped by type id, oldest first in each: a chunk of types read at a time.
 */
export async function eventsOfTypeRange(
  db: TrackerDb,
  lower: string | null,
  upper: string | null,
): Promise<HistoryEvent[]> {
  const rows = await db.histories
    .where(':id')
    .between(lower ?? Dexie.minKey, upper ?? Dexie.maxKey, true, false)
    .toArray();
  return flat(rows);
}

/** A type's newest event (the greatest created_at, then id), or undefined for none. */
export async function lastEventOf(
  db: TrackerDb,
  typeId: string,
): Promise<HistoryEvent | undefined> {
  return (await db.histories.get(typeId))?.events.at(-1);
}

/** The rows holding any of `ids`, each once. */
const rowsHolding = (db: TrackerDb, ids: readonly string[]): Promise<HistoryRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.histories.where('ids').anyOf(ids).distinct().toArray();

/** The events of `ids` this device holds, in the order of `ids`; unknown ids are left out. */
export async function eventsById(db: TrackerDb, ids: Iterable<string>): Promise<HistoryEvent[]> {
  const wanted = [...ids];
  const byId = new Map(flat(await rowsHolding(db, wanted)).map((e) => [e.id, e]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/** Every event, in id order. */
export async function allEvents(db: TrackerDb): Promise<HistoryEvent[]> {
  return flat(await db.histories.toArray()).sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** Whether any event is stored: one key read. */
export async function holdsEvents(db: TrackerDb): Promise<boolean> {
  return (await db.histories.limit(1).primaryKeys()).length > 0;
}

/** How many events are stored: the entries of the id index, counted without reading a row. */
export function countEvents(db: TrackerDb): Promise<number> {
  return db.histories.orderBy('ids').count();
}

/** Newest first: by created_at, then id, both descending. */
const newestFirst = (a: HistoryEvent, b: HistoryEvent) => compareEvents(b, a);

/**
 * The newest `limit` events, newest first (by created_at, then id descending); with
 * `upTo` (ISO 8601 UTC) only those dated at or before it. Reads histories from the most
 * recently changed on and stops once no further one can hold a newer event.
 */
export async function newestEvents(
  db: TrackerDb,
  limit: number,
  upTo?: string,
): Promise<HistoryEvent[]> {
  if (limit <= 0) return [];
  let picked: HistoryEvent[] = [];
  const trim = () => {
    picked.sort(newestFirst);
    picked = picked.slice(0, limit);
  };
  // Rows come by their newest event, descending: none after `row` holds an event newer
  // than its last_at (or than upTo), so once `limit` events are newer, the rest wait.
  const full = (row: HistoryRow) => {
    if (picked.length < limit) return false;
    trim();
    const bound = upTo !== undefined && upTo < row.last_at ? upTo : row.last_at;
    return bound < picked[limit - 1]!.created_at;
  };
  await db.histories
    .orderBy('last_at')
    .reverse()
    .until(full)
    .each((row) => {
      for (const e of row.events) if (upTo === undefined || e.created_at <= upTo) picked.push(e);
    });
  trim();
  return picked;
}

/**
 * Every type's newest event time, type id → ISO 8601 UTC, read from the last_at index
 * alone (no history row is read).
 */
export async function lastEventTimes(db: TrackerDb): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  await db.histories.orderBy('last_at').eachKey((at, cursor) => {
    times.set(String(cursor.primaryKey), String(at));
  });
  return times;
}

/** From this many ids on, heldTypesOf reads every key once instead of looking each up. */
export const SCAN_FROM = 1_000;

/**
 * Which of the events `ids` this device holds, by id → its type id. A few: looked up in
 * the id index. Many (a first sync brings every event): two key-only reads of the id
 * index (its keys and their primary keys, the type ids, in the same order) — a lookup per
 * id costs seconds on a phone at 50 000, the scan a fraction of that.
 */
export async function heldTypesOf(db: TrackerDb, ids: string[]): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (ids.length < SCAN_FROM) {
    const wanted = new Set(ids);
    for (const row of await rowsHolding(db, ids)) {
      for (const id of row.ids) if (wanted.has(id)) held.set(id, row.type_id);
    }
    return held;
  }
  const byId = db.histories.orderBy('ids');
  const [eventIds, typeIds] = await Promise.all([byId.keys(), byId.primaryKeys()]);
  const wanted = new Set(ids);
  eventIds.forEach((id, i) => {
    if (wanted.has(String(id))) held.set(String(id), String(typeIds[i]));
  });
  return held;
}

/** Puts or deletes the rows of `histories` (type id → its events). */
async function writeHistories(db: TrackerDb, histories: Map<string, HistoryEvent[]>) {
  const rows: HistoryRow[] = [];
  const empty: string[] = [];
  for (const [typeId, events] of histories) {
    const row = historyRow(typeId, events);
    if (row) rows.push(row);
    else empty.push(typeId);
  }
  await Promise.all([db.histories.bulkPut(rows), db.histories.bulkDelete(empty)]);
}

const groupByType = (events: readonly HistoryEvent[]) => {
  const groups = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    const group = groups.get(e.type_id);
    if (group) group.push(e);
    else groups.set(e.type_id, [e]);
  }
  return groups;
};

/**
 * Adds new events to their types' histories; rejects (a ConstraintError of the id index)
 * when one of their ids is already stored, and the caller's transaction aborts.
 */
export async function addEvents(db: TrackerDb, events: readonly HistoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const groups = groupByType(events);
  const typeIds = [...groups.keys()];
  const rows = await db.histories.bulkGet(typeIds);
  const next = new Map<string, HistoryEvent[]>();
  typeIds.forEach((typeId, i) => {
    next.set(typeId, [...(rows[i]?.events ?? []), ...groups.get(typeId)!]);
  });
  await writeHistories(db, next);
}

/**
 * Writes events whole, replacing a stored event of the same id wherever it is: a fold
 * moves an event to another type's history, a re-date moves it within its own. Looks up
 * in the id index only the events not already in their own type's history.
 */
export async function putEvents(db: TrackerDb, events: readonly HistoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const groups = groupByType(events);
  const next = new Map<string, HistoryEvent[]>();
  const read = async (typeIds: string[]) => {
    const rows = await db.histories.bulkGet(typeIds);
    typeIds.forEach((typeId, i) => {
      next.set(typeId, rows[i]?.events ?? []);
    });
  };
  await read([...groups.keys()]);
  const holders = new Map<string, string>();
  for (const [typeId, held] of next) for (const e of held) holders.set(e.id, typeId);
  const found = await heldTypesOf(
    db,
    events.flatMap((e) => (holders.has(e.id) ? [] : [e.id])),
  );
  for (const [id, typeId] of found) holders.set(id, typeId);
  await read([...new Set(found.values())].filter((typeId) => !next.has(typeId)));
  // Histories that give an event to another type are written without it first: the id
  // index is unique, so an id may not be in two rows even between two puts.
  const giving = new Set<string>();
  for (const e of events) {
    const holder = holders.get(e.id);
    if (holder !== undefined && holder !== e.type_id) giving.add(holder);
  }
  const written = new Set(events.map((e) => e.id));
  const losing = new Map<string, HistoryEvent[]>();
  for (const [typeId, held] of next) {
    const kept = held.filter((e) => !written.has(e.id));
    if (giving.has(typeId)) losing.set(typeId, kept);
    next.set(typeId, [...kept, ...(groups.get(typeId) ?? [])]);
  }
  if (losing.size > 0) await writeHistories(db, losing);
  await writeHistories(db, next);
}

/** Deletes every event of the types `typeIds`. */
export async function deleteEventsOfTypes(db: TrackerDb, typeIds: Iterable<string>): Promise<void> {
  await db.histories.bulkDelete([...typeIds]);
}

/** Deletes every event. */
export async function clearEvents(db: TrackerDb): Promise<void> {
  await db.histories.clear();
}
