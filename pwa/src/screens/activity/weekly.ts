import type { HistoryEvent } from '@mpt/shared';

/** Local midnight of the Monday of the week containing `date`. */
export function weekStart(date: Date): Date {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const back = (d.getDay() + 6) % 7; // Monday = 0
  d.setDate(d.getDate() - back);
  return d;
}

/**
 * Models finished per week for the last `weeks` weeks (oldest first, this week last):
 * the qty of every event whose to_stage is DONE — moved there or added as done.
 */
export function finishedPerWeek(
  events: readonly Pick<HistoryEvent, 'to_stage' | 'qty' | 'created_at'>[],
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
  for (const e of events) {
    if (e.to_stage !== 'DONE') continue;
    const at = Date.parse(e.created_at);
    if (at < first) continue;
    let i = starts.length - 1;
    while (i > 0 && starts[i]!.getTime() > at) i--;
    counts[i]! += e.qty;
  }
  return starts.map((start, i) => ({ start, count: counts[i]! }));
}

/** The start of the 12-week window, for the database query. */
export function windowStart(now: Date, weeks = 12): Date {
  const d = weekStart(now);
  d.setDate(d.getDate() - 7 * (weeks - 1));
  return d;
}
