import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe } from 'vitest';
import type { Database } from '../store/database';
import { migrate } from '../store/migrate';
import { createPgDatabase } from '../store/pg-database';
import { wrapPglite } from '../store/pglite-database';
import { initdbDump } from './pglite-template';

/** The PostgreSQL server CI provides; PostgreSQL suites skip without it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface OpenedDatabase {
  db: Database;
  /** For a child server process: a URL whose search_path is this suite's schema. */
  url?: string;
  close(): Promise<void>;
}

export interface DatabaseKind {
  name: 'pglite' | 'postgres';
  available: boolean;
  open(): Promise<OpenedDatabase>;
}

/** A fresh schema per suite, so test files running in parallel never see each other. */
async function openPostgres(): Promise<OpenedDatabase> {
  const url = TEST_DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const options = `-c search_path=${schema}`;
  const db = createPgDatabase({ connectionString: url, options, max: 20 });
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', options);
  return {
    db,
    url: withSchema.toString(),
    async close() {
      await db.close().catch(() => {});
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

// Starting PGlite runs initdb (seconds): each test process starts from a dump made
// just after it, and each suite from a clone of that migrated instance.
let template: Promise<PGlite> | null = null;

async function openPglite(): Promise<OpenedDatabase> {
  template ??= (async () => {
    const pglite = new PGlite({ loadDataDir: await initdbDump() });
    await pglite.waitReady;
    await migrate(wrapPglite(pglite));
    return pglite;
  })();
  const db = wrapPglite(await (await template).clone());
  return { db, close: () => db.close() };
}

export const DATABASES: DatabaseKind[] = [
  { name: 'pglite', available: true, open: openPglite },
  { name: 'postgres', available: Boolean(TEST_DATABASE_URL), open: openPostgres },
];

let warned = false;

/** Runs a suite once per database: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function describeEachDatabase(title: string, body: (kind: DatabaseKind) => void): void {
  for (const kind of DATABASES) {
    if (!kind.available && !warned) {
      warned = true;
      console.warn('skipped: sync-server suites on PostgreSQL (TEST_DATABASE_URL is not set)');
    }
    describe.skipIf(!kind.available)(`${title} [${kind.name}]`, () => body(kind));
  }
}
