import type { HistoryIdBucket, TrackerDb } from './schema';

/*
 * Which history row holds an event, by the event's id (event-store.ts). A multi-entry
 * index over each row's ids did this until Dexie version 10, but Chromium wrote its
 * 50 000 entries in about 4 s, ten times the rows themselves; 256 bucket rows of ids
 * (and their rows' type ids) take about 0.2 s, and one bucket is small enough to
 * rewrite for a single event (docs/pwa.md, "Events in two stores").
 */

/** How many buckets the directory spreads ids over. Stored data depends on it. */
export const ID_BUCKETS = 256;

/**
 * The bucket 0…ID_BUCKETS−1 of an event id: FNV-1a (32-bit) over its UTF-16 code units.
 * Any string spreads evenly, whatever the UUID version. Stored data depends on it: a
 * change of this function needs a new database version that rebuilds the directory.
 */
export function idBucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % ID_BUCKETS;
}

/** The directory of `held` (event id → the type id of the row holding it): its buckets. */
export function idDirectory(held: ReadonlyMap<string, string>): HistoryIdBucket[] {
  const buckets = new Map<number, HistoryIdBucket>();
  for (const [id, typeId] of held) {
    const key = idBucket(id);
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { bucket: key, ids: [], type_ids: [] };
      buckets.set(key, bucket);
    }
    bucket.ids.push(id);
    bucket.type_ids.push(typeId);
  }
  return [...buckets.values()];
}

/** The buckets of `ids`, each read once, as maps of id → type id. */
async function readBuckets(
  db: TrackerDb,
  ids: Iterable<string>,
): Promise<Map<number, Map<string, string>>> {
  const keys = [...new Set([...ids].map(idBucket))];
  const rows = await db.history_ids.bulkGet(keys);
  return new Map(
    keys.map((key, i) => {
      const row = rows[i];
      return [key, new Map(row?.ids.map((id, j) => [id, row.type_ids[j]!]) ?? [])];
    }),
  );
}

/**
 * Of the events `ids`, those history rows hold: id → the type id of the row. Reads only
 * their buckets: at most ID_BUCKETS rows, however many ids are asked.
 */
export async function rowTypesOf(
  db: TrackerDb,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  // Read even for no ids: an async function in a Dexie transaction that only sometimes
  // awaits can lose the transaction (dexie/Dexie.js#1186).
  const buckets = await readBuckets(db, ids);
  for (const id of ids) {
    const typeId = buckets.get(idBucket(id))?.get(id);
    if (typeId !== undefined) held.set(id, typeId);
  }
  return held;
}

/**
 * Records that history rows were rewritten: `before` maps the ids their events had to
 * the rows' type ids, `after` those they hold now. Only the buckets of ids that left,
 * came or changed rows are read and written; a bucket left empty is deleted.
 */
export async function updateIdDirectory(
  db: TrackerDb,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): Promise<void> {
  const gone = [...before.keys()].filter((id) => !after.has(id));
  const set = [...after].filter(([id, typeId]) => before.get(id) !== typeId);
  const buckets = await readBuckets(db, [...gone, ...set.map(([id]) => id)]);
  for (const id of gone) buckets.get(idBucket(id))!.delete(id);
  for (const [id, typeId] of set) buckets.get(idBucket(id))!.set(id, typeId);
  const kept: HistoryIdBucket[] = [];
  const empty: number[] = [];
  for (const [key, held] of buckets) {
    if (held.size === 0) empty.push(key);
    else kept.push({ bucket: key, ids: [...held.keys()], type_ids: [...held.values()] });
  }
  await Promise.all([db.history_ids.bulkPut(kept), db.history_ids.bulkDelete(empty)]);
}
