import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DataFile,
  planImport,
  readDataFile,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, type OpenedDatabase } from './test-support/databases';
import { makeState } from './test-support/fixtures';
import { killStartedServers, startServer } from './test-support/server-process';

const normalize = (file: DataFile) => JSON.stringify({ ...file, exported_at: '' });
const fetchExport = async (url: string) =>
  (await (await fetch(`${url}/api/v1/export`)).json()) as DataFile;
const asState = (file: DataFile): TrackerState => {
  const r = readDataFile(file);
  if (!r.ok) throw new Error(r.code);
  return r.value;
};
/** A delta push of a whole new device's data: the largest push there is. */
const pushChanges = (url: string, state: TrackerState) =>
  fetch(`${url}/api/v1/sync/changes`, {
    method: 'POST',
    headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ since: null, changes: stateToDataFile(state, new Date()) }),
  });

describeEachDatabase('delta push killed mid-way', (kind) => {
  let env: Record<string, string>;
  let opened: OpenedDatabase | null = null;
  let dir: string;
  beforeAll(async () => {
    if (kind.name === 'postgres') {
      opened = await kind.open();
      env = { DATABASE_URL: opened.url! };
    } else {
      dir = mkdtempSync(join(tmpdir(), 'mpt-kill-changes-'));
      env = { DATA_DIR: dir };
    }
  });
  afterAll(async () => {
    killStartedServers();
    await opened?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL during a large delta push leaves exactly the state before or after it (5 runs)', async () => {
    let server = await startServer(env);
    // A warm-up push of the same size tells how long one takes on this machine, so the
    // kills land across the whole request: upload, reading, merge, writes, commit.
    const started = performance.now();
    const warm = await pushChanges(server.url, makeState(600, 10, 'Warm'));
    expect(warm.status).toBe(200);
    const took = performance.now() - started;
    let current = asState(await fetchExport(server.url));
    let before = normalize(await fetchExport(server.url));
    const outcomes: string[] = [];
    for (let run = 0; run < 5; run++) {
      const pushed = makeState(600, 10, `Kill ${run}`);
      const after = normalize(
        stateToDataFile(planImport(current, pushed, false).state, '2026-01-01T00:00:00.000Z'),
      );
      const request = pushChanges(server.url, pushed).catch(() => null);
      await new Promise((r) => setTimeout(r, took * (0.3 + run * 0.7)));
      server.child.kill('SIGKILL');
      await server.exited;
      await request;
      server = await startServer(env);
      const raw = await fetchExport(server.url);
      const now = normalize(raw);
      const outcome = now === before ? 'before' : now === after ? 'after' : 'neither';
      outcomes.push(outcome);
      expect(outcome, `run ${run}`).not.toBe('neither');
      // The change numbers and their log moved with the data, or not at all.
      const head = await (
        await fetch(`${server.url}/api/v1/sync/changes`, {
          method: 'POST',
          headers: { 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({
            since: null,
            changes: stateToDataFile({ types: [], events: [], tombstones: [] }, new Date()),
          }),
        })
      ).json();
      expect(normalize({ ...(head as { changes: DataFile }).changes })).toBe(now);
      before = now;
      current = asState(raw);
    }
    console.info(
      `[${kind.name}] delta push takes ${Math.round(took)} ms; SIGKILL outcomes: ${outcomes.join(', ')}`,
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
