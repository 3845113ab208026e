import { describe, expect, it } from 'vitest';
import { finishedPerWeek, weekStart, windowStart } from './weekly';

describe('finishedPerWeek', () => {
  it('buckets models reaching DONE into the last 12 Monday weeks', () => {
    const now = new Date(2026, 10, 25, 12); // Wednesday 25 Nov 2026
    expect(weekStart(now)).toEqual(new Date(2026, 10, 23));
    const at = (d: Date) => d.toISOString();
    const weeks = finishedPerWeek(
      [
        { to_stage: 'DONE', qty: 2, created_at: at(new Date(2026, 10, 23, 9)) },
        { to_stage: 'DONE', qty: 3, created_at: at(new Date(2026, 10, 22, 23)) },
        { to_stage: 'PAINTING', qty: 7, created_at: at(new Date(2026, 10, 24)) },
        { to_stage: 'DONE', qty: 1, created_at: at(new Date(2026, 8, 7, 1)) },
        { to_stage: 'DONE', qty: 9, created_at: at(new Date(2026, 8, 6, 1)) },
      ],
      now,
    );
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)!.count).toBe(2);
    expect(weeks.at(-2)!.count).toBe(3);
    expect(weeks[0]).toEqual({ start: new Date(2026, 8, 7), count: 1 });
    expect(windowStart(now)).toEqual(new Date(2026, 8, 7));
  });
});
