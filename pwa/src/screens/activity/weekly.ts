import { MINUTE_MS } from '../../db/finished-tally';

/** Local midnight of the Monday of the week containing `date`. */
export function weekStart(date: Date): Date {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const back = (d.getDay() + 6) % 7; // Monday = 0
  d.setDate(d.getDate() - back);
  return d;
}

/**
 * Models finished per week for the last `weeks` weeks (oldest first, this week last),
 * from [minute, models] pairs (the Activity index, db/activity-index.ts). Each minute
 * counts in its own week only; a minute after `now` (a device whose clock ran ahead)
 * counts in no week, neither this one nor a later one, until its time comes (SPEC §8).
 */
export function finishedPerWeek(
  finished: Iterable<readonly [minute: number, models: number]>,
  now: Date,
  weeks = 12,
): { start: Date; count: number }[] {
  const current = weekStart(now);
  const starts: Date[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const d = new Date(current);
    d.setDate(d.getDate() - 7 * i);
    starts.push(d);
  }
  const counts = starts.map(() => 0);
  const first = starts[0]!.getTime();
  const last = now.getTime();
  for (const [minute, models] of finished) {
    const at = minute * MINUTE_MS;
    if (at < first || at > last) continue;
    let i = starts.length - 1;
    while (i > 0 && starts[i]!.getTime() > at) i--;
    counts[i]! += models;
  }
  return starts.map((start, i) => ({ start, count: counts[i]! }));
}

/** The start of the 12-week window, for the database query. */
export function windowStart(now: Date, weeks = 12): Date {
  const d = weekStart(now);
  d.setDate(d.getDate() - 7 * (weeks - 1));
  return d;
}
