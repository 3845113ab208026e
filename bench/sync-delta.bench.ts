// Delta sync (SPEC §10, issue 11) of 1 000 types × 50 events in headless Chromium against
// the real server process, into IndexedDB. Each case is timed in the page from the click
// on "Sync now" (or the sync switch) to the moment the sync record is written, which the
// app does after the answer is merged and committed to IndexedDB. Bytes are what
// Chromium reports for the requests and answers on the wire (headers + body, the body
// gzip-compressed when it went so).
//
// Baselines, measured in the same run:
// - the full-snapshot round trip as every sync was before the delta protocol: POST
//   /api/v1/sync from the page with the whole data file, and the merged snapshot parsed
//   (no IndexedDB read or merge, so a lower bound of what an old sync cost);
// - the same device syncing with its cursor lost (sends everything; the answer leaves
//   out what it sent);
// - the IndexedDB floor: one bare put in its own transaction (the small cases), and the
//   empty device's 1 000 history rows and 256 id-directory buckets put bare into a
//   scratch database with the app's indexes in one transaction (the empty device); beside it the same 50 000 events put
//   one row each, as the app stored a bulk arrival before Dexie version 8.
//   npm run bench -- delta
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { type DataFile, defaultTypeFields, stateToDataFile, type TrackerState } from '@mpt/shared';
import type { Browser, Page } from 'playwright-core';
import {
  chromiumOrSkip,
  ensurePwaBuilt,
  goRoute,
  launchBrowser,
  measureBarePut,
  moveForm,
  newAppContext,
  openApp,
  seedTypes,
  startServer,
  tr,
} from '../e2e/support';
import { type Figure, percentile, report, round } from './report';
import { countEvents } from './sync-support';

const TYPES = 1_000;
const EVENTS_PER_TYPE = 50;
const RUNS = 5;
const SLOW_RUNS = 3;
const MONTH_OF_EVENTS = 500;

/** One timed sync: milliseconds, bytes both ways (headers + body), the app's steps (ms). */
interface Sample {
  ms: number;
  sent: number;
  received: number;
  requests: number;
  steps: Record<string, number>;
  /** Where a full answer's state came from on the server (Server-Timing `full`). */
  full?: string;
}

interface Device {
  page: Page;
  close(): Promise<void>;
  /** Clicks the control and times the sync it starts, to its commit. */
  time(selector: string): Promise<Sample>;
}

/** A fresh browser context on the app, with the sync timer and the byte counter installed. */
async function openDevice(browser: Browser, url: string): Promise<Device> {
  const context = await newAppContext(browser, { lang: 'en' });
  // Notes when the sync record gets a new last_sync_at or error: the end of a sync.
  await context.addInitScript(() => {
    const w = window as unknown as { __syncEnd: number; __syncError: unknown };
    w.__syncEnd = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      setItem.call(this, key, value);
      if (key !== 'mpt.sync.record') return;
      const record = JSON.parse(value) as { last_sync_at?: string; last_error?: unknown };
      const mark = `${record.last_sync_at}|${JSON.stringify(record.last_error ?? null)}`;
      const seen = (w as unknown as { __syncMark?: string }).__syncMark;
      if (mark !== seen) {
        (w as unknown as { __syncMark?: string }).__syncMark = mark;
        w.__syncEnd = performance.now();
        w.__syncError = record.last_error ?? null;
      }
    };
  });
  const page = await context.newPage();
  const wire: { sent: number; received: number }[] = [];
  page.on('requestfinished', async (req) => {
    if (!new URL(req.url()).pathname.startsWith('/api/v1/sync')) return;
    const s = await req.sizes();
    wire.push({
      sent: s.requestHeadersSize + s.requestBodySize,
      received: s.responseHeadersSize + s.responseBodySize,
    });
  });
  await openApp(page, url);
  return {
    page,
    close: () => context.close(),
    async time(selector) {
      wire.length = 0;
      const t0 = await page.evaluate((sel) => {
        const w = window as unknown as { __syncError: unknown };
        w.__syncError = null;
        performance.clearMeasures();
        performance.clearResourceTimings();
        const start = performance.now();
        (document.querySelector(sel) as HTMLElement).click();
        return start;
      }, selector);
      await page.waitForFunction(
        (start) => (window as unknown as { __syncEnd: number }).__syncEnd > start,
        t0,
        { timeout: 180_000, polling: 10 },
      );
      const { end, error, steps, full } = await page.evaluate(() => {
        const w = window as unknown as { __syncEnd: number; __syncError: unknown };
        // The User Timing measures the sync code records around its steps (attempt.ts).
        const steps: Record<string, number> = {};
        let full: string | undefined;
        for (const m of performance.getEntriesByType('measure')) {
          if (m.name.startsWith('mpt-sync:')) steps[m.name.slice(9)] = Math.round(m.duration);
        }
        // The push's request as Resource Timing saw it: the server's own Server-Timing
        // steps, the wait for the answer's first byte and its download.
        const push = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.name.endsWith('/api/v1/sync/changes'))
          .at(-1);
        if (push) {
          for (const t of push.serverTiming) {
            if (t.name === 'full') full = t.description;
            else steps[`server:${t.name}`] = Math.round(t.duration);
          }
          steps['net:first-byte'] = Math.round(push.responseStart - push.requestStart);
          steps['net:download'] = Math.round(push.responseEnd - push.responseStart);
        }
        return { end: w.__syncEnd, error: w.__syncError, steps, full };
      });
      if (error) throw new Error(`sync failed: ${JSON.stringify(error)}`);
      // requestfinished arrives after the body was read; give the event loop a moment.
      await page.waitForTimeout(50);
      return {
        ms: end - t0,
        sent: wire.reduce((n, w) => n + w.sent, 0),
        received: wire.reduce((n, w) => n + w.received, 0),
        requests: wire.length,
        steps,
        ...(full === undefined ? {} : { full }),
      };
    },
  };
}

