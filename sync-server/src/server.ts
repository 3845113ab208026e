import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { type Config, loadConfig } from './config';
import { createLogger } from './http/logger';
import { createNodeServer } from './http/node-server';
import { gracefulClose } from './http/shutdown';
import { migrate } from './store/migrate';
import { openDatabase } from './store/open';
import { createSqlStore } from './store/sql-store';

/**
 * Starts the server: opens the database, applies the migrations, then listens.
 * SIGTERM/SIGINT: every request already received is answered (within
 * SHUTDOWN_TIMEOUT_MS), then the database is closed and the process exits 0.
 */
export async function main(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    pgliteSharedBuffersMb: config.PGLITE_SHARED_BUFFERS_MB,
    timeouts: {
      connectMs: config.DB_CONNECT_TIMEOUT_MS,
      statementMs: config.DB_STATEMENT_TIMEOUT_MS,
    },
  });
  const applied = await migrate(db);
  logger.info({ database: db.kind, migrations_applied: applied }, 'database ready');
  const store = createSqlStore(db, { snapshotKeep: config.SNAPSHOT_KEEP });
  const app = createApp({ store, config, logger });
  const tls = config.TLS_CERT_FILE && config.TLS_KEY_FILE;
  const server = createNodeServer(
    app.fetch,
    tls
      ? {
          cert: readFileSync(config.TLS_CERT_FILE as string),
          key: readFileSync(config.TLS_KEY_FILE as string),
        }
      : undefined,
  );
  const close = gracefulClose(server);
  server.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}/`;
  logger.info({ url, database: db.kind }, 'listening');
  process.stdout.write(`Miniatures Progress Tracker is running at ${url}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: answering the requests already received');
    const forced = await close({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    if (forced) logger.warn('shutdown timeout: closed the connections still open');
    await db.close().catch(() => {});
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * Reads the configuration from `env` and starts the server; a bad setting or a failed
 * start prints why and exits 1. The entry of `node sync-server/src/server.ts` and of
 * `npm start` (scripts/start.mjs).
 */
export function run(env: Record<string, string | undefined>): void {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  main(config).catch((error: unknown) => {
    process.stderr.write(`Failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server.ts')) {
  run(process.env);
}
