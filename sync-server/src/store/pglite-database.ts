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

// PGlite runs in this thread and answers through promises alone, so a transaction of
// many statements would never let the event loop reach other requests: give it a
// turn (setImmediate runs after pending I/O) after every statement.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The database port over an open PGlite instance (closing the port closes it). */
export function wrapPglite(db: PGliteInterface): Database {
  let transactions = 0;
  let waiting: (() => void)[] = [];
  const progressed = () => {
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  const run =
    (target: Pick<PGliteInterface, 'query'>) =>
    async <R extends Row>(sql: string, params: readonly unknown[] = []) => {
      const { rows } = await target.query<R>(sql, params as unknown[]);
      progressed();
      await turn();
      return rows;
    };
  return {
    kind: 'pglite',
    query: run(db),
    // A health check must not queue behind an import: a statement completing is proof.
    ping: async () => {
      if (transactions === 0) await db.query('SELECT 1');
      else await new Promise<void>((resolve) => waiting.push(resolve));
    },
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      transactions++;
      try {
        return await db.transaction((tx) => fn({ query: run(tx) }));
      } finally {
        transactions--;
        progressed();
      }
    },
    close: () => db.close(),
  };
}
