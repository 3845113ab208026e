import { describe, expect, it } from 'vitest';
import { emptyState, isEmptyState } from './state';

describe('isEmptyState', () => {
  it('is true only when there is nothing a restore could put back', () => {
    expect(isEmptyState(emptyState())).toBe(true);
    const tombstone = {
      id: '7d4c5d3e-7a0b-4c55-9a55-3a1d2e6f0b11',
      deleted_at: '2026-11-01T00:00:00.000Z',
      merged_into: null,
    };
    expect(isEmptyState({ ...emptyState(), tombstones: [tombstone] })).toBe(false);
    const goal = {
      value: { metric: 'models' as const, period: 'week' as const, target: 5 },
      updated_at: '2026-11-01T00:00:00.000Z',
    };
    expect(isEmptyState({ ...emptyState(), goal })).toBe(false);
    expect(isEmptyState({ ...emptyState(), extra: { theme: 'dark' } })).toBe(false);
  });
});
