import { Hono } from 'hono';
import { envelope } from '../http/errors';
import type { Metrics } from '../http/metrics';
import type { Store } from '../store/store';

/**
 * How long /health waits for the database. A frozen or unreachable database makes it
 * answer 503 within this time, under the usual 5 s of a container health check.
 */
export const HEALTH_DEADLINE_MS = 3_000;

/** Resolves as `work` does, or rejects once `ms` have passed (work keeps running). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check deadline')), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** /health (checks the database, 503 when it does not answer in time) and /metrics. */
export function healthRoutes(store: Store, metrics: Metrics, deadlineMs = HEALTH_DEADLINE_MS) {
  const app = new Hono();
  app.get('/health', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await withDeadline(store.ping(), deadlineMs);
      return c.json({ status: 'ok' }, 200);
    } catch {
      return c.json(envelope('ERR_STORAGE'), 503);
    }
  });
  app.get('/metrics', async (c) => {
    const { text, contentType } = await metrics.render();
    return c.body(text, 200, { 'Content-Type': contentType });
  });
  return app;
}
