import { compareEvents, eventsByType, type HistoryEvent } from '@mpt/shared';
import { Dexie, type Table } from 'dexie';
import { decodeHistory, encodeHistory, type HistoryRow, lastOfHistory } from './history-row';
import { idDirectory, rowTypesOf, updateIdDirectory } from './id-directory';
import type { TrackerDb } from './schema';

/*
 * Every read and write of history events goes through this module: how events are stored
 * is its business alone, and event-store.test.ts is the contract. Two stores, each event
 * in exactly one (docs/pwa.md, "Events"):
 * - `events`, one row per event: what this device writes (a tap, an undo, a small merge).
 *   A push reads its events by id, one small row each.
 * - `histories`, one row per type holding many events: what arrives in bulk (a first
 *   sync, a large import or restore). 50 000 events put one row each took 7–9 s in
 *   Chromium, 1 000 rows of 50 about 1.2 s; as the only store, though, a push of 500
 *   moves had to read 500 whole histories (docs/sync.md). Which row holds an event is
 *   id-directory.ts's business.
 * Every read merges both. Every function runs inside the caller's transaction, whose
 * scope must hold eventTables(db).
 */

/** The tables an event read or write needs in a transaction's scope. */
export const eventTables = (db: TrackerDb): Table[] => [db.events, db.histories, db.history_ids];

/** From this many events on, an add goes to history rows (one per type) instead of a row each. */
export const BULK_FROM = 1_000;

const byHistory = (a: HistoryEvent, b: HistoryEvent) =>
  a.type_id < b.type_id ? -1 : a.type_id > b.type_id ? 1 : compareEvents(a, b);
const byId = (a: HistoryEvent, b: HistoryEvent) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const rowEvents = (rows: readonly (HistoryRow | undefined)[]): HistoryEvent[] =>
  rows.flatMap((row) => (row === undefined ? [] : decodeHistory(row)));

/** The events of the types `typeIds`, grouped by type id (ascending), oldest first in each. */
export async function eventsOfTypes(
  db: TrackerDb,
  typeIds: Iterable<string>,
): Promise<HistoryEvent[]> {
  const ids = [...new Set(typeIds)].sort();
  // Many types on a device that holds no event (a first sync asks for every type it
  // brings): two key reads instead of looking each type up in both stores.
  if (ids.length >= MANY_TYPES && !(await holdsEvents(db))) return [];
  const [own, rows] = await Promise.all([
    db.events.where('type_id').anyOf(ids).toArray(),
    db.histories.bulkGet(ids),
  ]);
  return [...own, ...rowEvents(rows)].sort(byHistory);
}

/** From this many types on, eventsOfTypes first asks whether any event is stored at all. */
const MANY_TYPES = 100;

/** One type's events, oldest first (by created_at, then id). */
export function eventsOfType(db: TrackerDb, typeId: string): Promise<HistoryEvent[]> {
  return eventsOfTypes(db, [typeId]);
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
  const [from, to] = [lower ?? Dexie.minKey, upper ?? Dexie.maxKey];
  const [own, rows] = await Promise.all([
    db.events.where('type_id').between(from, to, true, false).toArray(),
    db.histories.where(':id').between(from, to, true, false).toArray(),
  ]);
  return [...own, ...rowEvents(rows)].sort(byHistory);
}

/** A type's newest event (the greatest created_at, then id), or undefined for none. */
export async function lastEventOf(
  db: TrackerDb,
  typeId: string,
): Promise<HistoryEvent | undefined> {
  const [own, row] = await Promise.all([
    db.events
      .where('[type_id+created_at]')
      .between([typeId, Dexie.minKey], [typeId, Dexie.maxKey])
      .last(),
    db.histories.get(typeId),
  ]);
  const bulk = row === undefined ? undefined : lastOfHistory(row);
  if (!own || !bulk) return own ?? bulk;
  return compareEvents(own, bulk) > 0 ? own : bulk;
}

/** The history rows holding any of `ids`, each once (found through the id directory). */
async function rowsHolding(db: TrackerDb, ids: readonly string[]): Promise<HistoryRow[]> {
  const typeIds = new Set((await rowTypesOf(db, ids)).values());
  return (await db.histories.bulkGet([...typeIds])).filter((row) => row !== undefined);
}

/** The events of `ids` this device holds, in the order of `ids`; unknown ids are left out. */
export async function eventsById(db: TrackerDb, ids: Iterable<string>): Promise<HistoryEvent[]> {
  const wanted = [...ids];
  const own = await db.events.bulkGet(wanted);
  const missing = wanted.filter((_, i) => own[i] === undefined);
  const bulk = new Map(rowEvents(await rowsHolding(db, missing)).map((e) => [e.id, e]));
  return wanted.flatMap((id, i) => own[i] ?? bulk.get(id) ?? []);
}

