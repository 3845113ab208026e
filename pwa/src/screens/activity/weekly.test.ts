import { describe, expect, it } from 'vitest';
import { minuteOf } from '../../db/finished-tally';
import { finishedPerWeek, weekStart, windowStart } from './weekly';

const at = (d: Date, models: number) => [minuteOf(d.toISOString()), models] as const;

describe('finishedPerWeek', () => {
  it('buckets finished models into the last 12 Monday weeks', () => {
    const now = new Date(2026, 10, 25, 12); // Wednesday 25 Nov 2026
    expect(weekStart(now)).toEqual(new Date(2026, 10, 23));
    const weeks = finishedPerWeek(
      [
        at(new Date(2026, 10, 23, 9), 2),
        at(new Date(2026, 10, 22, 23, 59), 3),
        at(new Date(2026, 8, 7, 1), 1),
        at(new Date(2026, 8, 6, 1), 9),
      ],
      now,
    );
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)!.count).toBe(2);
    expect(weeks.at(-2)!.count).toBe(3);
    expect(weeks[0]).toEqual({ start: new Date(2026, 8, 7), count: 1 });
    expect(windowStart(now)).toEqual(new Date(2026, 8, 7));
  });

  it('counts an event dated in the future in no week: not this one, not a later one', () => {
    const now = new Date(2026, 10, 25, 12);
    const weeks = finishedPerWeek(
      [
        at(new Date(2027, 5, 1, 10), 7), // a device whose clock ran ahead (SPEC §8)
        at(new Date(2026, 10, 27, 18), 4), // later this week, but after now
        at(new Date(2026, 10, 25, 11, 59), 1),
      ],
      now,
    );
    expect(weeks.map((w) => w.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // Once its time has come, it counts in its own week only.
    const june = finishedPerWeek([at(new Date(2027, 5, 1, 10), 7)], new Date(2027, 5, 9, 8));
    expect(june.map((w) => w.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0]);
  });
});
