// A full sync round trip of 1 000 types × 50 events in headless Chromium against the
// real server process: the PWA reads IndexedDB, serializes the snapshot, POSTs it,
// the server merges it in one transaction and answers with the merged snapshot, and
// the PWA validates it and merges it into IndexedDB. Timed in the page, from the
// "Sync now" click to the end of the merge, with the phases (preparing, uploading =
// network + server, merging) taken from the status line's data-phase attribute.
//   npm run bench -- sync
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { type DataFile, readDataFile, stateToDataFile, unwrap } from '@mpt/shared';
import {
  chromiumOrSkip,
  ensurePwaBuilt,
  goRoute,
  launchBrowser,
  seedTypes,
  startServer,
} from '../e2e/support';
import { type Figure, percentile, report, round } from './report';
import {
  bumpChangeSeq,
  countEvents,
  installPhaseRecorder,
  openDevice,
  pushFromAnotherDevice,
  type Timing,
  timeSync,
} from './sync-support';

const TYPES = 1_000;
const EVENTS_PER_TYPE = 50;
const STEADY_RUNS = 5;
const EMPTY_DEVICE_RUNS = 3;
const INCOMING_RUNS = 3;
const TARGET_MS = 1_500;

async function main(): Promise<void> {
  if (!chromiumOrSkip('bench sync-roundtrip')) return;
  await ensurePwaBuilt();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    // Device A: seeded straight into IndexedDB, then sync is turned on (the first push).
    const a = await openDevice(browser, server.url);
    const seeded = await seedTypes(a.page, TYPES, EVENTS_PER_TYPE);
    await a.page.reload();
    await goRoute(a.page, '#/settings');
    await installPhaseRecorder(a.page);
    const firstPush = await timeSync(a.page, '[data-testid="sync-enabled"]');

    // The server's copy now equals A's data (readStoredState cannot run under tsx, see above).
    const pulled = (await (await fetch(`${server.url}/api/v1/sync`)).json()) as {
      snapshot: DataFile;
    };
    const state = unwrap(readDataFile(pulled.snapshot));
    if (state.events.length !== seeded.events) {
      throw new Error(`the server holds ${state.events.length} events, expected ${seeded.events}`);
    }
    const snapshotBytes = Buffer.byteLength(
      JSON.stringify({ snapshot: stateToDataFile(state, new Date()) }),
    );

    // Steady state: the same data again (the server merges and answers everything);
    // the client reuses its last snapshot because nothing changed locally.
    const steady: Timing[] = [];
    for (let i = 0; i < STEADY_RUNS; i++) {
      steady.push(await timeSync(a.page, '[data-testid="sync-now"]'));
    }
    // After a local write: the state is read and serialized again.
    const changed: Timing[] = [];
    for (let i = 0; i < STEADY_RUNS; i++) {
      await bumpChangeSeq(a.page);
      changed.push(await timeSync(a.page, '[data-testid="sync-now"]'));
    }

    // The everyday case: another device added one model meanwhile. A's answer differs
    // from what it pushed, so it validates the whole answer, merges it into IndexedDB
    // and keeps a restore point of its previous state.
    const incoming: Timing[] = [];
    for (let i = 0; i < INCOMING_RUNS; i++) {
      await pushFromAnotherDevice(server.url, i);
      incoming.push(await timeSync(a.page, '[data-testid="sync-now"]'));
    }

    // A new, empty device: pushes nothing, receives 50 000 events and writes them.
    const empty: Timing[] = [];
    for (let i = 0; i < EMPTY_DEVICE_RUNS; i++) {
      const b = await openDevice(browser, server.url);
      await goRoute(b.page, '#/settings');
      await installPhaseRecorder(b.page);
      empty.push(await timeSync(b.page, '[data-testid="sync-enabled"]'));
      const got = await countEvents(b.page);
      if (got !== state.events.length + INCOMING_RUNS) {
        throw new Error(
          `device B got ${got} events, expected ${state.events.length + INCOMING_RUNS}`,
        );
      }
      await b.context.close();
    }

    // Baseline: the server alone (Node fetch, no browser), the same snapshot pushed.
    const body = JSON.stringify({ snapshot: stateToDataFile(state, new Date()) });
    const serverOnly: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/sync`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body,
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`server push failed: ${res.status}`);
      serverOnly.push(performance.now() - t0);
    }
    const revisions = (await (await fetch(`${server.url}/api/v1/sync/revisions`)).json()) as {
      items: { size_bytes: number }[];
    };

    const p50 = (xs: number[]) => round(percentile(xs, 50));
    const baseline = { name: 'server alone, Node fetch (p50)', value: p50(serverOnly) };
    const phase = (ts: Timing[], name: string) => p50(ts.map((t) => t.phases[name] ?? 0));
    const total = (name: string, ts: Timing[]): Figure => {
      const value = p50(ts.map((t) => t.total));
      return {
        name,
        value,
        unit: 'ms',
        baseline,
        target: `≤ ${TARGET_MS} ms`,
        met: value <= TARGET_MS,
      };
    };
    const step = (name: string, ts: Timing[], key: string): Figure => ({
      name,
      value: phase(ts, key),
      unit: 'ms',
    });
    const figures: Figure[] = [
      total('round trip, nothing new anywhere (snapshot reused, server echoes it), p50', steady),
      total(
        'round trip after a local write (read + serialize + push, nothing new back), p50',
        changed,
      ),
      total('round trip bringing in one change from another device (full merge), p50', incoming),
      total('round trip into an empty device (merges 50 000 events into IndexedDB), p50', empty),
      {
        name: 'first push of the seeded device',
        value: round(firstPush.total),
        unit: 'ms',
        baseline,
      },
      step('after a write: read IndexedDB (readState), p50', changed, 'read'),
      step('after a write: JSON.stringify of the snapshot, p50', changed, 'serialize'),
      step('after a write: uploading (network + server + answer), p50', changed, 'uploading'),
      step('one change in: uploading (network + server + answer), p50', incoming, 'uploading'),
      step('one change in: validate the answer (readDataFile), p50', incoming, 'validate'),
      step(
        'one change in: mergeIntoLocal (re-read, merge, restore point, write), p50',
        incoming,
        'merge',
      ),
      step('empty device: validate the answer (readDataFile), p50', empty, 'validate'),
      step(
        'empty device: mergeIntoLocal (merge, restore point, write 50 000 events), p50',
        empty,
        'merge',
      ),
      { name: 'snapshot size (request body)', value: snapshotBytes, unit: 'bytes' },
      {
        name: 'stored revision size (server)',
        value: revisions.items[0]?.size_bytes ?? 0,
        unit: 'bytes',
      },
    ];
    report('sync-roundtrip', figures, {
      types: TYPES,
      events: seeded.events,
      load_average: loadavg().map(round),
      cpus: cpus().length,
      runs: {
        steady: STEADY_RUNS,
        after_write: STEADY_RUNS,
        empty_device: EMPTY_DEVICE_RUNS,
        server_only: 3,
      },
      samples_ms: {
        first_push: round(firstPush.total),
        steady: steady.map((t) => round(t.total)),
        after_write: changed.map((t) => round(t.total)),
        one_change_in: incoming.map((t) => round(t.total)),
        empty_device: empty.map((t) => round(t.total)),
        server_only: serverOnly.map(round),
      },
      phases_ms: {
        after_write: changed.map((t) => t.phases),
        one_change_in: incoming.map((t) => t.phases),
        first_push: firstPush.phases,
        steady: steady.map((t) => t.phases),
        empty: empty.map((t) => t.phases),
      },
    });
    await a.context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