/** Waits until no sync runs and the 3 s after-a-write timer has had its turn. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(3_500);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="sync-badge"]')?.getAttribute('data-state') !==
      'syncing',
  );
}

/** Forgets the device's cursor in IndexedDB: its next sync is a full round trip. */
function loseCursor(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('miniatures-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'sync_cursor', value: null });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * A month offline: `n` moves of one model from In box to Building on as many types,
 * written as the app writes a move (the event, the type's counts, an outbox row and
 * the change counter, in one transaction), straight through IndexedDB.
 */
function writeMonthOffline(page: Page, n: number): Promise<void> {
  return page.evaluate(
    (count) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('miniatures-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['types', 'events', 'outbox', 'meta'], 'readwrite');
          const types = tx.objectStore('types');
          const all = types.getAll();
          all.onsuccess = () => {
            const rows = all.result as { id: string; counts: Record<string, number> }[];
            const movable = rows.filter((t) => t.counts.IN_BOX! > 0).slice(0, count);
            if (movable.length < count) {
              tx.abort();
              return;
            }
            const t0 = Date.now() - count * 1000;
            movable.forEach((t, i) => {
              const id = crypto.randomUUID();
              t.counts = { ...t.counts, IN_BOX: t.counts.IN_BOX! - 1 };
              t.counts.BUILDING = (t.counts.BUILDING ?? 0) + 1;
              types.put(t);
              tx.objectStore('events').put({
                id,
                type_id: t.id,
                from_stage: 'IN_BOX',
                to_stage: 'BUILDING',
                qty: 1,
                created_at: new Date(t0 + i * 1000).toISOString(),
              });
              tx.objectStore('outbox').add({ kind: 'event', id });
            });
            const meta = tx.objectStore('meta');
            const seq = meta.get('local_change_seq');
            seq.onsuccess = () => {
              const row = seq.result as { value?: number } | undefined;
              meta.put({ key: 'local_change_seq', value: (row?.value ?? 0) + count });
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new Error('not enough models in box'));
        };
      }),
    n,
  );
}

/** Moves one model of a type from In box to Building through the app's own move form. */
async function moveOneInApp(page: Page, typeId: string): Promise<void> {
  await goRoute(page, `#/type/${typeId}`);
  const form = moveForm(page, 'en');
  await form.getByLabel(tr('en', 'type.move.from'), { exact: true }).selectOption('IN_BOX');
  await form.getByLabel(tr('en', 'type.move.to'), { exact: true }).selectOption('BUILDING');
  await form.getByLabel(tr('en', 'type.move.qty'), { exact: true }).fill('1');
  const before = await page.getByTestId('count-BUILDING').textContent();
  await form.getByRole('button', { name: tr('en', 'type.move.submit'), exact: true }).click();
  await page.waitForFunction(
    (b) => document.querySelector('[data-testid="count-BUILDING"]')?.textContent !== b,
    before,
  );
  await goRoute(page, '#/settings');
}

/** Another device, through the delta protocol from Node: keeps its own cursor. */
async function otherDevice(url: string) {
  const push = async (since: string | null, changes: TrackerState) => {
    const res = await fetch(`${url}/api/v1/sync/changes`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
        'X-Device': 'bench other device',
      },
      body: JSON.stringify({ since, changes: stateToDataFile(changes, new Date()) }),
    });
    if (!res.ok) throw new Error(`the other device's push failed: ${res.status}`);
    return (await res.json()) as { cursor: string; changes: DataFile };
  };
  const first = await push(null, { types: [], events: [], tombstones: [] });
  let cursor = first.cursor;
  const types = first.changes.types;
  return {
    /** Adds one model to the n-th type, done: one event out. */
    async addOne(n: number) {
      const t = types[n]!;
      const type = {
        id: t.id,
        name: t.name,
        created_at: t.created_at,
        name_updated_at: t.name_updated_at,
        ...defaultTypeFields(t.created_at),
        counts: { ...t.counts, DONE: t.counts.DONE + 1 },
      };
      const event = {
        id: randomUUID(),
        type_id: t.id,
        from_stage: null,
        to_stage: 'DONE' as const,
        qty: 1,
        created_at: new Date().toISOString(),
      };
      cursor = (await push(cursor, { types: [type], events: [event], tombstones: [] })).cursor;
    },
  };
}

