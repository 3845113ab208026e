import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { createLogger } from './http/logger';
import { DATABASES, describeEachDatabase } from './test-support/databases';
import { makeFile } from './test-support/fixtures';
import { testConfig, useTestApp } from './test-support/test-app';

const TOKEN = 'a-long-household-token-1234';

describeEachDatabase('hardening', (kind) => {
  const t = useTestApp(kind, {
    SYNC_TOKEN: TOKEN,
    CORS_ORIGINS: ['https://tracker.example'],
    IMPORT_MAX_BYTES: 64 * 1024,
    BODY_MAX_BYTES: 2 * 1024,
  });
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('requires the bearer token on the API when SYNC_TOKEN is set', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const res = await t.call('GET', '/api/v1/types', undefined, headers);
      expect([res.status, res.body.error.code]).toEqual([401, 'ERR_UNAUTHORIZED']);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const push = await t.call('POST', '/api/v1/sync', '{}', { 'idempotency-key': 'k1' });
    expect(push.status).toBe(401);
    expect((await t.call('GET', '/api/v1/types', undefined, auth)).status).toBe(200);
    // Public: the health check, metrics and the API description hold no data.
    expect((await t.call('GET', '/health')).status).toBe(200);
    expect((await t.call('GET', '/api/v1/openapi.json')).status).toBe(200);
  });

  it('allows CORS only for listed origins', async () => {
    const preflight = (origin: string) =>
      t.app.request('/api/v1/sync', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, idempotency-key, content-type',
        },
      });
    const good = await preflight('https://tracker.example');
    expect(good.headers.get('access-control-allow-origin')).toBe('https://tracker.example');
    expect(good.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'idempotency-key',
    );
    const bad = await preflight('https://evil.example');
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    const get = await t.app.request('/api/v1/types', {
      headers: { origin: 'https://evil.example', ...auth },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an app at an unlisted origin see that /health answers, and nothing more', async () => {
    // The PWA's no-cors probe: an opaque answer needs CORP to allow other origins.
    const health = await t.app.request('/health', { headers: { origin: 'https://evil.example' } });
    expect(health.status).toBe(200);
    expect(health.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    // Everything else stays same-origin.
    for (const path of ['/metrics', '/api/v1/sync/revisions', '/']) {
      const res = await t.app.request(path, { headers: { origin: 'https://evil.example' } });
      expect([path, res.headers.get('cross-origin-resource-policy')]).toEqual([
        path,
        'same-origin',
      ]);
    }
  });

  it('refuses oversize bodies with 413 in the envelope', async () => {
    const big = JSON.stringify(makeFile(200, 5, 'Big'));
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await t.call('POST', '/api/v1/import', big, auth);
    expect([res.status, res.body.error.code]).toEqual([413, 'ERR_PAYLOAD_TOO_LARGE']);
    const sync = await t.call('POST', '/api/v1/sync', `{"snapshot":${big}}`, {
      ...auth,
      'idempotency-key': 'big-1',
    });
    expect(sync.status).toBe(413);
    const name = await t.call('POST', '/api/v1/types', { name: 'x'.repeat(3000) }, auth);
    expect([name.status, name.body.error.code]).toEqual([413, 'ERR_PAYLOAD_TOO_LARGE']);
    expect((await t.call('GET', '/api/v1/export', undefined, auth)).body.types).toEqual([]);
  });

  it('renders unknown routes, unknown methods and malformed JSON in the envelope', async () => {
    const unknown = await t.call('GET', '/api/v1/nothing-here', undefined, auth);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ERR_NOT_FOUND']);
    const method = await t.call('PUT', '/api/v1/types', {}, auth);
    expect(method.body.error.code).toBe('ERR_NOT_FOUND');
    const other = await t.call('GET', '/api/v2/types', undefined, auth);
    expect([other.status, other.body.error.code]).toEqual([404, 'ERR_NOT_FOUND']);
    const bad = await t.call('POST', '/api/v1/types', '{"name": "x",', auth);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
  });

  it('sends security headers and serves the API description and docs page', async () => {
    const res = await t.call('GET', '/api/v1/openapi.json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.body.servers).toEqual([{ url: '/api/v1' }]);
    const paths = Object.keys(res.body.paths).map((p) => `/api/v1${p}`);
    for (const p of [
      '/api/v1/types',
      '/api/v1/types/{id}',
      '/api/v1/types/{id}/add',
      '/api/v1/types/{id}/remove',
      '/api/v1/types/{id}/move',
      '/api/v1/types/{id}/history',
      '/api/v1/export',
      '/api/v1/import',
      '/api/v1/sync',
      '/api/v1/sync/revisions',
      '/api/v1/sync/revisions/{rev}',
    ]) {
      expect(paths).toContain(p);
    }
    const docs = await t.app.request('/api/v1/docs');
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('openapi.json');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    expect((await t.app.request('/api/v1/docs/app.js')).status).toBe(200);
  });

  it('exposes Prometheus metrics by route pattern', async () => {
    const text = await (await t.app.request('/metrics')).text();
    expect(text).toContain('# TYPE mpt_http_requests_total counter');
    expect(text).toMatch(
      /mpt_http_requests_total\{method="GET",route="\/api\/v1\/types",status="401"\} \d+/,
    );
    expect(text).toContain('mpt_http_request_duration_seconds_bucket');
    expect(text).toContain('mpt_imports_total');
    expect(text).toContain('mpt_sync_pushes_total');
    expect(text).toContain('mpt_conflicts_total');
    // Node's default process metrics (prom-client): memory, heap, event loop, GC, handles.
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_active_handles_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});

describeEachDatabase('rate limit and health', (kind) => {
  const t = useTestApp(kind, { RATE_LIMIT_MAX: 30, RATE_LIMIT_WINDOW_MS: 60_000 });

  it('answers a flood with 429 in the envelope and Retry-After', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => t.call('GET', '/api/v1/types')),
    );
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBe(10);
    expect(limited[0]!.body.error.code).toBe('ERR_RATE_LIMITED');
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.call('GET', '/health')).status).toBe(200); // not rate limited
  });

  it('health is 503 when the database is down', async () => {
    expect((await t.call('GET', '/health')).body).toEqual({ status: 'ok' });
    await t.db.close();
    const res = await t.call('GET', '/health');
    expect([res.status, res.body.error.code]).toEqual([503, 'ERR_STORAGE']);
  });
});

