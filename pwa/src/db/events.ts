import {
  type Change,
  canonicalId,
  type HistoryEvent,
  type MiniatureType,
  planAdd,
  planMove,
  planRemove,
  planRevert,
  planRevertEntry,
  planRework,
  type Result,
  type Stage,
  type TypeLedger,
  unwrap,
} from '@mpt/shared';
import { changeActivityIndex } from './activity-index';
import { addEvents, eventsById, eventTables } from './event-store';
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
  return localWrite(db, [db.types, ...eventTables(db)], async () => {
    const [{ type, ledger, history }, named] = await Promise.all([
      readLedger(db, typeId, now, needs.history),
      needs.event === undefined ? [] : eventsById(db, [needs.event]),
    ]);
    const ownerOf = (id: string) => named.find((e) => e.id === id)?.type_id ?? null;
    const change = unwrap(plan(ledger, { eventId: newId(), now }, ownerOf));
    const next = { ...type, counts: change.counts };
    const activity = history
      ? tallyReplacement(history, [...history, change.event])
      : { tally: tallyAppended([change.event]), dropRefused: [] };
    await Promise.all([
      addEvents(db, [change.event]),
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
 * Undoes several events of one type in one transaction (a history entry groups a few
 * taps), as shared's planRevertEntry plans it: all or nothing, the first refusal (its
 * codes) changes nothing. Returns the type after the last undo and the undo events.
 */
export function revertEvents(
  db: TrackerDb,
  input: { typeId: string; eventIds: readonly string[] },
  now: Date = new Date(),
): Promise<{ type: MiniatureType; events: HistoryEvent[] }> {
  const ids = input.eventIds.map(canonicalId);
  return localWrite(db, [db.types, ...eventTables(db)], async () => {
    const [{ type, ledger, history = [] }, named] = await Promise.all([
      readLedger(db, input.typeId, now, true),
      eventsById(db, ids),
    ]);
    const owners = new Map(named.map((e) => [e.id, e.type_id]));
    const { events: added, counts } = unwrap(
      planRevertEntry({ ...ledger, history }, ids, { newId, now }, (e) => owners.get(e) ?? null),
    );
    const next = { ...type, counts };
    const activity = tallyReplacement(history, [...history, ...added]);
    await Promise.all([
      addEvents(db, added),
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
