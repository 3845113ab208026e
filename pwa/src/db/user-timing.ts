/**
 * Runs `step` under a User Timing measure named `name` (e.g. `mpt-sync:merge:read`), so
 * DevTools' Performance panel and the benchmarks (bench/sync-delta.bench.ts) see where
 * the time goes. Returns what `step` returns; rethrows what it throws.
 */
export async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    performance.measure?.(name, { start, end: performance.now() });
  }
}
