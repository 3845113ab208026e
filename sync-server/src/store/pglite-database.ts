import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database';

/**
 * shared_buffers of the embedded database (MB). PostgreSQL's 128 MB live inside the
 * WebAssembly heap and are touched at start: most of the idle memory. The data of a
 * hobbyist (tens of MB at the limits) is read through the OS page cache anyway.
 */
export const PGLITE_SHARED_BUFFERS_MB = 16;

const initdbScript = fileURLToPath(new URL('./pglite-initdb.mjs', import.meta.url));

/** PGlite's start parameters with this shared_buffers size. */
export const pgliteStartParams = (sharedBuffersMb: number) => [
  ...PGlite.defaultStartParams,
  '-c',
  `shared_buffers=${sharedBuffersMb}MB`,
];

/**
 * The database port over embedded PGlite, persisted in `dataDir` (in memory when
 * undefined), with `sharedBuffersMb` of shared buffers. A new folder is created by a
 * short-lived child process (see pglite-initdb.mjs). PGlite has one connection: its
 * transactions run one after another, and a query outside a transaction waits for the
 * running one.
 */
export async function createPgliteDatabase(
  dataDir?: string,
  sharedBuffersMb = PGLITE_SHARED_BUFFERS_MB,
): Promise<Database> {
  // PostgreSQL compiled to WebAssembly is a 9 MB module: V8's optimizing tier recompiles
  // its hot functions and keeps ~80 MB more machine code resident (idle RSS ~290 MB →
  // ~200 MB), while imports and queries measured no slower on 2 cores. Baseline code
  // only, set before the module is compiled; it concerns WebAssembly alone, which
  // nothing else in the server runs.
  v8.setFlagsFromString('--liftoff-only');
  const startParams = pgliteStartParams(sharedBuffersMb);
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await promisify(execFile)(process.execPath, [
        '--liftoff-only',
        initdbScript,
        dataDir,
        JSON.stringify(startParams),
      ]);
    }
  }
  const db = new PGlite({ dataDir, startParams });
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