describeEachDatabase('database down', (kind) => {
  const t = useTestApp(kind);

  it('API calls answer 503 ERR_STORAGE in the envelope', async () => {
    expect((await t.call('GET', '/api/v1/types')).status).toBe(200);
    await t.db.close();
    const api = await t.call('GET', '/api/v1/types');
    expect([api.status, api.body.error.code]).toEqual([503, 'ERR_STORAGE']);
    const push = await t.call('POST', '/api/v1/types', { name: 'Lost' });
    expect(push.status).toBe(503);
  });
});

describe('static PWA', () => {
  const dist = mkdtempSync(join(tmpdir(), 'mpt-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.x=1');
  writeFileSync(join(dist, 'assets', 'index-AbC123xy.js'), 'console.log(1)');
  const store = {} as never; // static files never reach the store
  const logger = createLogger('silent');
  const app = createApp({ store, logger, config: testConfig({ STATIC_DIR: dist }) });

  it('caches hashed assets for ever and revalidates index.html and sw.js', async () => {
    const asset = await app.request('/assets/index-AbC123xy.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/sw.js']) {
      const res = await app.request(path);
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
    }
  });

  it('falls back to index.html for app routes, 404 envelope for missing files', async () => {
    const route = await app.request('/types/123');
    expect(await route.text()).toContain('<title>app</title>');
    const missing = await app.request('/assets/missing-123.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'ERR_NOT_FOUND',
    );
  });

  it('explains how to build the app when pwa/dist is missing', async () => {
    const bare = createApp({
      store,
      logger,
      config: testConfig({ STATIC_DIR: join(dist, 'none') }),
    });
    const res = await bare.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build -w pwa');
  });
});

it('runs the suites on every available database', () => {
  expect(DATABASES.filter((d) => d.available).map((d) => d.name)).toContain('pglite');
});
