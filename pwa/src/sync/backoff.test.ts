import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 2 s with equal jitter and stops growing at 5 minutes', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    const schedule = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [
      backoffDelay(n, low),
      backoffDelay(n, high),
    ]);
    expect(schedule).toEqual([
      [1_000, 2_000],
      [2_000, 4_000],
      [4_000, 8_000],
      [8_000, 16_000],
      [16_000, 32_000],
      [32_000, 64_000],
      [64_000, 128_000],
      [128_000, 256_000],
      [150_000, 300_000],
      [150_000, 300_000],
    ]);
  });

  it('is deterministic for an injected random source and spreads between its bounds', () => {
    let seed = 42;
    const lcg = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const first = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, lcg));
    seed = 42;
    const second = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, lcg));
    expect(second).toEqual(first);
    expect(new Set(first.slice(9)).size).toBeGreaterThan(1);
    expect(backoffDelay(4, () => 0.5)).toBe(12_000);
  });

  it('never exceeds the cap, even for huge attempt numbers', () => {
    for (const n of [20, 50, 1_000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffDelay(n, () => 0.999_999)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
    }
    expect(backoffDelay(0, () => 0)).toBe(1_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
