import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database';

/**
 * The database port over embedded PGlite, persisted in `dataDir` (in memory when
 * undefined). PGlite has one connection: its transactions run one after another,
 * and a query outside a transaction waits for the running one.
 */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return wrapPglite(db);
}

/** The database port over an open PGlite instance (closing the port closes it). */
export function wrapPglite(db: PGliteInterface): Database {
  const run =
    (target: Pick<PGliteInterface, 'query'>) =>
    async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
      (await target.query<R>(sql, params as unknown[])).rows;
  return {
    kind: 'pglite',
    query: run(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      db.transaction((tx) => fn({ query: run(tx) })),
    close: () => db.close(),
  };
}
