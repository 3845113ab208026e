import type { TestProject } from 'vitest/node';
import './provided';
import { ensurePwaBuilt } from './build';
import { hasChromium } from './chromium';
import { startServer } from './server';

/**
 * Vitest global setup of the e2e project: builds the PWA when stale and starts one real
 * server for every suite that only needs the app served (useAppSuite without options).
 * A server start costs about 3 s of CPU, once per file before. Suites that sync keep a
 * server of their own, so their data never meets another file's. Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!hasChromium()) {
    project.provide('appServer', '');
    return async () => {};
  }
  await ensurePwaBuilt();
  const server = await startServer();
  project.provide('appServer', { url: server.url, dataDir: server.dataDir });
  return () => server.stop();
}
