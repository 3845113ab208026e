import { expect, it } from 'vitest';
import { Metrics } from './metrics';

it('exposes the same counters as before, one registry per instance', async () => {
  const metrics = new Metrics();
  metrics.observeRequest('GET', '/api/v1/types', 200, 0.02);
  metrics.observeRequest('GET', '/api/v1/types', 200, 3);
  metrics.countImport('ok', 3);
  metrics.countImport('ERR_IMPORT_INVALID');
  metrics.countPush('replayed', 1);
  const { text, contentType } = await metrics.render();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  for (const line of [
    'mpt_http_requests_total{method="GET",route="/api/v1/types",status="200"} 2',
    'mpt_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/api/v1/types"} 1',
    'mpt_http_request_duration_seconds_bucket{le="5",method="GET",route="/api/v1/types"} 2',
    'mpt_http_request_duration_seconds_count{method="GET",route="/api/v1/types"} 2',
    'mpt_imports_total{outcome="ok"} 1',
    'mpt_imports_total{outcome="ERR_IMPORT_INVALID"} 1',
    'mpt_sync_pushes_total{outcome="replayed"} 1',
    'mpt_conflicts_total 4',
  ]) {
    expect(text.split('\n')).toContain(line);
  }
  // Another instance starts from zero.
  expect((await new Metrics().render()).text).not.toContain('mpt_conflicts_total 4');
});