/** Every event, in id order. */
export async function allEvents(db: TrackerDb): Promise<HistoryEvent[]> {
  const [own, rows] = await Promise.all([db.events.toArray(), db.histories.toArray()]);
  return rows.length === 0 ? own : [...own, ...rowEvents(rows)].sort(byId);
}

/** Whether any event is stored: a key read per store. */
export async function holdsEvents(db: TrackerDb): Promise<boolean> {
  const [own, rows] = await Promise.all([
    db.events.limit(1).primaryKeys(),
    db.histories.limit(1).primaryKeys(),
  ]);
  return own.length + rows.length > 0;
}

/** How many events are stored (the history rows' `n` index summed: keys only, no row read). */
export async function countEvents(db: TrackerDb): Promise<number> {
  let bulk = 0;
  const [own] = await Promise.all([
    db.events.count(),
    db.histories.orderBy('n').eachKey((n) => {
      bulk += Number(n);
    }),
  ]);
  return own + bulk;
}

/** Newest first: by created_at, then id, both descending. */
const newestFirst = (a: HistoryEvent, b: HistoryEvent) => compareEvents(b, a);

/** The newest `limit` events of the history rows (as newestEvents), newest first. */
async function newestOfRows(
  db: TrackerDb,
  limit: number,
  upTo: string | undefined,
): Promise<HistoryEvent[]> {
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
      for (const e of decodeHistory(row)) {
        if (upTo === undefined || e.created_at <= upTo) picked.push(e);
      }
    });
  trim();
  return picked;
}

/**
 * The newest `limit` events, newest first (by created_at, then id descending); with
 * `upTo` (ISO 8601 UTC) only those dated at or before it. A bounded read, however long
 * the history.
 */
export async function newestEvents(
  db: TrackerDb,
  limit: number,
  upTo?: string,
): Promise<HistoryEvent[]> {
  if (limit <= 0) return [];
  const dated =
    upTo === undefined
      ? db.events.orderBy('created_at')
      : db.events.where('created_at').belowOrEqual(upTo);
  const [own, bulk] = await Promise.all([
    dated.reverse().limit(limit).toArray(),
    newestOfRows(db, limit, upTo),
  ]);
  return bulk.length === 0 ? own : [...own, ...bulk].sort(newestFirst).slice(0, limit);
}

/**
 * Each type's newest event time, type id → ISO 8601 UTC, as far as these tell: the newest
 * `limit` events stored one row each (by the created_at index), and every history row's
 * newest time (its last_at index, keys only: no history read).
 */
export async function lastEventTimes(db: TrackerDb, limit: number): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  const [own] = await Promise.all([
    db.events.orderBy('created_at').reverse().limit(limit).toArray(),
    db.histories.orderBy('last_at').eachKey((at, cursor) => {
      times.set(String(cursor.primaryKey), String(at));
    }),
  ]);
  for (const e of own) {
    const known = times.get(e.type_id);
    if (known === undefined || e.created_at > known) times.set(e.type_id, e.created_at);
  }
  return times;
}

/** From this many ids on, locate (heldTypesOf, putEvents) reads every key once instead of looking each up. */
export const SCAN_FROM = 1_000;

/**
 * Which of the events `ids` this device holds, by id → its type id. Those stored one row
 * each: a few looked up (a get each); many (a first sync brings every event) by a
 * key-only read of the type index (keys and primary keys in the same order) — 50 000
 * gets cost seconds on a phone, the scan a fraction of that. Those in history rows:
 * through the id directory.
 */
export async function heldTypesOf(db: TrackerDb, ids: string[]): Promise<Map<string, string>> {
  const { own, inRows } = await locate(db, ids);
  return new Map([...own, ...inRows]);
}

/** Puts or deletes history rows (type id → the events the row holds now). */
async function writeRows(db: TrackerDb, histories: Map<string, HistoryEvent[]>) {
  const rows: HistoryRow[] = [];
  const empty: string[] = [];
  for (const [typeId, events] of histories) {
    const row = encodeHistory(typeId, events);
    if (row) rows.push(row);
    else empty.push(typeId);
  }
  await Promise.all([db.histories.bulkPut(rows), db.histories.bulkDelete(empty)]);
}

/** Event id → type id of every event of these history rows. */
const heldBy = (rows: Iterable<readonly [string, readonly HistoryEvent[]]>) => {
  const held = new Map<string, string>();
  for (const [typeId, events] of rows) for (const e of events) held.set(e.id, typeId);
  return held;
};

