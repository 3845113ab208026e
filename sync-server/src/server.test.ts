import http from 'node:http';
import net from 'node:net';
import { type DataFile, emptyState, planImport, readDataFile, stateToDataFile } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from './test-support/databases';
import { makeFile, makeState } from './test-support/fixtures';
import {
  fetchExport,
  normalizeExport,
  startServer,
  stateOfExport,
  useServerEnv,
} from './test-support/server-process';

/** One request on its own connection (no keep-alive pool): status, or the socket error. */
const rawGet = (url: string) =>
  new Promise<string>((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

const exportOf = async (url: string) => normalizeExport(await fetchExport(url));

describeEachDatabase('server process', (kind) => {
  const env = useServerEnv(kind, 'mpt-kill-');

  it('SIGKILL during a large import leaves exactly the state before or after (5 runs)', async () => {
    let server = await startServer(env());
    // A warm-up import of the same size tells how long one takes on this machine, so
    // the kills can land across the whole request: upload, validation, merge, commit.
    const started = performance.now();
    const warm = await fetch(`${server.url}/api/v1/import`, {
      method: 'POST',
      body: JSON.stringify(makeFile(600, 10, 'Warm')),
    });
    expect(warm.status).toBe(200);
    const took = performance.now() - started;
    let current = stateOfExport(await fetchExport(server.url));
    let before = await exportOf(server.url);
    const outcomes: string[] = [];
    for (let run = 0; run < 5; run++) {
      const file = makeFile(600, 10, `Kill ${run}`);
      const after = normalizeExport(
        stateToDataFile(
          planImport(current, stateOfExport(file), false).state,
          '2026-01-01T00:00:00.000Z',
        ),
      );
      const request = fetch(`${server.url}/api/v1/import`, {
        method: 'POST',
        body: JSON.stringify(file),
      }).catch(() => null);
      // Kill at a different moment each run: while the body uploads or the merge writes.
      await new Promise((r) => setTimeout(r, took * (0.3 + run * 0.4)));
      server.child.kill('SIGKILL');
      await server.exited;
      await request;
      server = await startServer(env());
      const raw = await fetchExport(server.url);
      const now = normalizeExport(raw);
      const outcome = now === before ? 'before' : now === after ? 'after' : 'neither';
      outcomes.push(outcome);
      expect(outcome, `run ${run}`).not.toBe('neither');
      before = now;
      current = stateOfExport(raw);
    }
    console.info(
      `[${kind.name}] import takes ${Math.round(took)} ms; SIGKILL outcomes: ${outcomes.join(', ')}`,
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('SIGTERM lets running requests finish, then exits cleanly', async () => {
    const server = await startServer(env());
    const file = makeFile(300, 10, 'Term');
    const running = fetch(`${server.url}/api/v1/import`, {
      method: 'POST',
      body: JSON.stringify(file),
    });
    await new Promise((r) => setTimeout(r, 100));
    server.child.kill('SIGTERM');
    const res = await running;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { types_created: number }).types_created).toBe(300);
    expect(await server.exited).toBe(0);
    // The import committed before the process left.
    const again = await startServer(env());
    const exported = JSON.parse(await exportOf(again.url)) as DataFile;
    expect(exported.types.filter((t) => t.name.startsWith('Term ')).length).toBe(300);
    again.child.kill('SIGTERM');
    await again.exited;
  }, 60_000);

  it('SIGTERM with requests waiting in the listen backlog: every one is answered, then exit 0', async () => {
    const server = await startServer({ ...env(), SHUTDOWN_TIMEOUT_MS: '30000' });
    // Connections that ask nothing (a browser's preconnect, a kept-alive one between
    // requests) must not hold the shutdown until its bound.
    const silent = Array.from({ length: 3 }, () => net.connect(Number(new URL(server.url).port)));
    const keptAlive = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get(`${server.url}/health`, { agent: keptAlive }, (res) =>
        res.resume().on('end', resolve),
      ),
    );
    // A stopped process accepts nothing: the connections and requests below wait in the
    // kernel, as they do when SIGTERM lands while the event loop is busy.
    server.child.kill('SIGSTOP');
    const answers = Array.from({ length: 40 }, () => rawGet(`${server.url}/api/v1/types?limit=1`));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    server.child.kill('SIGCONT');
    const statuses = await Promise.all(answers);
    expect(statuses.filter((s) => s !== '200')).toEqual([]);
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toContain('shutdown timeout');
    for (const socket of silent) socket.destroy();
    keptAlive.destroy();
  }, 60_000);
});

it('fixtures are valid files', () => {
  expect(readDataFile(makeFile(3, 4)).ok).toBe(true);
  expect(planImport(emptyState(), makeState(2, 2), true).report.types_created).toBe(2);
});
