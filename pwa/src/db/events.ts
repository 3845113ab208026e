import {
  type Change,
  type MiniatureType,
  planAdd,
  planMove,
  planRemove,
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
 * Re-reads the ledger inside the transaction, plans with shared/, then appends the
 * event and stores the new counts. Because the read and the write share one
 * read-write transaction, IndexedDB serializes two tabs doing this on the same type:
 * the second one sees the first one's counts and fails with ERR_INSUFFICIENT_QTY
 * rather than driving a count negative. The Activity index changes in the same
 * transaction: the new event is applied and last in its type's history, unless it was
 * dated before another device's far-ahead events (then the type is tallied again).
 */
function applyChange(
  db: TrackerDb,
  typeId: string,
  plan: (ledger: TypeLedger, ctx: { eventId: string; now: Date }) => Result<Change>,
  now: Date,
): Promise<Applied> {
  return localWrite(db, [db.types, db.events], async () => {
    const { type, ledger, history } = await readLedger(db, typeId, now);
    const change = unwrap(plan(ledger, { eventId: newId(), now }));
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
