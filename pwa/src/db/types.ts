import {
  type MiniatureType,
  nameKey,
  type PartialCounts,
  planCreateType,
  planDelete,
  planRename,
  unwrap,
} from '@mpt/shared';
import { changeActivityIndex } from './activity-index';
import { noteDroppedEvents } from './dropped-events';
import { tallyAppended, tallyReplacement } from './finished-tally';
import { newId } from './ids';
import { requireType, takenNameKeys } from './ledger';
import { noteOutbox } from './outbox';
import type { TrackerDb } from './schema';
import { localWrite } from './write';

/**
 * Creates a type with optional initial counts (add events). The name check reads
 * every name inside the same transaction, so two tabs cannot both take one name.
 */
export function createType(
  db: TrackerDb,
  input: { name: string; counts?: PartialCounts },
  now: Date = new Date(),
): Promise<MiniatureType> {
  return localWrite(db, [db.types, db.events], async () => {
    const taken = await takenNameKeys(db, nameKey);
    const plan = unwrap(
      planCreateType(
        { name: input.name, counts: input.counts },
        { typeId: newId(), now, newEventId: newId, liveTypes: taken.size },
        (n) => taken.has(nameKey(n)),
      ),
    );
    await db.types.add(plan.type);
    await db.events.bulkAdd(plan.events);
    await changeActivityIndex(db, tallyAppended(plan.events));
    await noteOutbox(db, 'type', [plan.type.id]);
    await noteOutbox(
      db,
      'event',
      plan.events.map((e) => e.id),
    );
    return plan.type;
  });
}

/** Renames a type; a name that only differs in case from its own is allowed. */
export function renameType(
  db: TrackerDb,
  typeId: string,
  name: string,
  now: Date = new Date(),
): Promise<MiniatureType> {
  return localWrite(db, [db.types], async () => {
    const type = await requireType(db, typeId);
    const taken = await takenNameKeys(db, nameKey, typeId);
    const change = unwrap(planRename(type, name, now, (n) => taken.has(nameKey(n))));
    const next = { ...type, ...change };
    await db.types.put(next);
    await noteOutbox(db, 'type', [next.id]);
    return next;
  });
}

/**
 * Deletes a type and its events and leaves a tombstone, all in one transaction, so
 * sync can never bring the type back and no orphan events remain.
 */
export function deleteType(db: TrackerDb, typeId: string, now: Date = new Date()): Promise<void> {
  return localWrite(db, [db.types, db.events, db.tombstones], async () => {
    await requireType(db, typeId);
    const events = db.events.where('type_id').equals(typeId);
    const history = await events.toArray();
    // Remembered: a fold made elsewhere may bring them back as conflicts (dropped-events.ts).
    await noteDroppedEvents(
      db,
      history.map((e) => e.id),
    );
    const activity = tallyReplacement(history, []);
    await changeActivityIndex(db, activity.tally, activity.dropRefused);
    await events.delete();
    await db.types.delete(typeId);
    await db.tombstones.put(unwrap(planDelete(typeId, now)));
    await noteOutbox(db, 'tombstone', [typeId]);
  });
}
