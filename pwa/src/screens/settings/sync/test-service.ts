import { emptyState, type ImportReport } from '@mpt/shared';
import type { LocalReplica } from '../../../sync/attempt';
import { type FakeEnv, fakeEnv } from '../../../sync/fake-env';
import { createSyncService, type SyncService } from '../../../sync/service';
import type { KeyValueStore } from '../../../sync/store';

/** A sync service over an empty in-memory replica, a fake clock and a scripted fetch. */
export function testService(
  respond: (path: string, init?: RequestInit) => Response | Promise<Response>,
  store: KeyValueStore = memoryStore(),
): { service: SyncService; local: LocalReplica & { seq: number }; env: FakeEnv } {
  const report: ImportReport = {
    types_created: 0,
    types_merged: 0,
    events_added: 0,
    events_skipped: 0,
    conflicts: [],
    types_deleted: [],
    types_folded: [],
    changed: false,
    dry_run: false,
  };
  const local = {
    seq: 0,
    changeSeq: async () => local.seq,
    readState: async () => emptyState(),
    merge: async () => report,
  };
  const env = fakeEnv();
  const service = createSyncService({
    local,
    store,
    defaultUrl: 'http://sync.test',
    env,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
      respond(new URL(String(input)).pathname, init)) as typeof fetch,
  });
  return { service, local, env };
}

/** A Map behind the localStorage interface. */
export function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** A JSON response. */
export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
