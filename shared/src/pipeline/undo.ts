import { type ErrorDetails, fail, type Result } from '../errors';
import type { HistoryEvent } from '../schema/entities';
import { canonicalId } from '../values/ids';
import {
  type Change,
  checkTransition,
  ledgerAfter,
  type OperationContext,
  planEvent,
  type TypeLedger,
} from './operations';
import { compareEvents, type ReplayableEvent, replay } from './replay';
import type { Counts, Stage } from './stages';

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
 * Undoes the events of a history entry (a few grouped taps of one type) exactly, all or
 * nothing (SPEC §9): each by planRevert, newest first in history order, so every undo
 * finds the models its event put somewhere still there; an id outside the history
 * first, so it fails at once. `ctx.newId` names each undo event. Returns the undo events
 * in the order made and the counts after them. Errors: planRevert's, with
 * ERR_INSUFFICIENT_QTY said of the whole entry (entryShortfall). Nothing on failure.
 */
export function planRevertEntry(
  ledger: HistoryLedger,
  eventIds: readonly string[],
  ctx: { newId: () => string; now: Date | string },
  typeOfEvent: (eventId: string) => string | null = () => null,
): Result<{ events: HistoryEvent[]; counts: Counts }> {
  const byId = new Map(ledger.history.map((e) => [e.id, e]));
  const targets = eventIds.map(canonicalId).sort((a, b) => {
    const [ea, eb] = [byId.get(a), byId.get(b)];
    return ea && eb ? compareEvents(eb, ea) : ea ? 1 : eb ? -1 : 0;
  });
  let current: HistoryLedger = ledger;
  const events: HistoryEvent[] = [];
  for (const id of targets) {
    const change = planRevert(
      current,
      { event_id: id },
      { eventId: ctx.newId(), now: ctx.now },
      typeOfEvent,
    );
    if (!change.ok) {
      return change.code === 'ERR_INSUFFICIENT_QTY'
        ? entryShortfall(
            change.details,
            ledger.counts,
            targets.map((t) => byId.get(t)),
          )
        : change;
    }
    events.push(change.value.event);
    current = ledgerAfter(current, change.value);
  }
  return { ok: true, value: { events, counts: current.counts } };
}

/**
 * An entry's undo refused for want of models, said of the whole entry: what the stage
 * held before the undo (`available`) and what the entry's events put there
 * (`requested`), not the shortfall of the one step that failed part-way (an entry of
 * 20 taps would say "0 left" where the user sees 17). Taps at mixed stages, whose sum
 * says nothing: the failing step's own details.
 */
function entryShortfall(
  details: ErrorDetails,
  before: Counts,
  targets: readonly (ReplayableEvent | undefined)[],
): Result<never> {
  const stage = details.stage as Stage | null | undefined;
  if (stage === null || stage === undefined) return fail('ERR_INSUFFICIENT_QTY', details);
  let requested = 0;
  for (const e of targets) if (e?.to_stage === stage) requested += e.qty;
  const available = before[stage];
  return fail(
    'ERR_INSUFFICIENT_QTY',
    available < requested ? { stage, available, requested } : details,
  );
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