/**
 * The full-snapshot round trip from the page (POST /api/v1/sync, the sync before SPEC
 * §10): sends the whole data file, parses the merged snapshot that comes back. Bytes as
 * for a sync.
 */
async function fullSnapshotRoundTrip(device: Device, url: string): Promise<Sample> {
  const pulled = (await (await fetch(`${url}/api/v1/sync`)).json()) as { snapshot: DataFile };
  const body = JSON.stringify({ snapshot: pulled.snapshot });
  const wire: { sent: number; received: number }[] = [];
  const listener = async (req: import('playwright-core').Request) => {
    if (new URL(req.url()).pathname !== '/api/v1/sync') return;
    const s = await req.sizes();
    wire.push({
      sent: s.requestHeadersSize + s.requestBodySize,
      received: s.responseHeadersSize + s.responseBodySize,
    });
  };
  device.page.on('requestfinished', listener);
  const ms = await device.page.evaluate(async (text) => {
    const t0 = performance.now();
    const res = await fetch('/api/v1/sync', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: text,
    });
    const answer = (await res.json()) as { snapshot?: { types?: unknown[] } };
    if (!res.ok || !answer.snapshot?.types?.length) throw new Error(`POST /sync: ${res.status}`);
    return performance.now() - t0;
  }, body);
  await device.page.waitForTimeout(50);
  device.page.off('requestfinished', listener);
  return {
    ms,
    sent: wire.reduce((n, w) => n + w.sent, 0),
    received: wire.reduce((n, w) => n + w.received, 0),
    requests: wire.length,
    steps: {},
  };
}

/**
 * The IndexedDB floor for the empty device: the history rows the app stored (one per
 * type, column by column) and the id directory's buckets, put bare into a scratch
 * database with the app's stores and indexes in one transaction (`rowsMs`); and the
 * same events put one row each with the per-event store's indexes (`eventsMs`: how the
 * app stored them before Dexie version 8).
 */
