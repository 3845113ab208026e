import { randomUUID } from 'node:crypto';
import { type DataFile, planImport, stateToDataFile, type TrackerState } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './test-support/databases';
import { makeState } from './test-support/fixtures';
import {
  fetchExport,
  normalizeExport,
  startServer,
  stateOfExport,
  useServerEnv,
} from './test-support/server-process';

/** A delta push of a whole new device's data: the largest push there is. */
const pushChanges = (url: string, state: TrackerState) =>
  fetch(`${url}/api/v1/sync/changes`, {
    method: 'POST',
    headers: { 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ since: null, changes: stateToDataFile(state, new Date()) }),
  });

describeEachDatabase('delta push killed mid-way', (kind) => {
  const env = useServerEnv(kind, 'mpt-kill-changes-');

  it('SIGKILL during a large delta push leaves exactly the state before or after it (5 runs)', async () => {
    let server = await startServer(env());
    // A warm-up push of the same size tells how long one takes on this machine, so the
    // kills land across the whole request: upload, reading, merge, writes, commit.
    const started = performance.now();
    const warm = await pushChanges(server.url, makeState(600, 10, 'Warm'));
    expect(warm.status).toBe(200);
    const took = performance.now() - started;
    let current = stateOfExport(await fetchExport(server.url));
    let before = normalizeExport(await fetchExport(server.url));
    const outcomes: string[] = [];
    for (let run = 0; run < 5; run++) {
      const pushed = makeState(600, 10, `Kill ${run}`);
      const after = normalizeExport(
        stateToDataFile(planImport(current, pushed, false).state, '2026-01-01T00:00:00.000Z'),
      );
      const request = pushChanges(server.url, pushed).catch(() => null);
      await new Promise((r) => setTimeout(r, took * (0.3 + run * 0.7)));
      server.child.kill('SIGKILL');
      await server.exited;
      await request;
      server = await startServer(env());
      const raw = await fetchExport(server.url);
      const now = normalizeExport(raw);
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
      expect(normalizeExport({ ...(head as { changes: DataFile }).changes })).toBe(now);
      before = now;
      current = stateOfExport(raw);
    }
    console.info(
      `[${kind.name}] delta push takes ${Math.round(took)} ms; SIGKILL outcomes: ${outcomes.join(', ')}`,
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
