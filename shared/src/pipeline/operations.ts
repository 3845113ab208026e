import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import {
  defaultTypeFields,
  type HistoryEvent,
  type MiniatureType,
  type Tombstone,
  TYPE_FIELDS,
} from '../schema/entities';
import { validateName } from '../values/names';
import { checkTime, isFarAhead, nextEventTime } from '../values/time';
import { applyEvent, compareEvents, type ReplayableEvent, replay } from './replay';
import { type Counts, isForwardMove, isStage, STAGES, type Stage, zeroCounts } from './stages';
import { type TypePatch, validateTypeField } from './type-fields';

/**
 * What an operation needs to know about a type: its counts and its latest event time.
 * When that event is far ahead of the clock (isFarAhead), the store also passes the
 * type's whole `history`, so a new event can be dated now and checked in its place.
 */
export interface TypeLedger {
  id: string;
  counts: Counts;
  last_event_at: string | null;
  history?: readonly ReplayableEvent[];
}

/** A type's ledger built from its whole history (replicas that hold it in memory, tests). */
export function ledgerOf(
  type: { id: string; counts: Counts },
  history: readonly ReplayableEvent[],
): TypeLedger {
  let last: string | null = null;
  for (const e of history) if (last === null || e.created_at > last) last = e.created_at;
  return { id: type.id, counts: type.counts, last_event_at: last, history };
}

/**
 * The ledger after `change` is applied to it: the change's counts, its event last in
 * the history (when the ledger keeps one) and the latest event time. For callers that
 * plan several changes of one type in a row (an entry's undo, corrections).
 */
export function ledgerAfter<L extends TypeLedger>(ledger: L, change: Change): L {
  const at = change.event.created_at;
  const last = ledger.last_event_at;
  return {
    ...ledger,
    counts: change.counts,
    last_event_at: last !== null && last > at ? last : at,
    ...(ledger.history ? { history: [...ledger.history, change.event] } : {}),
  };
}

/** Ids and time supplied by the caller, so the domain stays pure and testable. */
export interface OperationContext {
  eventId: string;
  now: Date | string;
}

/** The outcome of add, move or remove: the event to append and the counts after it. */
export interface Change {
  event: HistoryEvent;
  counts: Counts;
}

function insufficient(ledger: TypeLedger, from: Stage | null, qty: number): Result<Change> {
  return fail('ERR_INSUFFICIENT_QTY', {
    stage: from,
    available: from === null ? 0 : ledger.counts[from],
    requested: qty,
  });
}

/**
 * The event dated now, placed before events of a device whose clock ran ahead: valid
 * only when it applies at its place in history and the replay sets aside exactly the
 * same events as before (an add placed early may revive a refused move, which then takes
 * the models a later event needed: as many set aside, but another one).
 */
function commitInPlace(ledger: TypeLedger, event: HistoryEvent): Change | null {
  const history = ledger.history;
  if (!history) throw new Error('planner: a far-ahead ledger needs the type history');
  const before = new Set(replay(history).skipped.map((e) => e.id));
  const after = replay([...history, event].sort(compareEvents), true);
  if (after.skipped.length !== before.size || after.skipped.some((e) => !before.has(e.id))) {
    return null;
  }
  return { event, counts: after.counts };
}

/** What marks an event beyond its stages: an undo, or a backward move (SPEC §9). */
export type EventMarks = Pick<HistoryEvent, 'reverts' | 'rework'>;

/**
 * Plans one event on a type: dated by the +1 ms rule (or now, in its place, when the
 * type's last event is far ahead of the clock and the history allows), applied to the
 * counts, or ERR_INSUFFICIENT_QTY / ERR_TIME_OUT_OF_RANGE. Shared by every planner.
 */