/**
 * Where the events `ids` are stored, each with its type id: those in the row-per-event
 * store (`own`) and those in history rows (`inRows`); `none` when, asked about many, the
 * device holds no event at all (a first sync, an import into an empty device: nothing to
 * scan or look up). Few ids: looked up; many: key-only scans (heldTypesOf).
 */
async function locate(
  db: TrackerDb,
  ids: string[],
): Promise<{ own: Map<string, string>; inRows: Map<string, string>; none: boolean }> {
  const own = new Map<string, string>();
  if (ids.length >= SCAN_FROM && !(await holdsEvents(db))) {
    return { own, inRows: new Map(), none: true };
  }
  if (ids.length < SCAN_FROM) {
    for (const e of await db.events.bulkGet(ids)) if (e) own.set(e.id, e.type_id);
  } else {
    const byType = db.events.orderBy('type_id');
    const [typeIds, eventIds] = await Promise.all([byType.keys(), byType.primaryKeys()]);
    const wanted = new Set(ids);
    eventIds.forEach((id, i) => {
      if (wanted.has(String(id))) own.set(String(id), String(typeIds[i]));
    });
  }
  const inRows = await rowTypesOf(
    db,
    ids.filter((id) => !own.has(id)),
  );
  return { own, inRows, none: false };
}

/**
 * Adds new events, as putEvents does (BULK_FROM or more to history rows). Rejects with a
 * ConstraintError, writing nothing, when one of their ids is already stored: the caller's
 * transaction aborts.
 */
export async function addEvents(db: TrackerDb, events: readonly HistoryEvent[]): Promise<void> {
  const ids = events.map((e) => e.id);
  const { own, inRows } = await locate(db, ids);
  const held = ids.find((id) => own.has(id) || inRows.has(id));
  if (held !== undefined) throw new Dexie.ConstraintError(`event ${held} is stored already`);
  await putEvents(db, events);
}

/**
 * Writes events whole, replacing a stored event of the same id wherever it is (a fold
 * moves an event to another type, a re-date within its own). New events and those a
 * history row held go to history rows when `bulk` (by default BULK_FROM events or more),
 * else one row each; events stored one row each stay so. `onWritten` hears how many
 * were written after each step (a first sync's progress).
 */
export async function putEvents(
  db: TrackerDb,
  events: readonly HistoryEvent[],
  bulk = events.length >= BULK_FROM,
  onWritten: (done: number) => void = () => {},
): Promise<void> {
  const { own, inRows, none } = await locate(
    db,
    events.map((e) => e.id),
  );
  const single = events.filter((e) => own.has(e.id) || !bulk);
  const toRows = bulk ? events.filter((e) => !own.has(e.id)) : [];
  const groups = eventsByType(toRows);
  const typeIds = [...new Set([...inRows.values(), ...groups.keys()])];
  const read = none ? [] : await db.histories.bulkGet(typeIds);
  const written = new Set(events.map((e) => e.id));
  const before = new Map<string, HistoryEvent[]>();
  const next = new Map<string, HistoryEvent[]>();
  typeIds.forEach((typeId, i) => {
    const row = read[i];
    const held = row === undefined ? [] : decodeHistory(row);
    before.set(typeId, held);
    const kept = held.filter((e) => !written.has(e.id));
    next.set(typeId, [...kept, ...(groups.get(typeId) ?? [])]);
  });
  // A few hundred types at a time: between two steps the page paints progress.
  const rows = [...next];
  let done = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STEP) {
    const step = new Map(rows.slice(i, i + ROWS_PER_STEP));
    await writeRows(db, step);
    for (const typeId of step.keys()) done += groups.get(typeId)?.length ?? 0;
    onWritten(done);
  }
  await Promise.all([
    // Into a store that held no event, the directory is written whole, not updated.
    none
      ? db.history_ids.bulkPut(idDirectory(heldBy(next)))
      : updateIdDirectory(db, heldBy(before), heldBy(next)),
    db.events.bulkPut(single),
  ]);
  onWritten(events.length);
}

/** History rows written per step of a bulk write. */
const ROWS_PER_STEP = 200;

/** Deletes every event of the types `typeIds`. */
export async function deleteEventsOfTypes(db: TrackerDb, typeIds: Iterable<string>): Promise<void> {
  const ids = [...typeIds];
  const rows = (await db.histories.bulkGet(ids)).filter((row) => row !== undefined);
  await Promise.all([
    db.events.where('type_id').anyOf(ids).delete(),
    db.histories.bulkDelete(ids),
    updateIdDirectory(
      db,
      new Map(rows.flatMap((row) => row.ids.map((id) => [id, row.type_id]))),
      new Map(),
    ),
  ]);
}

/** Deletes every event. */
export async function clearEvents(db: TrackerDb): Promise<void> {
  await Promise.all([db.events.clear(), db.histories.clear(), db.history_ids.clear()]);
}
