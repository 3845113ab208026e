import { Hono } from 'hono';
import { envelope } from '../http/errors';
import type { Metrics } from '../http/metrics';
import type { Store } from '../store/store';

/** /health (checks the database) and /metrics (Prometheus text). */
export function healthRoutes(store: Store, metrics: Metrics) {
  const app = new Hono();
  app.get('/health', async (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      await store.ping();
      return c.json({ status: 'ok' }, 200);
    } catch {
      return c.json(envelope('ERR_STORAGE'), 503);
    }
  });
  app.get('/metrics', (c) =>
    c.body(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }),
  );
  return app;
}
