import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import type { HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import { nextEventTime } from './clock';
import { validateName } from './names';
import { applyEvent } from './replay';
import { type Counts, isForwardMove, isStage, STAGES, type Stage, zeroCounts } from './stages';

/** What an operation needs to know about a type: its counts and its latest event time. */
export interface TypeLedger {
  id: string;
  counts: Counts;
  last_event_at: string | null;
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

function checkQty(qty: unknown): Result<number> {
  if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 1 || qty > LIMITS.qty) {
    return fail('ERR_INVALID_QTY', { min: 1, max: LIMITS.qty });
  }
  return ok(qty);
}

function checkStage(stage: unknown, field: string): Result<Stage> {
  return isStage(stage) ? ok(stage) : fail('ERR_INVALID_STAGE', { field });
}

function commit(
  ledger: TypeLedger,
  from: Stage | null,
  to: Stage | null,
  qty: number,
  ctx: OperationContext,
): Result<Change> {
  const event: HistoryEvent = {
    id: ctx.eventId,
    type_id: ledger.id,
    from_stage: from,
    to_stage: to,
    qty,
    created_at: nextEventTime(ctx.now, ledger.last_event_at),
  };
  const counts = { ...ledger.counts };
  if (!applyEvent(counts, event)) {
    return fail('ERR_INSUFFICIENT_QTY', {
      stage: from,
      available: from === null ? 0 : ledger.counts[from],
      requested: qty,
    });
  }
  return ok({ event, counts });
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
  return commit(ledger, null, stage.value, qty.value, ctx);
}

/** Moves models forward; skipping stages is allowed, backwards never. */
export function planMove(
  ledger: TypeLedger,
  input: { from_stage: unknown; to_stage: unknown; qty: unknown },
  ctx: OperationContext,
): Result<Change> {
  const from = checkStage(input.from_stage, 'from_stage');
  if (!from.ok) return from;
  const to = checkStage(input.to_stage, 'to_stage');
  if (!to.ok) return to;
  if (!isForwardMove(from.value, to.value)) {
    return fail('ERR_INVALID_STAGE_TRANSITION', { from_stage: from.value, to_stage: to.value });
  }
  const qty = checkQty(input.qty);
  if (!qty.ok) return qty;
  return commit(ledger, from.value, to.value, qty.value, ctx);
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
  return commit(ledger, stage.value, null, qty.value, ctx);
}

/** A new type and the add events for its initial counts. */
export interface NewType {
  type: MiniatureType;
  events: HistoryEvent[];
}

/**
 * Creates a type. `takenKeys` answers whether a normalized name key is in use; the
 * store supplies it so the rule is here and the lookup stays in the store.
 */
export function planCreateType(
  input: { name: unknown; counts?: Partial<Record<string, unknown>> | undefined },
  ctx: { typeId: string; now: Date | string; newEventId: () => string },
  isNameTaken: (name: string) => boolean,
): Result<NewType> {
  const name = validateName(input.name);
  if (!name.ok) return name;
  if (isNameTaken(name.value)) return fail('ERR_NAME_TAKEN', { name: name.value });
  const created_at = nextEventTime(ctx.now, null);
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
    type: { id: ctx.typeId, name: name.value, created_at, name_updated_at: created_at, counts },
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
  return ok({ name: name.value, name_updated_at: nextEventTime(now, type.name_updated_at) });
}

/** Deleting leaves a tombstone so sync cannot bring the type back. */
export function planDelete(typeId: string, now: Date | string): Tombstone {
  return {
    id: typeId,
    deleted_at: typeof now === 'string' ? now : now.toISOString(),
    merged_into: null,
  };
}
