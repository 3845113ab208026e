import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The counters /metrics exposes, on prom-client, with Node's default process metrics
 * (CPU, resident memory, heap, event-loop lag, GC, open handles and file descriptors).
 * One registry per instance, so apps built in tests never share counts. Labels are
 * route patterns, never raw paths.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'mpt_http_requests_total',
    help: 'HTTP requests by route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'mpt_http_request_duration_seconds',
    help: 'Request latency.',
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  private readonly pushes = new Counter({
    name: 'mpt_sync_pushes_total',
    help: 'Sync pushes by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly imports = new Counter({
    name: 'mpt_imports_total',
    help: 'Imports by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly conflicts = new Counter({
    name: 'mpt_conflicts_total',
    help: 'Events set aside by merges (pushes and imports).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One finished HTTP request: method, route pattern, status, duration in seconds. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.durations.observe({ method, route }, seconds);
  }

  /** One sync push: outcome is ok, replayed or a failure code. */
  countPush(outcome: string, conflicts = 0): void {
    this.pushes.inc({ outcome });
    this.conflicts.inc(conflicts);
  }

  /** One import: outcome is ok, dry_run or a failure code. */
  countImport(outcome: string, conflicts = 0): void {
    this.imports.inc({ outcome });
    this.conflicts.inc(conflicts);
  }

  /** The Prometheus text exposition, and its content type. */
  async render(): Promise<{ text: string; contentType: string }> {
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
