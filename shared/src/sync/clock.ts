import { LIMITS } from '../limits';
import { compareEvents, replay } from '../pipeline/replay';
import type { Conflict } from '../schema/api';
import type { HistoryEvent, MiniatureType } from '../schema/entities';
import type { ClockRefusal } from '../schema/sync-changes';
import type { TrackerState } from '../transfer/state';
import { isCanonicalTimestamp, TIME_RANGE } from '../values/time';

/**
 * True when a record holds a time later than `limit`: every field is looked at, so a
 * field a later format adds (a per-field `*_updated_at`) is covered without naming it.
 */
function hasTimeAfter(record: object, limit: string): boolean {
  return Object.entries(record).some(([key, value]) => isTimeAfter(key, value, limit));
}

/**
 * A field holding a time (its name ends in `_at`, as every time of SPEC §3 and §9 does)
 * later than `limit`. By name, not by look: a type named "2999-01-01T00:00:00.000Z" is
 * a name.
 */
function isTimeAfter(key: string, value: unknown, limit: string): value is string {
  return (
    key.endsWith('_at') && typeof value === 'string' && value > limit && isCanonicalTimestamp(value)
  );
}

/** How a refused type's record is dated ahead: what the list of waiting changes says. */
export interface TypeAhead {
  /** Its creation is ahead, else its name, else another field (army, game, points, …). */
  kind: 'created' | 'renamed' | 'edited';
  /** The latest of its times after the limit (ISO 8601 UTC). */
  at: string;
}

/**
 * What of a type's record is dated after `limit` (the refusal's latest_allowed, SPEC
 * §10), so a waiting type is listed as "created", "renamed" or "edited" rather than a
 * guess; null when nothing is (it no longer waits for the clock).
 */
export function typeAhead(type: MiniatureType, limit: string): TypeAhead | null {
  let at: string | null = null;
  for (const [key, value] of Object.entries(type)) {
    if (isTimeAfter(key, value, limit) && (at === null || value > at)) at = value;
  }
  if (at === null) return null;
  const kind = isTimeAfter('created_at', type.created_at, limit)
    ? 'created'
    : isTimeAfter('name_updated_at', type.name_updated_at, limit)
      ? 'renamed'
      : 'edited';
  return { kind, at };
}

/** What the server already holds of a change set (by id). */
export interface KnownRecords {
  /** Its live record of each type the changes name. */
  types: ReadonlyMap<string, MiniatureType>;
  /** Ids it holds as tombstones. */
  gone: ReadonlySet<string>;
  /** Ids of the changes' events it already holds. */
  events: ReadonlySet<string>;
}

/** The latest time a push may hold, for a server clock reading (SPEC §10). */
export const latestAllowed = (serverNow: Date): string =>
  new Date(
    Math.min(serverNow.getTime() + LIMITS.clockAheadRefusedMs, Date.parse(TIME_RANGE.max)),
  ).toISOString();

/**
 * The ids of the change set's types that hold a time more than a day after the server's
 * clock (SPEC §10): the only ones whose stored record refuseFarAhead reads from
 * `known.types`, so a store need not load the others. Usually none.
 */
export function farAheadTypeIds(changes: TrackerState, serverNow: Date): string[] {
  const limit = latestAllowed(serverNow);
  return changes.types.filter((t) => hasTimeAfter(t, limit)).map((t) => t.id);
}

/**
 * Takes out of a pushed change set what is dated more than a day after the server's
 * clock (SPEC §10), so that a device whose clock runs ahead cannot win every rename or
 * place its moves after everyone else's: a type new to the server with such a time (its
 * creation, a rename) goes with all its events; a known type's record with such a time
 * is replaced by the server's own (the rename waits), its other events still count; an
 * event new to the server with such a time waits. What the server already holds, and
 * tombstones, always pass. `known.types` needs only the types of farAheadTypeIds.
 * Returns the rest and the refusal (null when nothing waits).
 */
