import pg from 'pg';
import type { Database, Queryable, Row } from './database';

// int8 (counts, revisions) as numbers: they stay far below 2^53 by LIMITS.
pg.types.setTypeParser(20, (v) => Number(v));

/** The database port over a `pg` Pool: real concurrency, one client per transaction. */
export function createPgDatabase(config: pg.PoolConfig): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ max: 10, ...config });
  // An idle client losing its connection must not crash the process; the next query fails.
  pool.on('error', () => {});
  const run =
    (client: pg.Pool | pg.PoolClient) =>
    async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, params as unknown[])).rows as R[];
  return {
    kind: 'postgres',
    pool,
    query: run(pool),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: run(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
