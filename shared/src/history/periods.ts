/** A period Activity and the goal count in (SPEC §9 goal `period`). */
export type Period = 'week' | 'month' | 'year';

/**
 * Local midnight starting the period that contains `date`: the Monday of its week
 * (weeks start on Monday, as Activity always has), the 1st of its month, or 1 January.
 */
export function periodStart(date: Date, period: Period): Date {
  if (period === 'year') return new Date(date.getFullYear(), 0, 1);
  if (period === 'month') return new Date(date.getFullYear(), date.getMonth(), 1);
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // Monday = 0
  return d;
}

/** The start of the period `steps` periods after the one starting at `start` (negative: before). */
export function shiftPeriod(start: Date, period: Period, steps: number): Date {
  if (period === 'year') return new Date(start.getFullYear() + steps, 0, 1);
  if (period === 'month') return new Date(start.getFullYear(), start.getMonth() + steps, 1);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7 * steps);
}

/** The starts of the last `count` periods up to the one containing `now`, oldest first. */
export function periodStarts(now: Date, period: Period, count: number): Date[] {
  const current = periodStart(now, period);
  const starts: Date[] = [];
  for (let i = count - 1; i >= 0; i--) starts.push(shiftPeriod(current, period, -i));
  return starts;
}

/**
 * Sums values into periods: `starts` are the periods' first instants (ms, ascending),
 * the last period ends at `endMs` (now). A value dated before the first start or after
 * the end (a clock ahead, SPEC §8) counts in no period. Returns one sum per start;
 * together they are the sum of every value dated in [starts[0], endMs].
 */
export function sumPerPeriod<T>(
  items: Iterable<T>,
  starts: readonly number[],
  endMs: number,
  timeOf: (item: T) => number,
  amountOf: (item: T) => number,
): number[] {
  const sums = starts.map(() => 0);
  const first = starts[0];
  if (first === undefined) return sums;
  for (const item of items) {
    const at = timeOf(item);
    if (at < first || at > endMs) continue;
    const value = amountOf(item);
    if (value !== 0) sums[periodIndex(starts, at)]! += value;
  }
  return sums;
}

/**
 * The period an instant falls in: the index of the last of `starts` (ms, ascending) at
 * or before `at`; 0 for an instant before the first (callers leave those out).
 */
export function periodIndex(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
