import { resolve } from 'node:path';
import type { Database } from './database';
import { createPgDatabase, DEFAULT_PG_TIMEOUTS, type PgTimeouts } from './pg-database';
import { createPgliteDatabase } from './pglite-database';

/**
 * PostgreSQL when a URL is given (with these timeouts), else embedded PGlite persisted
 * in dataDir (with that many MB of shared buffers). Rejects when PostgreSQL cannot be reached at start-up.
 */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  timeouts?: PgTimeouts;
  pgliteSharedBuffersMb?: number;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const db = createPgDatabase(
      { connectionString: opts.databaseUrl },
      opts.timeouts ?? DEFAULT_PG_TIMEOUTS,
    );
    await db.query('SELECT 1'); // fail at start-up, not on the first request
    return db;
  }
  return createPgliteDatabase(resolve(opts.dataDir), opts.pgliteSharedBuffersMb);
}
