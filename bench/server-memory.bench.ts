// Resident memory (RSS) of the real server process, as `node --import tsx server.ts`
// runs it (Dockerfile, npm start), in each database mode, measured in the same run:
//   - embedded PGlite with its default settings (PGLITE_SHARED_BUFFERS_MB), beside PGlite
//     with PostgreSQL's stock 128 MB of shared buffers (the baseline of each figure),
//   - PostgreSQL through pg (when TEST_DATABASE_URL or BENCH_DATABASE_URL is set: the
//     server process only; PostgreSQL's own processes are not counted).
// For each: idle after the first start (a new data folder), 3 s and 30 s after an import
// of 1 000 types × 50 events, idle after a restart on that data, and the first start's
// peak (VmHWM). "Idle" is read after 3 s without requests unless said. A new PGlite folder is
// created by a child process (initdb), whose memory is not counted here.
//   npm run bench -- memory
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGLITE_SHARED_BUFFERS_MB } from '../sync-server/src/store/pglite-database';
import { makeFile } from '../sync-server/src/test-support/fixtures';
import { startServer } from '../sync-server/src/test-support/server-process';
import { benchDatabaseUrl, withBenchSchema } from './pg-schema';
import { type Figure, report, round } from './report';

const TYPES = 1_000;
const EVENTS = 50;
const SETTLE_MS = 3_000;
const LONG_IDLE_MS = 30_000;
const TARGET_MB = 300;
// A first start creates the database (initdb): slow on a busy machine, and not what is measured.
const START_MS = 180_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS and VmHWM of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: round(kb('VmRSS') / 1024), peak: round(kb('VmHWM') / 1024) };
}

async function measure(label: string, env: Record<string, string>, baseline?: Figure[]) {
  const figures: Figure[] = [];
  const add = (what: string, value: number, target = false) => {
    const before = baseline?.find((f) => f.name.endsWith(`: ${what}`));
    figures.push({
      name: `${label}: ${what}`,
      value,
      unit: 'MB',
      ...(before ? { baseline: { name: before.name, value: before.value } } : {}),
      ...(target ? { target: `< ${TARGET_MB} MB`, met: value < TARGET_MB } : {}),
    });
  };
  const settings = { ...env, LOG_LEVEL: 'error', RATE_LIMIT_MAX: '0' };
  let server = await startServer(settings, START_MS);
  const pid = server.child.pid as number;
  await sleep(SETTLE_MS);
  const first = memoryOf(pid);
  add('RSS idle after the first start', first.rss, label.startsWith('pglite'));
  add('peak RSS during the first start', first.peak);

  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(makeFile(TYPES, EVENTS, 'Memory')),
  });
  if (res.status !== 200) throw new Error(`import failed: ${await res.text()}`);
  const importMs = performance.now() - started;
  await sleep(SETTLE_MS);
  add(`RSS 3 s after importing ${TYPES} x ${EVENTS}`, memoryOf(pid).rss);
  // V8 gives back the heap a large import grew only once the process stays idle a while.
  await sleep(LONG_IDLE_MS - SETTLE_MS);
  add(
    `RSS idle 30 s after importing ${TYPES} x ${EVENTS}`,
    memoryOf(pid).rss,
    label.startsWith('pglite'),
  );
  figures.push({
    name: `${label}: import ${TYPES} x ${EVENTS}`,
    value: round(importMs),
    unit: 'ms',
  });

  server.child.kill('SIGTERM');
  await server.exited;
  server = await startServer(settings, START_MS);
  await sleep(SETTLE_MS);
  add('RSS idle after a restart on that data', memoryOf(server.child.pid as number).rss);
  server.child.kill('SIGTERM');
  await server.exited;
  return figures;
}

const figures: Figure[] = [];
for (const [label, mb] of [
  ['pglite, 128 MB shared buffers', 128],
  [`pglite, ${PGLITE_SHARED_BUFFERS_MB} MB shared buffers (default)`, PGLITE_SHARED_BUFFERS_MB],
] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'mpt-bench-memory-'));
  try {
    const before = figures.length > 0 ? [...figures] : undefined;
    figures.push(
      ...(await measure(label, { DATA_DIR: dir, PGLITE_SHARED_BUFFERS_MB: String(mb) }, before)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (benchDatabaseUrl) {
  const measured = await withBenchSchema(benchDatabaseUrl, (url) =>
    measure('postgres (server process)', { DATABASE_URL: url }),
  );
  figures.push(...measured);
} else {
  console.warn('skipped: PostgreSQL figures (set TEST_DATABASE_URL or BENCH_DATABASE_URL)');
}
report('server-memory', figures, { types: TYPES, events_per_type: EVENTS, settle_ms: SETTLE_MS });
