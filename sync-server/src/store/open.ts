import { resolve } from 'node:path';
import type { Database } from './database';
import { createPgDatabase } from './pg-database';
import { createPgliteDatabase } from './pglite-database';

/** PostgreSQL when a URL is given, else embedded PGlite persisted in dataDir. */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const db = createPgDatabase({ connectionString: opts.databaseUrl });
    await db.query('SELECT 1'); // fail at start-up, not on the first request
    return db;
  }
  return createPgliteDatabase(resolve(opts.dataDir));
}