export function planEvent(
  ledger: TypeLedger,
  from: Stage | null,
  to: Stage | null,
  qty: number,
  ctx: OperationContext,
  marks: EventMarks = {},
): Result<Change> {
  const event = (created_at: string): HistoryEvent => {
    const e: HistoryEvent = {
      id: ctx.eventId,
      type_id: ledger.id,
      from_stage: from,
      to_stage: to,
      qty,
      created_at,
    };
    if (marks.reverts !== undefined) e.reverts = marks.reverts;
    if (marks.rework) e.rework = true;
    return e;
  };
  if (isFarAhead(ledger.last_event_at, ctx.now)) {
    const now = checkTime(ctx.now);
    if (!now.ok) return now;
    const placed = commitInPlace(ledger, event(now.value));
    if (placed) return ok(placed);
    // Not valid before those events: after them, as the +1 ms rule says (SPEC §2).
  }
  const time = nextEventTime(ctx.now, ledger.last_event_at);
  if (!time.ok) return time;
  const counts = { ...ledger.counts };
  const change = event(time.value);
  if (!applyEvent(counts, change)) return insufficient(ledger, from, qty);
  return ok({ event: change, counts });
}

/** Checks a stage given by a caller: ERR_INVALID_STAGE (`field`) unless one of the five. */
export function checkStage(stage: unknown, field: string): Result<Stage> {
  return isStage(stage) ? ok(stage) : fail('ERR_INVALID_STAGE', { field });
}

/** Checks a quantity given by a caller: ERR_INVALID_QTY unless a whole number 1–100 000. */
export function checkQty(qty: unknown): Result<number> {
  if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > LIMITS.qty) {
    return fail('ERR_INVALID_QTY', { min: 1, max: LIMITS.qty });
  }
  return ok(qty);
}

/** Adds models at a stage ("bought more", "already painted ones"). */
export function planAdd(
  ledger: TypeLedger,
  input: { stage: unknown; qty: unknown },
  ctx: OperationContext,
): Result<Change> {
  const stage = checkStage(input.stage, 'stage');
  if (!stage.ok) return stage;
  const qty = checkQty(input.qty);
  if (!qty.ok) return qty;
  return planEvent(ledger, null, stage.value, qty.value, ctx);
}

/** Moves models forward; skipping stages is allowed, backwards never. */
export function planMove(
  ledger: TypeLedger,
  input: { from_stage: unknown; to_stage: unknown; qty: unknown },
  ctx: OperationContext,
): Result<Change> {
  const move = checkTransition(input, 'forward');
  if (!move.ok) return move;
  return planEvent(ledger, move.value.from, move.value.to, move.value.qty, ctx);
}

/**
 * The stages and quantity of a move between two stages, checked in that order: each
 * stage (ERR_INVALID_STAGE), the direction (forward: ERR_INVALID_STAGE_TRANSITION;
 * backward, a rework of SPEC §9: ERR_INVALID_REWORK), then the quantity (ERR_INVALID_QTY).
 */
export function checkTransition(
  input: { from_stage: unknown; to_stage: unknown; qty: unknown },
  direction: 'forward' | 'backward',
): Result<{ from: Stage; to: Stage; qty: number }> {
  const from = checkStage(input.from_stage, 'from_stage');
  if (!from.ok) return from;
  const to = checkStage(input.to_stage, 'to_stage');
  if (!to.ok) return to;
  const forward = direction === 'forward';
  if (!(forward ? isForwardMove(from.value, to.value) : isForwardMove(to.value, from.value))) {
    return fail(forward ? 'ERR_INVALID_STAGE_TRANSITION' : 'ERR_INVALID_REWORK', {
      from_stage: from.value,
      to_stage: to.value,
    });
  }
  const qty = checkQty(input.qty);
  if (!qty.ok) return qty;
  return ok({ from: from.value, to: to.value, qty: qty.value });
}

/** Removes models from a stage (sold, lost, a typo). */
export function planRemove(
  ledger: TypeLedger,
  input: { stage: unknown; qty: unknown },
  ctx: OperationContext,
): Result<Change> {
  const stage = checkStage(input.stage, 'stage');
  if (!stage.ok) return stage;
  const qty = checkQty(input.qty);
  if (!qty.ok) return qty;
  return planEvent(ledger, stage.value, null, qty.value, ctx);
}

/** A new type and the add events for its initial counts. */
export interface NewType {
  type: MiniatureType;
  events: HistoryEvent[];
}

