const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(
      ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');

/** The counters /metrics exposes, in Prometheus text format. Labels are route patterns, never raw paths. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly pushes = new Map<string, number>();
  private readonly imports = new Map<string, number>();
  private conflicts = 0;

  /** One finished HTTP request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = labelText({ method, route, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hKey = labelText({ method, route });
    let h = this.durations.get(hKey);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hKey, h);
    }
    for (const [i, le] of BUCKETS.entries()) if (seconds <= le) h.counts[i]! += 1;
    h.sum += seconds;
    h.count += 1;
  }

  /** One sync push: outcome is ok, replayed or a failure code. */
  countPush(outcome: string, conflicts = 0): void {
    this.pushes.set(outcome, (this.pushes.get(outcome) ?? 0) + 1);
    this.conflicts += conflicts;
  }

  /** One import: outcome is ok, dry_run or a failure code. */
  countImport(outcome: string, conflicts = 0): void {
    this.imports.set(outcome, (this.imports.get(outcome) ?? 0) + 1);
    this.conflicts += conflicts;
  }

  /** The exposition text. */
  render(): string {
    const out: string[] = [];
    out.push('# HELP mpt_http_requests_total HTTP requests by route pattern and status.');
    out.push('# TYPE mpt_http_requests_total counter');
    for (const [k, v] of this.requests) out.push(`mpt_http_requests_total{${k}} ${v}`);
    out.push('# HELP mpt_http_request_duration_seconds Request latency.');
    out.push('# TYPE mpt_http_request_duration_seconds histogram');
    for (const [k, h] of this.durations) {
      for (const [i, le] of BUCKETS.entries()) {
        out.push(`mpt_http_request_duration_seconds_bucket{${k},le="${le}"} ${h.counts[i]}`);
      }
      out.push(`mpt_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      out.push(`mpt_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      out.push(`mpt_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    const counter = (name: string, help: string, values: Map<string, number>) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [outcome, v] of values) out.push(`${name}{${labelText({ outcome })}} ${v}`);
    };
    counter('mpt_sync_pushes_total', 'Sync pushes by outcome.', this.pushes);
    counter('mpt_imports_total', 'Imports by outcome.', this.imports);
    out.push('# HELP mpt_conflicts_total Events set aside by merges (pushes and imports).');
    out.push('# TYPE mpt_conflicts_total counter', `mpt_conflicts_total ${this.conflicts}`);
    return `${out.join('\n')}\n`;
  }
}
