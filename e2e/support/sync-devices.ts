// Devices for the in-process sync tests (e2e/sync-client.e2e.ts): each is a Dexie
// database on fake-indexeddb with the PWA's sync service, a hand-driven clock, and a
// network whose requests a test can watch, delay, drop or cut.
import 'fake-indexeddb/auto';
import type { TrackerState } from '@mpt/shared';
import { expect } from 'vitest';
import { correctTo, previewCorrections } from '../../pwa/src/db/corrections';
import { replaceLocalState } from '../../pwa/src/db/replace';
import type { TrackerDb } from '../../pwa/src/db/schema';
import { freshDb } from '../../pwa/src/db/test-db';
import { type FakeEnv, fakeEnv } from '../../pwa/src/sync/fake-env';
import { dexieReplica } from '../../pwa/src/sync/local-replica';
import { createSyncService, type SyncService } from '../../pwa/src/sync/service';
import { type InProcessServer, startInProcessServer } from './in-process-server';

/** A token long enough for the server's SYNC_TOKEN rule. */
export const TOKEN = 'a-household-token-0123456789';
/** What the current test must undo; run by runCleanup() in afterEach. */
const cleanup: (() => Promise<void>)[] = [];

/** Closes every server, database and service the test opened, newest first. */
export async function runCleanup(): Promise<void> {
  for (const fn of cleanup.splice(0).reverse()) await fn();
}

/** The real server app on in-memory PGlite, closed after the test. */
export async function server(env: Record<string, string> = {}): Promise<InProcessServer> {
  const s = await startInProcessServer(env);
  cleanup.push(() => s.close());
  return s;
}

/** A request as the device's network saw it. */
export interface SentRequest {
  method: string;
  path: string;
  key: string | null;
  auth: string | null;
  /** Bytes of the body as sent (gzip when it went gzip). */
  bytes: number;
}

/** Hooks a test can set on a device's network. */
export interface Network {
  sent: SentRequest[];
  /** Runs before a request is forwarded (e.g. a local write "while in flight"). */
  before?: (req: SentRequest) => Promise<void>;
  /** Return true to lose the server's answer to this request (it was still processed). */
  dropAnswer?: (req: SentRequest) => boolean;
  down?: boolean;
}

/** One device: its database, clock, network and sync service. */
export interface Device {
  db: TrackerDb;
  /** How many times a sync read what to send. */
  reads: () => number;
  env: FakeEnv;
  net: Network;
  sync: SyncService;
  keys: string[];
}

/** A new device with sync turned on against `srv` (the app's default URL). */
export function device(srv: InProcessServer, settings: { token?: string } = {}): Device {
  const db = freshDb();
  cleanup.push(() => db.delete());
  const env = fakeEnv(0.5);
  const net: Network = { sent: [] };
  const keys: string[] = [];
  const store = new Map<string, string>();
  const replica = dexieReplica(db);
  let reads = 0;
  const sync = createSyncService({
    local: {
      ...replica,
      readOutgoing: (url) => {
        reads++;
        return replica.readOutgoing(url);
      },
    },
    recovery: {
      correctTo: (target) => correctTo(db, target),
      previewCorrections: (target) => previewCorrections(db, target),
      replaceWith: (state, from) => replaceLocalState(db, state, from),
    },
    device: 'Test device',
    store: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    defaultUrl: srv.url,
    env,
    newKey: () => {
      const key = crypto.randomUUID();
      keys.push(key);
      return key;
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      const req: SentRequest = {
        method: init?.method ?? 'GET',
        path: new URL(String(input)).pathname,
        key: headers.get('idempotency-key'),
        auth: headers.get('authorization'),
        bytes:
          typeof init?.body === 'string'
            ? new TextEncoder().encode(init.body).length
            : init?.body instanceof Uint8Array
              ? init.body.byteLength
              : 0,
      };
      net.sent.push(req);
      if (net.down) throw new TypeError('Failed to fetch');
      await net.before?.(req);
      const res = await srv.fetch(input, init);
      if (net.dropAnswer?.(req)) throw new TypeError('network connection was lost');
      return res;
    }) as typeof fetch,
  });
  cleanup.push(async () => sync.dispose());
  sync.updateSettings({ enabled: false, token: settings.token ?? '' });
  sync.updateSettings({ enabled: true });
  return { db, env, net, sync, keys, reads: () => reads };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (real time) until the device's scheduler is no longer running a sync. */
export async function settled(d: Device): Promise<void> {
  await d.env.advance(0);
  for (let i = 0; i < 2_000 && d.sync.state.scheduler.value.mode === 'running'; i++) {
    await sleep(5);
  }
  expect(d.sync.state.scheduler.value.mode).not.toBe('running');
}

/** Presses "Sync now" and waits for that sync to end. */
export async function syncNow(d: Device): Promise<void> {
  await settled(d);
  d.sync.syncNow();
  await settled(d);
}

/** A state with its rows sorted by id, for comparisons. */
export const byId = (s: TrackerState) => ({
  types: [...s.types].sort((a, b) => (a.id < b.id ? -1 : 1)),
  events: [...s.events].sort((a, b) => (a.id < b.id ? -1 : 1)),
  tombstones: [...s.tombstones].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

/** The number of the server's latest stored change (migration 004). */
export async function changeSeq(srv: InProcessServer): Promise<number> {
  const [head] = await srv.db.query<{ seq: number }>('SELECT seq FROM change_seq');
  return Number(head?.seq);
}
