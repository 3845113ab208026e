/** Shape of the retry schedule after failed syncs. */
export interface BackoffOptions {
  /** Delay ceiling before the first retry, in ms. */
  baseMs: number;
  /** No retry waits longer than this (SPEC §6 / issue #5: 5 minutes). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 5 * 60_000 };

/**
 * The wait before retry number `attempt` (1 = the first retry): exponential growth
 * capped at `capMs`, with "equal jitter" — half of the step is fixed, half is random —
 * so devices that failed together (the server restarted) do not retry in lockstep,
 * yet no retry comes immediately. `random` returns [0, 1); inject it to make the
 * schedule deterministic in tests.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 30 already exceeds any sane cap; clamping keeps the arithmetic finite.
  const step = Math.min(options.capMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const half = step / 2;
  return Math.round(half + random() * half);
}

/**
 * Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`,
 * or null when it is absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
