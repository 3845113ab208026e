import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { type AppConfig, createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../http/logger';
import { Metrics } from '../http/metrics';
import type { Database } from '../store/database';
import { migrate } from '../store/migrate';
import { createSqlStore, type SqlStoreOptions } from '../store/sql-store';
import type { Store } from '../store/store';
import type { DatabaseKind } from './databases';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: Store;
  db: Database;
  url: string | undefined;
  metrics: Metrics;
  /** Every log line written so far. */
  logs: string[];
  /** JSON request helper: returns status, parsed body and headers. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
  ): Promise<{ status: number; body: any; text: string; headers: Headers }>;
}

/** Test defaults: no rate limit (suites set one where they test it), no PWA build. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({}),
    RATE_LIMIT_MAX: 0,
    STATIC_DIR: '/nonexistent-pwa-dist',
    ...overrides,
  };
}

/** Opens a database of this kind for the suite, migrates it and builds the app on it. */
export function useTestApp(
  kind: DatabaseKind,
  config: Partial<AppConfig> = {},
  storeOptions: SqlStoreOptions = {},
): TestApp {
  const ctx = { logs: [] as string[] } as TestApp & { close?: () => Promise<void> };
  beforeAll(async () => {
    const opened = await kind.open();
    await migrate(opened.db);
    ctx.db = opened.db;
    ctx.url = opened.url;
    ctx.close = opened.close;
    ctx.store = createSqlStore(opened.db, storeOptions);
    ctx.metrics = new Metrics();
    const sink = new Writable({
      write(chunk, _enc, done) {
        ctx.logs.push(String(chunk));
        done();
      },
    });
    ctx.app = createApp({
      store: ctx.store,
      config: testConfig(config),
      logger: createLogger('info', sink),
      metrics: ctx.metrics,
      // Backup revisions are written in the background; tests that count revisions
      // would race them (backup-revisions.test.ts runs the writer itself).
      backups: null,
    });
  });
  afterAll(async () => {
    await ctx.close?.().catch(() => {}); // a suite may have closed it on purpose
  });
  ctx.call = async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await ctx.app.request(path, init);
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return ctx;
}

/** POST /api/v1/import of a data file (an object, or text as it is), with a query such as `?dry_run=true`. */
export function importFile(t: TestApp, file: unknown, query = '') {
  return t.call(
    'POST',
    `/api/v1/import${query}`,
    typeof file === 'string' ? file : JSON.stringify(file),
  );
}

/** Events whose type is gone: must always be 0 (history_events has no foreign key). */
export async function orphanEvents(t: TestApp): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM history_events e
     WHERE NOT EXISTS (SELECT 1 FROM miniature_types t WHERE t.id = e.type_id)`,
  );
  return Number(row?.n);
}
