/** How the pile of unfinished models changed over a period: bought minus finished. */
export interface PileBalance {
  bought: number;
  finished: number;
  /** bought − finished: below 0 the pile shrank, above 0 it grew. */
  change: number;
}

/**
 * The pile balance of a period (SPEC §9 Activity, docs/pwa.md): models (or points)
 * bought into the pile — every add, an undone one not — against those finished, net
 * of reworks. A removal is neither, so it does not move the balance.
 */
export function pileBalance(bought: number, finished: number): PileBalance {
  return { bought, finished, change: bought - finished };
}

/** A forecast's duration in one unit, for "done in about 7 months". */
export interface Forecast {
  unit: 'day' | 'week' | 'month' | 'year';
  count: number;
}

const DAY_MS = 86_400_000;

/** How many weeks the pace looks back over, and how many must have finished something. */
export const PACE_WEEKS = 12;
export const PACE_MIN_WEEKS = 2;

/**
 * The recent pace, per day: what was finished from the first of the last PACE_WEEKS
 * weeks that finished anything up to now (`weekly`: net finished per week, oldest
 * first, this week last and running until `elapsedMs` into it) — someone who started
 * three weeks ago is not judged over twelve. Null when there is not enough to go on:
 * fewer than PACE_MIN_WEEKS weeks that finished anything, or nothing net of reworks.
 */
export function recentPace(weekly: readonly number[], elapsedMs: number): number | null {
  const window = weekly.slice(-PACE_WEEKS);
  if (window.filter((n) => n > 0).length < PACE_MIN_WEEKS) return null;
  const recent = window.slice(window.findIndex((n) => n !== 0));
  const total = recent.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const days = (recent.length - 1) * 7 + Math.max(elapsedMs, 0) / DAY_MS;
  return days > 0 ? total / days : null;
}

/**
 * How long `remaining` models (or points) take at `perDay`, in the unit a person would
 * say it in: days under two weeks, weeks up to eight, months up to 23,
 * then years; rounded, at least 1. Null when there is nothing left or no pace (say
 * nothing rather than guess).
 */
export function forecast(remaining: number, perDay: number | null): Forecast | null {
  if (remaining <= 0 || perDay === null || !(perDay > 0)) return null;
  const days = remaining / perDay;
  const round = (n: number) => Math.max(1, Math.round(n));
  if (days < 14) return { unit: 'day', count: round(Math.ceil(days)) };
  // Each unit ends where the next one's rounding says at least as long: up to 8 weeks,
  // then from 2 months; up to 23 months, then from 2 years.
  if (days < 59.5) return { unit: 'week', count: round(days / 7) };
  if (days < 715) return { unit: 'month', count: round(days / 30.44) };
  return { unit: 'year', count: round(days / 365.25) };
}
