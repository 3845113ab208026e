import pg from 'pg';
import type { Database, Queryable, Row } from './database';

// int8 (counts, revisions) as numbers: they stay far below 2^53 by LIMITS.
pg.types.setTypeParser(20, (v) => Number(v));

/** How long the server waits on PostgreSQL before it answers 503 ERR_STORAGE. */
export interface PgTimeouts {
  /** Opening a connection, or waiting for a free one in the pool (ms). */
  connectMs: number;
  /**
   * One statement (ms): PostgreSQL cancels it (statement_timeout), and the client gives
   * up 2 s later when the server does not answer at all (frozen, partitioned).
   */
  statementMs: number;
}

export const DEFAULT_PG_TIMEOUTS: PgTimeouts = { connectMs: 5_000, statementMs: 15_000 };

// A client-side deadline a little after the server's own, so a live server cancels
// first (the connection stays usable) and only a silent one trips this.
const CLIENT_GRACE_MS = 2_000;

/**
 * The database port over a `pg` Pool: real concurrency, one client per transaction.
 * Takes the pool settings (connection string, max…) and the timeouts; every failure to
 * reach PostgreSQL surfaces as a rejected query (mapped to ERR_STORAGE at the edge),
 * never as an unhandled 'error' event.
 */
export function createPgDatabase(
  config: pg.PoolConfig,
  timeouts: PgTimeouts = DEFAULT_PG_TIMEOUTS,
): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({
    max: 10,
    application_name: 'mpt-sync-server',
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
    // A transaction left open by a stalled client must not hold row locks for ever.
    idle_in_transaction_session_timeout: Math.max(60_000, timeouts.statementMs * 4),
    // Detects a peer that vanished (cable, NAT) on idle connections.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...config,
  });
  // A connection PostgreSQL drops (pg_terminate_backend, a restart) makes its client emit
  // 'error'; with no listener that ends the process. The pool listens while a client is
  // idle, but not while it is checked out, nor in the gap between a release and the
  // next pool.connect() caller receiving it. So every client listens for good; the
  // running query rejects on its own, and the pool drops a client that is no longer
  // queryable when it is released.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
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
      let lost: Error | undefined;
      // A statement the driver gave up on (no answer, timeout) leaves the connection
      // in an unknown state: it is destroyed, never reused.
      const tx: Queryable = {
        query: <R extends Row>(sql: string, params?: readonly unknown[]) =>
          run(client)<R>(sql, params).catch((error: unknown) => {
            if (!(error instanceof pg.DatabaseError)) lost ??= error as Error;
            throw error;
          }),
      };
      try {
        await tx.query('BEGIN');
        const result = await fn(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        // PostgreSQL rolls back by itself when a broken connection closes.
        if (!lost) await client.query('ROLLBACK').catch((e: Error) => (lost = e));
        throw error;
      } finally {
        // release(error) destroys the client instead of returning it to the pool.
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}
