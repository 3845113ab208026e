import { fail, type Result } from '../errors';
import { canonicalId } from '../values/ids';
import {
  type Change,
  checkTransition,
  type OperationContext,
  planEvent,
  type TypeLedger,
} from './operations';
import { type ReplayableEvent, replay } from './replay';

/** A ledger with the type's whole history: what undo needs to find and check its target. */
export type HistoryLedger = TypeLedger & { history: readonly ReplayableEvent[] };

/**
 * Undoes one event of a type exactly (SPEC §9): a new event with the same qty and the
 * stages swapped (an add is undone by a removal, a removal by an add, a move by the
 * move back), marked `reverts: <its id>`, dated after every event of the type. Valid
 * once per event and only while the counts allow it. `typeOfEvent` names the type of
 * an id outside this history (null: no such event), so a wrong target is told apart.
 * Errors: ERR_VALIDATION (not an id), ERR_EVENT_NOT_FOUND, ERR_EVENT_OF_OTHER_TYPE,
 * ERR_NOT_REVERTIBLE (`reason`: is_revert — an undo is not undone; not_applied — a
 * conflict the replay set aside), ERR_ALREADY_REVERTED, ERR_INSUFFICIENT_QTY,
 * ERR_TIME_OUT_OF_RANGE. Nothing changes on failure.
 */
export function planRevert(
  ledger: HistoryLedger,
  input: { event_id: unknown },
  ctx: OperationContext,
  typeOfEvent: (eventId: string) => string | null = () => null,
): Result<Change> {
  if (typeof input.event_id !== 'string') {
    return fail('ERR_VALIDATION', { field: 'event_id', reason: 'not_a_string' });
  }
  const id = canonicalId(input.event_id);
  const target = ledger.history.find((e) => e.id === id);
  if (!target) {
    const owner = typeOfEvent(id);
    return owner !== null && owner !== ledger.id
      ? fail('ERR_EVENT_OF_OTHER_TYPE', { event_id: id, type_id: owner })
      : fail('ERR_EVENT_NOT_FOUND', { event_id: id });
  }
  if (target.reverts !== undefined) {
    return fail('ERR_NOT_REVERTIBLE', { event_id: id, reason: 'is_revert' });
  }
  const replayed = replay(ledger.history);
  if (replayed.cancelled.has(id)) {
    const by = ledger.history.find((e) => e.reverts === id && replayed.cancelled.has(e.id));
    return fail('ERR_ALREADY_REVERTED', { event_id: id, reverted_by: by?.id ?? null });
  }
  if (replayed.skipped.some((e) => e.id === id)) {
    return fail('ERR_NOT_REVERTIBLE', { event_id: id, reason: 'not_applied' });
  }
  return planEvent(ledger, target.to_stage, target.from_stage, target.qty, ctx, {
    reverts: id,
  });
}

/**
 * Moves models back to an earlier stage (SPEC §9: strip and repaint, a broken arm),
 * marked `rework: true`. Errors: ERR_INVALID_STAGE, ERR_INVALID_REWORK (not a move
 * backwards), ERR_INVALID_QTY, ERR_INSUFFICIENT_QTY, ERR_TIME_OUT_OF_RANGE.
 */
export function planRework(
  ledger: TypeLedger,
  input: { from_stage: unknown; to_stage: unknown; qty: unknown },
  ctx: OperationContext,
): Result<Change> {
  const move = checkTransition(input, 'backward');
  if (!move.ok) return move;
  return planEvent(ledger, move.value.from, move.value.to, move.value.qty, ctx, {
    rework: true,
  });
}
