import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database';
import { canonicalizeStoredData } from './migrate-canonical';
import { fillOrderKeys } from './migrate-order-key';

const defaultDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/**
 * Data steps written in TypeScript, by version, because a rule of shared/ (not SQL)
 * decides the data. They run in the migration's transaction, after all of its SQL.
 */
export const DATA_STEPS: Readonly<Record<number, (tx: Queryable) => Promise<void>>> = {
  2: canonicalizeStoredData,
  6: fillOrderKeys,
};

/**
 * Applies the numbered .sql files not yet recorded in schema_migrations, in order, then
 * the data steps of the versions applied, all in one transaction: a failed migration
 * leaves the schema and the data as they were. An advisory lock
 * keeps two starting servers from migrating at once. Returns the versions applied.
 */
export async function migrate(
  db: Database,
  dir = defaultDir,
  steps: Readonly<Record<number, (tx: Queryable) => Promise<void>>> = DATA_STEPS,
): Promise<number[]> {
  const files = readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort();
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':migrate'))`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const file of files) {
      const version = Number.parseInt(file, 10);
      if (done.has(version)) continue;
      for (const statement of splitStatements(readFileSync(join(dir, file), 'utf8'))) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        version,
        file,
      ]);
      applied.push(version);
    }
    // After all the SQL: a data step runs today's code (loadState, applyDelta), which
    // expects today's schema, not the schema of its own version.
    for (const version of applied) await steps[version]?.(tx);
    return applied;
  });
}

/**
 * Splits a migration on `;` at line ends, except inside a `$$ … $$` function body (our
 * files hold no other string bodies).
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const part of sql.split(/(;\s*$)/m)) {
    current += part;
    const quoted = (current.match(/\$\$/g) ?? []).length % 2 === 1;
    if (/^;\s*$/.test(part) && !quoted) {
      statements.push(current.slice(0, current.lastIndexOf(';')));
      current = '';
    }
  }
  statements.push(current);
  return statements.map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter((s) => s.length > 0);
}