function bareWriteOfAllEvents(
  page: Page,
): Promise<{ rows: number; events: number; rowsMs: number; eventsMs: number }> {
  // A string, not a function: tsx would wrap named inner functions in a __name helper.
  return page.evaluate(`(async () => {
    const open = (name, upgrade) => new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const getAll = (db, store) => new Promise((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const app = await open('miniatures-tracker');
    // The history rows as the app stored them (column by column), and their events as
    // objects for the one-row-each store (no marks in the seeded histories).
    const rows = await getAll(app, 'histories');
    const events = [
      ...(await getAll(app, 'events')),
      ...rows.flatMap((row) => row.ids.map((id, i) => ({
        id,
        type_id: row.type_id,
        from_stage: row.from[i],
        to_stage: row.to[i],
        qty: row.qty[i],
        created_at: row.at[i],
      }))),
    ];
    app.close();
    // The id directory's 256 buckets (pwa/src/db/id-directory.ts), spread here by the
    // ids' last two hex digits: the same number and size of rows.
    const buckets = new Map();
    for (const e of events) {
      const key = parseInt(e.id.slice(-2), 16);
      const b = buckets.get(key) || { bucket: key, ids: [], type_ids: [] };
      b.ids.push(e.id);
      b.type_ids.push(e.type_id);
      buckets.set(key, b);
    }
    const timedPut = async (store, upgrade, items, more = []) => {
      const name = 'bench-bare-' + crypto.randomUUID();
      const db = await open(name, upgrade);
      const t0 = performance.now();
      const tx = db.transaction(db.objectStoreNames, 'readwrite');
      for (const item of items) tx.objectStore(store).put(item);
      for (const item of more) tx.objectStore('history_ids').put(item);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      const ms = performance.now() - t0;
      db.close();
      indexedDB.deleteDatabase(name);
      return ms;
    };
    const rowsMs = await timedPut('histories', (d) => {
      const store = d.createObjectStore('histories', { keyPath: 'type_id' });
      store.createIndex('last_at', 'last_at');
      store.createIndex('n', 'n');
      d.createObjectStore('history_ids', { keyPath: 'bucket' });
    }, rows, [...buckets.values()]);
    const eventsMs = await timedPut('events', (d) => {
      const store = d.createObjectStore('events', { keyPath: 'id' });
      store.createIndex('created_at', 'created_at');
      store.createIndex('[type_id+created_at]', ['type_id', 'created_at']);
    }, events);
    return { rows: rows.length, events: events.length, rowsMs, eventsMs };
  })()`);
}

