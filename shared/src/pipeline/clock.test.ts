import { describe, expect, it } from 'vitest';
import { addMs, nextEventTime } from './clock';

describe('nextEventTime', () => {
  it('is now when there is no earlier event', () => {
    expect(nextEventTime('2026-03-01T10:00:00.000Z', null)).toBe('2026-03-01T10:00:00.000Z');
    expect(nextEventTime(new Date('2026-03-01T10:00:00.000Z'), null)).toBe(
      '2026-03-01T10:00:00.000Z',
    );
  });

  it('is now when the clock moved forward', () => {
    expect(nextEventTime('2026-03-01T10:00:00.500Z', '2026-03-01T10:00:00.000Z')).toBe(
      '2026-03-01T10:00:00.500Z',
    );
  });

  it('is last + 1 ms when now equals the last event', () => {
    expect(nextEventTime('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z')).toBe(
      '2026-03-01T10:00:00.001Z',
    );
  });

  it('is last + 1 ms when the clock went back', () => {
    expect(nextEventTime('2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.999Z')).toBe(
      '2026-03-01T10:00:01.000Z',
    );
  });
});

describe('addMs', () => {
  it('adds milliseconds across second, day and year boundaries', () => {
    expect(addMs('2026-12-31T23:59:59.999Z', 1)).toBe('2027-01-01T00:00:00.000Z');
    expect(addMs('2026-01-01T00:00:00.000Z', 300_000)).toBe('2026-01-01T00:05:00.000Z');
  });
});