/**
 * Creates a type with its initial counts (add events) and, optionally, its army, game,
 * points per model and notes (SPEC §9; defaults otherwise), every field dated at its
 * creation. `isNameTaken` answers whether a name's identity key is in use and
 * `ctx.liveTypes` says how many live types there are; the store supplies both, so the
 * rules are here and the lookups stay in the store. Errors: ERR_NAME_INVALID,
 * ERR_NAME_TAKEN, ERR_LIMIT_REACHED (LIMITS.types), ERR_ARMY_INVALID, ERR_GAME_INVALID,
 * ERR_INVALID_POINTS, ERR_NOTES_TOO_LONG, ERR_INVALID_STAGE, ERR_INVALID_QTY,
 * ERR_TIME_OUT_OF_RANGE.
 */
export function planCreateType(
  input: { name: unknown; counts?: Partial<Record<string, unknown>> | undefined } & Omit<
    TypePatch,
    'name'
  >,
  ctx: { typeId: string; now: Date | string; newEventId: () => string; liveTypes?: number },
  isNameTaken: (name: string) => boolean,
): Result<NewType> {
  const name = validateName(input.name);
  if (!name.ok) return name;
  if ((ctx.liveTypes ?? 0) >= LIMITS.types) {
    return fail('ERR_LIMIT_REACHED', { limit: 'types', max: LIMITS.types, count: ctx.liveTypes });
  }
  if (isNameTaken(name.value)) return fail('ERR_NAME_TAKEN', { name: name.value });
  const time = checkTime(ctx.now);
  if (!time.ok) return time;
  const created_at = time.value;
  const fields: Omit<MiniatureType, 'id' | 'name' | 'created_at' | 'name_updated_at' | 'counts'> =
    defaultTypeFields(created_at);
  for (const field of TYPE_FIELDS) {
    if (input[field] === undefined) continue;
    const value = validateTypeField(field, input[field]);
    if (!value.ok) return value;
    Object.assign(fields, { [field]: value.value });
  }
  const counts = zeroCounts();
  const events: HistoryEvent[] = [];
  for (const [key, raw] of Object.entries(input.counts ?? {})) {
    const stage = checkStage(key, `counts.${key}`);
    if (!stage.ok) return stage;
    if (raw === undefined || raw === 0) continue;
    const qty = checkQty(raw);
    if (!qty.ok) return fail('ERR_INVALID_QTY', { ...qty.details, field: `counts.${key}` });
    counts[stage.value] = qty.value;
  }
  for (const stage of STAGES) {
    if (counts[stage] === 0) continue;
    events.push({
      id: ctx.newEventId(),
      type_id: ctx.typeId,
      from_stage: null,
      to_stage: stage,
      qty: counts[stage],
      created_at,
    });
  }
  return ok({
    type: {
      id: ctx.typeId,
      name: name.value,
      created_at,
      name_updated_at: created_at,
      ...fields,
      counts,
    },
    events,
  });
}

/** Renames a type; name_updated_at never runs backwards so the newest rename wins a merge. */
export function planRename(
  type: Pick<MiniatureType, 'id' | 'name' | 'name_updated_at'>,
  rawName: unknown,
  now: Date | string,
  isNameTaken: (name: string) => boolean,
): Result<{ name: string; name_updated_at: string }> {
  const name = validateName(rawName);
  if (!name.ok) return name;
  if (isNameTaken(name.value)) return fail('ERR_NAME_TAKEN', { name: name.value });
  const time = nextEventTime(now, type.name_updated_at);
  if (!time.ok) return time;
  return ok({ name: name.value, name_updated_at: time.value });
}

/**
 * Deleting leaves a tombstone so sync cannot bring the type back. Fails with
 * ERR_TIME_OUT_OF_RANGE when the clock is outside TIME_RANGE (SPEC §8).
 */
export function planDelete(typeId: string, now: Date | string): Result<Tombstone> {
  const time = checkTime(now);
  if (!time.ok) return time;
  return ok({ id: typeId, deleted_at: time.value, merged_into: null });
}
