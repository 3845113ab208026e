import { createApp } from '../../sync-server/src/app';
import { loadConfig } from '../../sync-server/src/config';
import { createLogger } from '../../sync-server/src/http/logger';
import type { Database } from '../../sync-server/src/store/database';
import { migrate } from '../../sync-server/src/store/migrate';
import { createPgliteDatabase } from '../../sync-server/src/store/pglite-database';
import { createSqlStore } from '../../sync-server/src/store/sql-store';

/** The real server app on an in-memory PGlite, answering through `fetch` without a socket. */
export interface InProcessServer {
  url: string;
  fetch: typeof fetch;
  db: Database;
  close(): Promise<void>;
}

/**
 * Builds the sync server's Hono app exactly as server.ts does (migrations included),
 * on an in-memory PGlite. `env` is the server's environment (e.g. SYNC_TOKEN).
 */
export async function startInProcessServer(
  env: Record<string, string> = {},
): Promise<InProcessServer> {
  const db = await createPgliteDatabase();
  await migrate(db);
  const config = loadConfig({ RATE_LIMIT_MAX: '0', ...env });
  const app = createApp({
    store: createSqlStore(db, { snapshotKeep: config.SNAPSHOT_KEEP }),
    config,
    logger: createLogger('silent'),
  });
  const url = 'http://sync.test';
  const doFetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    app.fetch(new Request(input, init))) as typeof fetch;
  return { url, fetch: doFetch, db, close: () => db.close() };
}
