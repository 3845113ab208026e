import {
  type Change,
  type Counts,
  canonicalId,
  compareEvents,
  type ErrorDetails,
  fail,
  type HistoryEvent,
  type MiniatureType,
  planAdd,
  planMove,
  planRemove,
  planRevert,
  planRework,
  type Result,
  type Stage,
  type TypeLedger,
  unwrap,
} from '@mpt/shared';
import { changeActivityIndex } from './activity-index';
import { tallyAppended, tallyReplacement } from './finished-tally';
import { newId } from './ids';
import { readLedger } from './ledger';
import { noteOutbox } from './outbox';
import type { TrackerDb } from './schema';
import { localWrite } from './write';

/** The type after a change, and the event that made it. */
export interface Applied {
  type: MiniatureType;
  event: Change['event'];
}

/**
 * Re-reads the ledger inside the transaction (with the whole history, and the event an
 * undo names, when the plan needs them), plans with shared/, then appends the event and
 * stores the new counts. Because the read and the write share one
 * read-write transaction, IndexedDB serializes two tabs doing this on the same type:
 * the second one sees the first one's counts and fails with ERR_INSUFFICIENT_QTY
 * rather than driving a count negative. The Activity index changes in the same
 * transaction: the new event is applied and last in its type's history, unless it was
 * dated before another device's far-ahead events (then the type is tallied again).
 */
function applyChange(
  db: TrackerDb,
  typeId: string,
  plan: (
    ledger: TypeLedger,
    ctx: { eventId: string; now: Date },
    ownerOf: (eventId: string) => string | null,
  ) => Result<Change>,
  now: Date,
  needs: { history?: boolean; event?: string } = {},
): Promise<Applied> {
  return localWrite(db, [db.types, db.events], async () => {
    const [{ type, ledger, history }, named] = await Promise.all([
      readLedger(db, typeId, now, needs.history),
      needs.event === undefined ? undefined : db.events.get(needs.event),
    ]);
    const ownerOf = (id: string) => (named?.id === id ? named.type_id : null);
    const change = unwrap(plan(ledger, { eventId: newId(), now }, ownerOf));
    const next = { ...type, counts: change.counts };
    const activity = history
      ? tallyReplacement(history, [...history, change.event])
      : { tally: tallyAppended([change.event]), dropRefused: [] };
    await Promise.all([
      db.events.add(change.event),
      db.types.put(next),
      changeActivityIndex(db, activity.tally, activity.dropRefused),
      noteOutbox(db, 'event', [change.event.id]),
    ]);
    return { type: next, event: change.event };
  });
}

/** Moves `qty` models of a type forward from one stage to a later one. */
export function moveModels(
  db: TrackerDb,
  input: { typeId: string; from: Stage; to: Stage; qty: number },
  now: Date = new Date(),
): Promise<Applied> {
  return applyChange(
    db,
    input.typeId,
    (l, ctx) => planMove(l, { from_stage: input.from, to_stage: input.to, qty: input.qty }, ctx),
    now,
  );
}

/** Adds models at a stage (bought more, already painted ones). */
export function addModels(
  db: TrackerDb,
  input: { typeId: string; stage: Stage; qty: number },
  now: Date = new Date(),
): Promise<Applied> {
  return applyChange(
    db,
    input.typeId,
    (l, ctx) => planAdd(l, { stage: input.stage, qty: input.qty }, ctx),
    now,
  );
}

/** Removes models from a stage (sold, lost, a typo). */
export function removeModels(
  db: TrackerDb,
  input: { typeId: string; stage: Stage; qty: number },
  now: Date = new Date(),
): Promise<Applied> {
  return applyChange(
    db,
    input.typeId,
    (l, ctx) => planRemove(l, { stage: input.stage, qty: input.qty }, ctx),
    now,
  );
}

/** Moves `qty` models of a type back to an earlier stage: strip and repaint (SPEC §9). */
export function reworkModels(
  db: TrackerDb,
  input: { typeId: string; from: Stage; to: Stage; qty: number },
  now: Date = new Date(),
): Promise<Applied> {
  return applyChange(
    db,
    input.typeId,
    (l, ctx) => planRework(l, { from_stage: input.from, to_stage: input.to, qty: input.qty }, ctx),
    now,
  );
}