export function refuseFarAhead(
  changes: TrackerState,
  known: KnownRecords,
  serverNow: Date,
): { accepted: TrackerState; refusal: ClockRefusal | null } {
  const limit = latestAllowed(serverNow);
  const refusedTypes = new Set<string>();
  const newRefused = new Set<string>();
  const types: MiniatureType[] = [];
  for (const t of changes.types) {
    if (known.gone.has(t.id) || !hasTimeAfter(t, limit)) {
      types.push(t);
      continue;
    }
    refusedTypes.add(t.id);
    const held = known.types.get(t.id);
    if (held) types.push({ ...held });
    else newRefused.add(t.id);
  }
  const refusedEvents: string[] = [];
  const events: HistoryEvent[] = [];
  for (const e of changes.events) {
    const late = newRefused.has(e.type_id) || (!known.events.has(e.id) && hasTimeAfter(e, limit));
    if (late) refusedEvents.push(e.id);
    else events.push(e);
  }
  // A goal set far ahead would win every later setting: it waits like a rename.
  const goalLate = changes.goal !== undefined && changes.goal.updated_at > limit;
  if (refusedTypes.size === 0 && refusedEvents.length === 0 && !goalLate) {
    return { accepted: changes, refusal: null };
  }
  const { goal, ...rest } = changes;
  return {
    accepted: { ...rest, ...(goalLate ? {} : { goal }), types, events },
    refusal: {
      code: 'ERR_CLOCK_SKEW',
      latest_allowed: limit,
      type_ids: [...refusedTypes],
      event_ids: refusedEvents,
    },
  };
}

/**
 * How far the device clock is from the server's, in ms (positive: the device runs
 * ahead): the server's reading against the middle of the request as the device timed it.
 */
export function clockSkewMs(serverTime: string, sentAtMs: number, receivedAtMs: number): number {
  return Math.round((sentAtMs + receivedAtMs) / 2 - Date.parse(serverTime));
}

/** True when a measured skew is large enough to tell the user (LIMITS.clockSkewShownMs). */
export const isSkewShown = (skewMs: number): boolean => Math.abs(skewMs) > LIMITS.clockSkewShownMs;

/** What planRedate writes, and the moves its new order sets aside. */
export interface RedatePlan extends TrackerState {
  conflicts: Conflict[];
}

/**
 * Re-dates what the server refused once the device clock is right again (SPEC §10): in
 * the refused records, every time further ahead of `now` than a clock may drift
 * (LIMITS.clockLeadMs) becomes `now` (type fields; never before the type's creation) or now + n ms in history order
 * (events, so their order is kept), and the touched types' counts are replayed. Safe
 * to do with the same ids: the server never accepted these records, so no other
 * replica holds them. `part` holds the refused types and events and every event of
 * their types. Returns the records to write (unchanged ones left out) and, as
 * `conflicts`, the moves the new order sets aside that were applied before: a
 * re-dated event now comes before this device's own moves that the server took while
 * they were dated less far ahead, and the user is told of each like any sync conflict.
 */
export function planRedate(
  part: TrackerState,
  refused: { type_ids: readonly string[]; event_ids: readonly string[] },
  now: Date,
): RedatePlan {
  const nowText = now.toISOString();
  const limit = new Date(now.getTime() + LIMITS.clockLeadMs).toISOString();
  const typeIds = new Set(refused.type_ids);
  const eventIds = new Set(refused.event_ids);
  const late = part.events
    .filter((e) => eventIds.has(e.id) && e.created_at > limit)
    .sort(compareEvents);
  const redated = late.map((e, i) => ({
    ...e,
    created_at: new Date(now.getTime() + i).toISOString(),
  }));
  const moved = new Map(redated.map((e) => [e.id, e]));
  const touched = new Set(redated.map((e) => e.type_id));
  const types: MiniatureType[] = [];
  const conflicts: Conflict[] = [];
  for (const t of part.types) {
    let record = t;
    if (typeIds.has(t.id) && hasTimeAfter(t, limit)) {
      record = { ...t };
      // A field is never dated before its type's creation (SPEC §9), which a device whose
      // clock ran a little ahead may have dated after this device's `now`.
      const created = isTimeAfter('created_at', t.created_at, limit) ? nowText : t.created_at;
      const fieldTime = created > nowText ? created : nowText;
      for (const [key, value] of Object.entries(t)) {
        if (isTimeAfter(key, value, limit)) {
          (record as Record<string, unknown>)[key] = key === 'created_at' ? created : fieldTime;
        }
      }
    }
    if (touched.has(t.id)) {
      const before = part.events.filter((e) => e.type_id === t.id);
      const after = replay(before.map((e) => moved.get(e.id) ?? e));
      record = { ...record, counts: after.counts };
      const wasAside = new Set(replay(before).skipped.map((e) => e.id));
      for (const e of after.skipped) {
        if (wasAside.has(e.id)) continue;
        const reason = after.refusals.get(e.id) ?? 'ERR_INSUFFICIENT_QTY';
        conflicts.push({ type_id: t.id, type_name: record.name, event: e, reason });
      }
    }
    if (record !== t) types.push(record);
  }
  return { types, events: redated, tombstones: [], conflicts };
}
