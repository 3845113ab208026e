import type { HistoryEvent, MiniatureType, Tombstone } from '@mpt/shared';
import type { Page } from 'playwright-core';
import { decodeHistory, type HistoryRow } from '../../pwa/src/db/history-row';

/** The PWA's IndexedDB database name (pwa/src/db/instance.ts). */
export const APP_DB = 'miniatures-tracker';

/** What the app stores, read straight from IndexedDB (no app code involved). */
export interface StoredState {
  types: MiniatureType[];
  events: HistoryEvent[];
  tombstones: Tombstone[];
}

/**
 * Reads the app's tables with the bare IndexedDB API, so assertions do not trust the
 * code under test to report its own state. Sorted by id for stable comparisons.
 */
export async function readStoredState(page: Page): Promise<StoredState> {
  const stored = await page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // Inline callbacks only: tsx wraps named inner functions in a __name() helper
    // that does not exist inside the page.
    // Events live one row each or, when they arrived in bulk, in their type's history row
    // (pwa/src/db/event-store.ts): both are read. A history row holds its events column
    // by column; the app's codec (history-row.ts, its own property test) turns it back.
    const [types, own, histories, tombstones] = await Promise.all(
      ['types', 'events', 'histories', 'tombstones'].map(
        (store) =>
          new Promise<unknown[]>((resolve, reject) => {
            if (!db.objectStoreNames.contains(store)) return resolve([]);
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          }),
      ),
    );
    db.close();
    return { types, own, histories, tombstones };
  }, APP_DB);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  const inRows = (stored.histories as HistoryRow[]).flatMap(decodeHistory);
  return {
    types: (stored.types as MiniatureType[]).sort(byId),
    events: [...(stored.own as HistoryEvent[]), ...inRows].sort(byId),
    tombstones: (stored.tombstones as Tombstone[]).sort(byId),
  };
}

/** What {@link seedTypes} wrote. */
export interface SeedResult {
  types: number;
  events: number;
  ms: number;
}

/** Where {@link seedTypes} puts the types' histories in time. */
export interface SeedSpread {
  /** The first type's first event (ms since the epoch); 2026-01-01 by default. */
  from?: number;
  /** The types' first events are spread evenly over this many ms after `from`. */
  overMs?: number;
}

/**
 * Fills the app's (already created) database with `types` types of `eventsPerType`
 * events each, straight through IndexedDB in one transaction, so a benchmark can set
 * up 10 000 × 20 rows in seconds. The rows are valid domain data: each type starts
 * with one add to IN_BOX and then moves one model at a time forward (a minute apart),
 * and its counts are the replay of those events. By default the types start a second
 * apart on 2026-01-01; `spread` places them over a period instead (say, the last 12
 * weeks, for Activity). Call it on a page of the app's origin after the app opened its
 * database once, then reload.
 */
export function seedTypes(
  page: Page,
  types: number,
  eventsPerType: number,
  spread: SeedSpread = {},
): Promise<SeedResult> {
  return page.evaluate(
    async ({ dbName, types, eventsPerType, from, overMs }) => {
      const started = performance.now();
      const stages = ['IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE'] as const;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(['types', 'events'], 'readwrite');
      const typeStore = tx.objectStore('types');
      const eventStore = tx.objectStore('events');
      const step = overMs === null ? 1000 : Math.floor(overMs / types);
      let events = 0;
      for (let i = 0; i < types; i++) {
        const id = crypto.randomUUID();
        const t0 = from + i * step;
        const counts = { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 };
        const total = eventsPerType * 2;
        counts.IN_BOX = total;
        eventStore.put({
          id: crypto.randomUUID(),
          type_id: id,
          from_stage: null,
          to_stage: 'IN_BOX',
          qty: total,
          created_at: new Date(t0).toISOString(),
        });
        events++;
        for (let k = 1; k < eventsPerType; k++) {
          // Walk the models forward one stage at a time, never below zero.
          // Later stages first, so some models reach Done (Activity has finished ones).
          const fromIdx =
            [3, 2, 1, 0].find((s) => counts[stages[s]!] > 0 && (k + s) % 2 === 0) ?? 0;
          const from = stages[fromIdx]!;
          const to = stages[fromIdx + 1]!;
          counts[from]--;
          counts[to]++;
          eventStore.put({
            id: crypto.randomUUID(),
            type_id: id,
            from_stage: from,
            to_stage: to,
            qty: 1,
            created_at: new Date(t0 + k * 60_000).toISOString(),
          });
          events++;
        }
        const created = new Date(t0).toISOString();
        // A row as database version 3 keeps it (SPEC §9's fields at their defaults).
        typeStore.put({
          id,
          name: `Seeded type ${String(i).padStart(5, '0')}`,
          created_at: created,
          name_updated_at: created,
          army: null,
          army_updated_at: created,
          game: null,
          game_updated_at: created,
          points_per_model: 1,
          points_per_model_updated_at: created,
          notes: '',
          notes_updated_at: created,
          counts,
        });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      db.close();
      return { types, events, ms: performance.now() - started };
    },
    {
      dbName: APP_DB,
      types,
      eventsPerType,
      from: spread.from ?? Date.parse('2026-01-01T00:00:00.000Z'),
      overMs: spread.overMs ?? null,
    },
  );
}

/** How many rows a store of the app's database holds (0 when the store does not exist). */
export function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    async ({ dbName, store }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        if (!db.objectStoreNames.contains(store)) return 0;
        return await new Promise<number>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).count();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      } finally {
        db.close();
      }
    },
    { dbName: APP_DB, store },
  );
}

/**
 * Writes rows into a store of the app's database with the bare IndexedDB API, as a
 * writer the app does not know of would (another app version, a test): the app's own
 * indexes are not told.
 */
export function putRows(page: Page, store: string, rows: object[]): Promise<void> {
  return page.evaluate(
    async ({ dbName, store, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const tx = db.transaction(store, 'readwrite');
      for (const row of rows) tx.objectStore(store).put(row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { dbName: APP_DB, store, rows },
  );
}