/**
 * Undoes one event of a type exactly (SPEC §9), in the same kind of transaction as a
 * move, with the whole history read beside the counts, so an undo can never race
 * another tab's move into a negative count. Throws ERR_EVENT_NOT_FOUND,
 * ERR_EVENT_OF_OTHER_TYPE, ERR_ALREADY_REVERTED, ERR_NOT_REVERTIBLE or
 * ERR_INSUFFICIENT_QTY and then changes nothing.
 */
export function revertEvent(
  db: TrackerDb,
  input: { typeId: string; eventId: string },
  now: Date = new Date(),
): Promise<Applied> {
  const eventId = canonicalId(input.eventId);
  return applyChange(
    db,
    input.typeId,
    (l, ctx, ownerOf) =>
      planRevert({ ...l, history: l.history ?? [] }, { event_id: eventId }, ctx, ownerOf),
    now,
    { history: true, event: eventId },
  );
}

/**
 * An entry's undo refused for want of models, said of the whole entry: what the stage
 * held before the undo (`available`) and what the entry's events took there
 * (`requested`), not the shortfall of the one step that failed part-way through (an
 * entry of 20 taps would say "0 left" where the user sees 17). Ids of mixed stages whose
 * sum says nothing: the failing step's own details.
 */
function entryShortfall(
  details: ErrorDetails,
  before: Counts,
  targets: readonly (HistoryEvent | undefined)[],
): Result<never> {
  const stage = details.stage as Stage | null;
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
 * Undoes several events of one type in one transaction (a history entry groups a few
 * taps): each exactly, the newest first, so every undo finds the models its event put
 * somewhere still there. All or nothing: the first refusal (the codes of revertEvent)
 * changes nothing. Returns the type after the last undo and the undo events.
 */
export function revertEvents(
  db: TrackerDb,
  input: { typeId: string; eventIds: readonly string[] },
  now: Date = new Date(),
): Promise<{ type: MiniatureType; events: HistoryEvent[] }> {
  const ids = input.eventIds.map(canonicalId);
  return localWrite(db, [db.types, db.events], async () => {
    const [{ type, ledger, history = [] }, named] = await Promise.all([
      readLedger(db, input.typeId, now, true),
      Promise.all(ids.map((id) => db.events.get(id))),
    ]);
    const owners = new Map(named.flatMap((e) => (e ? [[e.id, e.type_id] as const] : [])));
    // Newest first, in history order; an id not in this history first (it fails at once).
    const byId = new Map(history.map((e) => [e.id, e]));
    const targets = [...ids].sort((a, b) => {
      const [ea, eb] = [byId.get(a), byId.get(b)];
      return ea && eb ? compareEvents(eb, ea) : ea ? 1 : eb ? -1 : 0;
    });
    let current: TypeLedger = { ...ledger, history };
    const added: HistoryEvent[] = [];
    for (const id of targets) {
      const planned = planRevert(
        { ...current, history: current.history ?? [] },
        { event_id: id },
        { eventId: newId(), now },
        (e) => owners.get(e) ?? null,
      );
      const change = unwrap(
        planned.ok || planned.code !== 'ERR_INSUFFICIENT_QTY'
          ? planned
          : entryShortfall(
              planned.details,
              ledger.counts,
              targets.map((t) => byId.get(t)),
            ),
      );
      added.push(change.event);
      const last = current.last_event_at;
      current = {
        ...current,
        counts: change.counts,
        last_event_at:
          last === null || change.event.created_at > last ? change.event.created_at : last,
        history: [...(current.history ?? []), change.event],
      };
    }
    const next = { ...type, counts: current.counts };
    const activity = tallyReplacement(history, [...history, ...added]);
    await Promise.all([
      db.events.bulkAdd(added),
      db.types.put(next),
      noteOutbox(
        db,
        'event',
        added.map((e) => e.id),
      ),
      changeActivityIndex(db, activity.tally, activity.dropRefused),
    ]);
    return { type: next, events: added };
  });
}
