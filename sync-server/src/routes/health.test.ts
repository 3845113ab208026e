import { expect, it } from 'vitest';
import { Metrics } from '../http/metrics';
import type { Store } from '../store/store';
import { healthRoutes } from './health';

it('answers 503 ERR_STORAGE once the deadline passes when the database never answers', async () => {
  const hung = { ping: () => new Promise<void>(() => {}) } as unknown as Store;
  const app = healthRoutes(hung, new Metrics(), 50);
  const started = performance.now();
  const res = await app.request('/health');
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_STORAGE');
  expect(performance.now() - started).toBeLessThan(1_000);
});