async function main(): Promise<void> {
  if (!chromiumOrSkip('bench sync-delta')) return;
  await ensurePwaBuilt();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    // Device A: seeded straight into IndexedDB, then sync is turned on (everything out).
    const a = await openDevice(browser, server.url);
    const seeded = await seedTypes(a.page, TYPES, EVENTS_PER_TYPE);
    await a.page.reload();
    await goRoute(a.page, '#/settings');
    const firstPush = await a.time('[data-testid="sync-enabled"]');
    await settle(a.page);
    const full = async () => {
      await loseCursor(a.page);
      const s = await a.time('[data-testid="sync-now"]');
      await settle(a.page);
      return s;
    };
    const fullRuns: Sample[] = [];
    const snapshotRuns: Sample[] = [];
    const barePuts: number[] = [];
    const baselines = async () => {
      snapshotRuns.push(await fullSnapshotRoundTrip(a, server.url));
      fullRuns.push(await full());
      barePuts.push(await measureBarePut(a.page));
    };
    await baselines();

    const nothing: Sample[] = [];
    for (let i = 0; i < RUNS; i++) nothing.push(await a.time('[data-testid="sync-now"]'));
    await baselines();

    const firstType = await a.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('miniatures-tracker');
          open.onsuccess = () => {
            const req = open.result.transaction('types').objectStore('types').getAllKeys(null, 1);
            req.onsuccess = () => {
              open.result.close();
              resolve(String(req.result[0]));
            };
          };
          open.onerror = () => reject(open.error);
        }),
    );
    const moveOut: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      await moveOneInApp(a.page, firstType);
      moveOut.push(await a.time('[data-testid="sync-now"]'));
      await settle(a.page);
    }

    const other = await otherDevice(server.url);
    const changeIn: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      await other.addOne(i);
      changeIn.push(await a.time('[data-testid="sync-now"]'));
    }
    await baselines();

    const month: Sample[] = [];
    for (let i = 0; i < SLOW_RUNS; i++) {
      await writeMonthOffline(a.page, MONTH_OF_EVENTS);
      month.push(await a.time('[data-testid="sync-now"]'));
      await settle(a.page);
    }

    // A new, empty device: sends nothing, receives everything and writes it.
    const expected = await countEvents(a.page);
    const empty: Sample[] = [];
    const bareAll: number[] = [];
    const bareEvents: number[] = [];
    for (let i = 0; i < SLOW_RUNS; i++) {
      const b = await openDevice(browser, server.url);
      await goRoute(b.page, '#/settings');
      empty.push(await b.time('[data-testid="sync-enabled"]'));
      const got = await countEvents(b.page);
      if (got !== expected) throw new Error(`device B got ${got} events, expected ${expected}`);
      const bare = await bareWriteOfAllEvents(b.page);
      bareAll.push(bare.rowsMs);
      bareEvents.push(bare.eventsMs);
      await b.close();
    }

    const p50 = (xs: number[]) => round(percentile(xs, 50));
    const snapMs = p50(snapshotRuns.map((x) => x.ms));
    const snapSent = p50(snapshotRuns.map((x) => x.sent));
    const snapReceived = p50(snapshotRuns.map((x) => x.received));
    const baseMs = { name: 'full-snapshot round trip, POST /sync (p50)', value: snapMs };
    const ms = (name: string, samples: Sample[], target: number): Figure => {
      const value = p50(samples.map((x) => x.ms));
      return {
        name,
        value,
        unit: 'ms',
        baseline: baseMs,
        target: `≤ ${target} ms`,
        met: value <= target,
      };
    };
    const bytes = (
      name: string,
      samples: Sample[],
      way: 'sent' | 'received',
      target?: number,
    ): Figure => {
      const value = p50(samples.map((x) => x[way]));
      return {
        name,
        value,
        unit: 'bytes',
        baseline: {
          name: `full-snapshot round trip ${way} (p50)`,
          value: way === 'sent' ? snapSent : snapReceived,
        },
        ...(target === undefined ? {} : { target: `≤ ${target} bytes`, met: value <= target }),
      };
    };
    const floor = (name: string, value: number): Figure => ({
      name,
      value: round(value),
      unit: 'ms',
    });
    const figures: Figure[] = [
      ms('nothing new, p50', nothing, 50),
      bytes('nothing new: sent (headers + body), p50', nothing, 'sent', 2048),
      bytes('nothing new: received (headers + body), p50', nothing, 'received', 2048),
      ms('one local move out, p50', moveOut, 100),
      bytes('one local move out: sent, p50', moveOut, 'sent'),
      bytes('one local move out: received, p50', moveOut, 'received'),
      ms('one change in from another device, p50', changeIn, 150),
      bytes('one change in: sent, p50', changeIn, 'sent'),
      bytes('one change in: received, p50', changeIn, 'received'),
      ms(`a month offline: ${MONTH_OF_EVENTS} events out, p50`, month, 500),
      bytes('a month offline: sent, p50', month, 'sent'),
      bytes('a month offline: received, p50', month, 'received'),
      ms('empty device, everything in, p50', empty, 1500),
      bytes('empty device: sent, p50', empty, 'sent'),
      bytes('empty device: received, p50', empty, 'received'),
      floor('baseline: full-snapshot round trip, POST /sync from the page, p50', snapMs),
      { name: 'baseline: full-snapshot round trip sent, p50', value: snapSent, unit: 'bytes' },
      {
        name: 'baseline: full-snapshot round trip received, p50',
        value: snapReceived,
        unit: 'bytes',
      },
      floor('baseline: delta sync with a lost cursor, p50', p50(fullRuns.map((x) => x.ms))),
      {
        name: 'baseline: delta sync with a lost cursor, sent, p50',
        value: p50(fullRuns.map((x) => x.sent)),
        unit: 'bytes',
      },
      floor('floor: one bare IndexedDB put in its own transaction, p50', p50(barePuts)),
      floor(
        'floor: the empty device’s history rows put bare in one transaction, p50',
        p50(bareAll),
      ),
      floor('before version 8: the same events put bare one row each, p50', p50(bareEvents)),
      floor(
        'empty device: merge step (IndexedDB read + merge + write), p50',
        p50(empty.map((x) => x.steps.merge ?? 0)),
      ),
      floor('first push of the seeded device', firstPush.ms),
    ];
    report('sync-delta', figures, {
      types: TYPES,
      events: seeded.events,
      load_average: loadavg().map(round),
      cpus: cpus().length,
      runs: { small: RUNS, month_and_empty: SLOW_RUNS, baselines: fullRuns.length },
      samples: {
        first_push: firstPush,
        nothing_new: nothing,
        one_move_out: moveOut,
        one_change_in: changeIn,
        month_offline: month,
        empty_device: empty,
        full_snapshot_round_trip: snapshotRuns,
        lost_cursor: fullRuns,
        bare_put_ms: barePuts.map(round),
        bare_write_of_history_rows_ms: bareAll.map(round),
        bare_write_of_events_one_row_each_ms: bareEvents.map(round),
      },
    });
    await a.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
