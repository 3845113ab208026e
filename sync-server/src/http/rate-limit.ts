import { DomainError } from '@mpt/shared';
import type { Context, MiddlewareHandler } from 'hono';

export interface RateLimitOptions {
  /** Requests allowed per client per window; 0 turns the limit off. */
  max: number;
  windowMs: number;
  /** Who the client is (its IP address behind node-server). */
  clientKey: (c: Context) => string;
  now?: () => number;
}

/**
 * A token bucket per client, in memory (one process serves one household): up to
 * `max` requests at once, refilled at max per window. Generous by default so a
 * normal app never meets it; it only stops floods and runaway loops.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { max, windowMs, clientKey } = options;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = max / windowMs;
  return async (c, next) => {
    if (max <= 0) return next();
    const t = now();
    const key = clientKey(c);
    const b = buckets.get(key) ?? { tokens: max, at: t };
    b.tokens = Math.min(max, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(key, b);
    if (buckets.size > 10_000) {
      // Forget full buckets so many clients cannot grow the map without bound.
      for (const [k, v] of buckets) if (v.tokens + (t - v.at) * perMs >= max) buckets.delete(k);
    }
    if (b.tokens < 1) {
      const retry = Math.ceil((1 - b.tokens) / perMs / 1000);
      c.header('Retry-After', String(retry));
      throw new DomainError('ERR_RATE_LIMITED', { retry_after_s: retry });
    }
    b.tokens -= 1;
    return next();
  };
}
