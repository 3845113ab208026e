// The sync server's API on a real listening server (a child process on 127.0.0.1),
// on PGlite and — when TEST_DATABASE_URL or BENCH_DATABASE_URL is set — PostgreSQL:
//   - import of 1 000 types × 50 events into an empty database, and a sync round trip
//     (push the full snapshot with one new event, receive the merged snapshot);
//   - GET /types (the default page of 50, and the largest page of 500, of 1 000 types)
//     p50/p99 over keep-alive HTTP, beside the same SQL run bare on the same database;
//   - POST /types/:id/move p99 with 32 connections (autocannon, 5 s).
//   npm run bench -- server
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataFile } from '@mpt/shared';
import type { Database } from '../sync-server/src/store/database';
import { createPgDatabase } from '../sync-server/src/store/pg-database';
import { createPgliteDatabase } from '../sync-server/src/store/pglite-database';
import { TYPE_COLUMNS } from '../sync-server/src/store/rows';
import { makeFile } from '../sync-server/src/test-support/fixtures';
import { startServer } from '../sync-server/src/test-support/server-process';
import { benchDatabaseUrl, withBenchSchema } from './pg-schema';
import { type Figure, percentile, report, round } from './report';

interface AutocannonResult {
  latency: { p50: number; p99: number; average: number };
  requests: { total: number; average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const TYPES = 1_000;
const EVENTS = 50;
const SAMPLES = 400;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(url: string, method = 'GET', body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.setHeader('content-type', 'application/json');
      req.end(body);
    } else req.end();
  });
}

async function timeIt(fn: () => Promise<unknown>, samples: number): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const listSql = `SELECT ${TYPE_COLUMNS}, count(*) OVER () AS total FROM miniature_types t
  WHERE ($1::text IS NULL OR strpos(t.name_key, $1::text) > 0)
  ORDER BY t.name_key, t.id LIMIT $2 OFFSET $3`;

async function measure(
  name: 'pglite' | 'postgres',
  env: Record<string, string>,
  bare: () => Promise<Database>,
) {
  const figures: Figure[] = [];
  const server = await startServer({ ...env, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'error' });
  const base = server.url;
  try {
    const file = makeFile(TYPES, EVENTS, 'Bench');
    const body = JSON.stringify(file);
    let t = performance.now();
    const imported = await request(`${base}/api/v1/import`, 'POST', body);
    const importMs = performance.now() - t;
    if (imported.status !== 200) throw new Error(`import failed: ${imported.text.slice(0, 200)}`);
    figures.push({
      name: `${name}: import 1000 types x 50 events`,
      value: round(importMs),
      unit: 'ms',
      target: '<= 1000 ms',
      met: importMs <= 1000,
    });

    const pulled = JSON.parse((await request(`${base}/api/v1/sync`)).text) as {
      snapshot: DataFile;
    };
    const snapshot = pulled.snapshot;
    const first = snapshot.types[0]!;
    first.history.push({
      id: '0b0b0b0b-0000-4000-8000-000000000001',
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
      created_at: new Date().toISOString(),
    });
    first.counts.IN_BOX -= 1;
    first.counts.DONE += 1;
    const pushBody = JSON.stringify({ snapshot });
    t = performance.now();
    const pushed = await request(`${base}/api/v1/sync`, 'POST', pushBody, {
      'idempotency-key': `bench-${randomBytes(6).toString('hex')}`,
    });
    JSON.parse(pushed.text);
    const syncMs = performance.now() - t;
    if (pushed.status !== 200) throw new Error(`push failed: ${pushed.text.slice(0, 200)}`);
    figures.push({
      name: `${name}: sync round trip 1000 x 50 (push + merged answer)`,
      value: round(syncMs),
      unit: 'ms',
      target: '<= 1000 ms',
      met: syncMs <= 1000,
    });

    const api: Record<number, number[]> = {};
    for (const limit of [50, 500]) {
      api[limit] = await timeIt(() => request(`${base}/api/v1/types?limit=${limit}`), SAMPLES);
    }

    const ids = snapshot.types.map((x) => x.id);
    let i = 0;
    const moves = (connections: number, duration: number) =>
      autocannon({
        url: base,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              path: `/api/v1/types/${ids[i++ % ids.length]}/move`,
              body: JSON.stringify({ from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 1 }),
            }),
          },
        ],
      });
    const result = await moves(32, 5);
    figures.push({
      name: `${name}: move p99, 32 connections (${result.requests.total} moves, ${result.non2xx} non-2xx)`,
      value: result.latency.p99,
      unit: 'ms',
      target: '<= 10 ms',
      met: result.latency.p99 <= 10,
    });
    figures.push({
      name: `${name}: move p50, 32 connections`,
      value: result.latency.p50,
      unit: 'ms',
    });
    figures.push({
      name: `${name}: moves per second, 32 connections`,
      value: round(result.requests.average),
      unit: 'req/s',
    });
    // One connection: the latency of a move itself, without queueing behind 31 others.
    const single = await moves(1, 3);
    figures.push({
      name: `${name}: move p50, 1 connection`,
      value: single.latency.p50,
      unit: 'ms',
    });
    figures.push({
      name: `${name}: move p99, 1 connection`,
      value: single.latency.p99,
      unit: 'ms',
    });

    server.child.kill('SIGTERM');
    await server.exited;
    // The bare query: the same SQL on the same database, from this process (PGlite
    // allows one process at a time, so this runs after the server stopped).
    const db = await bare();
    for (const limit of [50, 500]) {
      const rows = await timeIt(() => db.query(listSql, [null, limit, 0]), SAMPLES);
      const apiP99 = percentile(api[limit]!, 99);
      const bareP99 = percentile(rows, 99);
      figures.push({
        name: `${name}: GET /types?limit=${limit} p50`,
        value: round(percentile(api[limit]!, 50)),
        unit: 'ms',
        baseline: { name: 'bare query p50', value: round(percentile(rows, 50)) },
      });
      figures.push({
        name: `${name}: GET /types?limit=${limit} p99`,
        value: round(apiP99),
        unit: 'ms',
        baseline: { name: 'bare query p99', value: round(bareP99) },
        target: '<= 10 ms and <= 2x bare',
        met: apiP99 <= 10 && apiP99 <= 2 * bareP99,
      });
    }
    await db.close();
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
  return figures;
}

const figures: Figure[] = [];
const dir = mkdtempSync(join(tmpdir(), 'mpt-bench-'));
try {
  figures.push(...(await measure('pglite', { DATA_DIR: dir }, () => createPgliteDatabase(dir))));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pgUrl = benchDatabaseUrl;
if (pgUrl) {
  const measured = await withBenchSchema(pgUrl, (url, options) =>
    measure('postgres', { DATABASE_URL: url }, async () =>
      createPgDatabase({ connectionString: pgUrl, options }),
    ),
  );
  figures.push(...measured);
} else {
  console.warn('skipped: PostgreSQL figures (set TEST_DATABASE_URL or BENCH_DATABASE_URL)');
}
agent.destroy();
report('server-api', figures, {
  types: TYPES,
  events_per_type: EVENTS,
  samples: SAMPLES,
  postgres: Boolean(pgUrl),
});
