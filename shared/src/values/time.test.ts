import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import {
  addMs,
  checkTime,
  isCanonicalTimestamp,
  isFarAhead,
  nextEventTime,
  TIME_RANGE,
  timestampFromMs,
} from './time';

const okAt = (value: string) => ({ ok: true, value });

describe('isCanonicalTimestamp', () => {
  it('accepts the wire format inside 1970 … 2999, both ends included', () => {
    for (const t of [TIME_RANGE.min, TIME_RANGE.max, '2024-02-29T12:00:00.000Z']) {
      expect(isCanonicalTimestamp(t)).toBe(true);
    }
  });

  it('refuses other forms, impossible dates and times outside the range', () => {
    for (const t of [
      '0000-01-01T00:00:00.000Z', // issue 8, item 4
      '0010-06-15T00:00:00.000Z', // item 5: PGlite read it back as 2015-10-06
      '0049-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '3000-01-01T00:00:00.000Z',
      '+010000-01-01T00:00:00.000Z', // item 6
      '2026-02-29T00:00:00.000Z',
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00.000+00:00',
      '2026-01-01 00:00:00.000Z',
      '2026-01-01t00:00:00.000z',
    ]) {
      expect(isCanonicalTimestamp(t), t).toBe(false);
    }
  });
});

describe('timestampFromMs and checkTime', () => {
  it('give the canonical text, or ERR_TIME_OUT_OF_RANGE', () => {
    expect(timestampFromMs(0)).toEqual(okAt(TIME_RANGE.min));
    expect(checkTime(new Date(TIME_RANGE.max))).toEqual(okAt(TIME_RANGE.max));
    for (const ms of [-1, Date.parse(TIME_RANGE.max) + 1, Number.NaN, Infinity]) {
      expect(timestampFromMs(ms)).toMatchObject({ ok: false, code: 'ERR_TIME_OUT_OF_RANGE' });
    }
    expect(checkTime(new Date(Number.NaN))).toMatchObject({ code: 'ERR_TIME_OUT_OF_RANGE' });
  });
});

describe('nextEventTime', () => {
  it('is now when there is no earlier event', () => {
    expect(nextEventTime('2026-03-01T10:00:00.000Z', null)).toEqual(
      okAt('2026-03-01T10:00:00.000Z'),
    );
    expect(nextEventTime(new Date('2026-03-01T10:00:00.000Z'), null)).toEqual(
      okAt('2026-03-01T10:00:00.000Z'),
    );
  });

  it('is now when the clock moved forward', () => {
    expect(nextEventTime('2026-03-01T10:00:00.500Z', '2026-03-01T10:00:00.000Z')).toEqual(
      okAt('2026-03-01T10:00:00.500Z'),
    );
  });

  it('is last + 1 ms when now equals the last event', () => {
    expect(nextEventTime('2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z')).toEqual(
      okAt('2026-03-01T10:00:00.001Z'),
    );
  });

  it('is last + 1 ms when the clock went back', () => {
    expect(nextEventTime('2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.999Z')).toEqual(
      okAt('2026-03-01T10:00:01.000Z'),
    );
  });

  it('never leaves the accepted range (issue 8, item 6: 9999-12-31 + 1 ms)', () => {
    expect(nextEventTime('2026-03-01T09:00:00.000Z', TIME_RANGE.max)).toMatchObject({
      ok: false,
      code: 'ERR_TIME_OUT_OF_RANGE',
    });
    expect(nextEventTime('3000-01-01T00:00:00.000Z', null)).toMatchObject({
      code: 'ERR_TIME_OUT_OF_RANGE',
    });
  });
});

describe('isFarAhead', () => {
  it('is true only beyond the clock lead', () => {
    const now = '2026-03-01T10:00:00.000Z';
    const lead = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
    expect(isFarAhead(null, now)).toBe(false);
    expect(isFarAhead(lead(LIMITS.clockLeadMs), now)).toBe(false);
    expect(isFarAhead(lead(LIMITS.clockLeadMs + 1), new Date(now))).toBe(true);
  });
});

describe('addMs', () => {
  it('adds milliseconds across second, day and year boundaries', () => {
    expect(addMs('2026-12-31T23:59:59.999Z', 1)).toEqual(okAt('2027-01-01T00:00:00.000Z'));
    expect(addMs('2026-01-01T00:00:00.000Z', 300_000)).toEqual(okAt('2026-01-01T00:05:00.000Z'));
  });
});
