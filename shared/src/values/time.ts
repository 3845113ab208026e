import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';

/**
 * The accepted range of every stored time (SPEC §8), inclusive, in the wire format.
 * Both ends are four-digit years, so canonical timestamps also sort as text.
 */
export const TIME_RANGE = {
  min: '1970-01-01T00:00:00.000Z',
  max: '2999-12-31T23:59:59.999Z',
} as const;

const MIN_MS = Date.parse(TIME_RANGE.min);
const MAX_MS = Date.parse(TIME_RANGE.max);
const WIRE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True for a timestamp in the one canonical form (SPEC §8): ISO 8601 UTC with
 * milliseconds, `YYYY-MM-DDTHH:mm:ss.sssZ`, a real calendar date, inside TIME_RANGE.
 */
export function isCanonicalTimestamp(value: string): boolean {
  if (!WIRE.test(value)) return false;
  const ms = Date.parse(value);
  return ms >= MIN_MS && ms <= MAX_MS && new Date(ms).toISOString() === value;
}

/**
 * Milliseconds since the epoch → the canonical timestamp, or ERR_TIME_OUT_OF_RANGE
 * (details: `time` as given, `min`, `max`) outside TIME_RANGE.
 */
export function timestampFromMs(ms: number): Result<string> {
  if (!(ms >= MIN_MS && ms <= MAX_MS)) {
    return fail('ERR_TIME_OUT_OF_RANGE', {
      time: Number.isFinite(ms) ? ms : String(ms),
      min: TIME_RANGE.min,
      max: TIME_RANGE.max,
    });
  }
  return ok(new Date(ms).toISOString());
}

/** A Date or timestamp → the canonical timestamp, or ERR_TIME_OUT_OF_RANGE (a wild clock). */
export function checkTime(now: Date | string): Result<string> {
  return timestampFromMs(typeof now === 'string' ? Date.parse(now) : now.getTime());
}

/** Adds milliseconds to a canonical timestamp; ERR_TIME_OUT_OF_RANGE past TIME_RANGE. */
export function addMs(iso: string, ms: number): Result<string> {
  return timestampFromMs(Date.parse(iso) + ms);
}

/**
 * True when `lastEventAt` lies further ahead of `now` than a clock can drift
 * (LIMITS.clockLeadMs): the event came from a device whose clock ran ahead, and a new
 * event need not wait for it (see nextEventTime). Stores then hand the planner the
 * type's whole history.
 */
export function isFarAhead(lastEventAt: string | null, now: Date | string): boolean {
  if (lastEventAt === null) return false;
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  return Date.parse(lastEventAt) > nowMs + LIMITS.clockLeadMs;
}

/**
 * The time for a new local event (SPEC §2): now, or 1 ms after the type's last event
 * when the clock has gone backwards, so local history never runs out of order. Fails
 * with ERR_TIME_OUT_OF_RANGE when that time leaves TIME_RANGE (SPEC §8).
 */
export function nextEventTime(now: Date | string, lastEventAt: string | null): Result<string> {
  const current = checkTime(now);
  if (!current.ok || lastEventAt === null || current.value > lastEventAt) return current;
  return addMs(lastEventAt, 1);
}
