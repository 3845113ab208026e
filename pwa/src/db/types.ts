import {
  type MiniatureType,
  nameKey,
  type PartialCounts,
  planCreateType,
  planDelete,
  planRename,
  planRestoreCopy,
  planUpdateType,
  type TypePatch,
  type TypeSnapshot,
  unwrap,
} from '@mpt/shared';
import { changeActivityIndex } from './activity-index';
import { noteDroppedEvents } from './dropped-events';
import { addEvents, deleteEventsOfTypes, eventsOfType, eventTables } from './event-store';
import { tallyAppended, tallyReplacement } from './finished-tally';
import { newId } from './ids';
import { requireType, takenNameKeys } from './ledger';
import { noteOutbox } from './outbox';
import type { TrackerDb } from './schema';
import { localWrite } from './write';

/**
 * Creates a type with optional initial counts (add events) and optional fields of SPEC
 * §9 (army, game, points per model, notes). The name check reads every name inside the
 * same transaction, so two tabs cannot both take one name.
 */
export function createType(
  db: TrackerDb,
  input: { name: string; counts?: PartialCounts } & Omit<TypePatch, 'name'>,
  now: Date = new Date(),
): Promise<MiniatureType> {
  return localWrite(db, [db.types, ...eventTables(db)], async () => {
    const taken = await takenNameKeys(db, nameKey);
    const plan = unwrap(
      planCreateType(
        input,
        { typeId: newId(), now, newEventId: newId, liveTypes: taken.size },
        (n) => taken.has(nameKey(n)),
      ),
    );
    await db.types.add(plan.type);
    await addEvents(db, plan.events);
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
 * Edits a type's name, army, game, points per model or notes (SPEC §9): only the fields
 * whose value changes move, each with its own time, so saving a form that holds every
 * field never overrides another device's newer edit of a field left alone. Throws the
 * field's DomainError (ERR_ARMY_INVALID, ERR_INVALID_POINTS, ERR_NOTES_TOO_LONG, …) or
 * ERR_TYPE_NOT_FOUND, and then changes nothing.
 */
export function updateType(
  db: TrackerDb,
  typeId: string,
  patch: TypePatch,
  now: Date = new Date(),
): Promise<MiniatureType> {
  return updateTypeAndArmy(db, typeId, patch, false, now).then((r) => r.type);
}

/**
 * Edits a type's fields (updateType) and, with `allOfArmy`, gives every other type of
 * its army (same identity key, SPEC §8) the new army too — all in one transaction, each
 * type's army with its own time (per-field last-writer-wins, SPEC §9). Renaming an army
 * is this with a new army name. Returns the type and how many others changed. Throws
 * like updateType and then changes nothing.
 */
export function updateTypeAndArmy(
  db: TrackerDb,
  typeId: string,
  patch: TypePatch,
  allOfArmy: boolean,
  now: Date = new Date(),
): Promise<{ type: MiniatureType; others: number }> {
  return localWrite(db, [db.types], async () => {
    const type = await requireType(db, typeId);
    const taken =
      patch.name === undefined ? new Set<string>() : await takenNameKeys(db, nameKey, typeId);
    const update = unwrap(planUpdateType(type, patch, now, (n) => taken.has(nameKey(n))));
    const next = { ...type, ...update };
    const writes: MiniatureType[] = Object.keys(update).length > 0 ? [next] : [];
    if (allOfArmy && type.army !== null && patch.army !== undefined) {
      const key = nameKey(type.army);
      const members = await db.types
        .filter((t) => t.id !== typeId && t.army !== null && nameKey(t.army) === key)
        .toArray();
      for (const t of members) {
        const change = unwrap(planUpdateType(t, { army: patch.army }, now, () => false));
        if (Object.keys(change).length > 0) writes.push({ ...t, ...change });
      }
    }
    await db.types.bulkPut(writes);
    await noteOutbox(
      db,
      'type',
      writes.map((t) => t.id),
    );
    return { type: next, others: writes.length - (writes[0] === next ? 1 : 0) };
  });
}

/**
 * Deletes a type and its events and leaves a tombstone, all in one transaction, so
 * sync can never bring the type back and no orphan events remain. Returns what was
 * deleted, for an undo (restoreDeletedType).
 */
export function deleteType(
  db: TrackerDb,
  typeId: string,
  now: Date = new Date(),
): Promise<TypeSnapshot> {
  return localWrite(db, [db.types, ...eventTables(db), db.tombstones], async () => {
    const type = await requireType(db, typeId);
    const history = await eventsOfType(db, typeId);
    // Remembered: a fold made elsewhere may bring them back as conflicts (dropped-events.ts).
    await noteDroppedEvents(
      db,
      history.map((e) => e.id),
    );
    const activity = tallyReplacement(history, []);
    await changeActivityIndex(db, activity.tally, activity.dropRefused);
    await deleteEventsOfTypes(db, [typeId]);
    await db.types.delete(typeId);
    await db.tombstones.put(unwrap(planDelete(typeId, now)));
    await noteOutbox(db, 'tombstone', [typeId]);
    return { type, events: history };
  });
}

/**
 * Undoes a delete: the type comes back with its fields, counts and history, as a copy
 * under a new id (shared's planRestoreCopy: the tombstone stays, so sync agrees
 * everywhere), in one transaction with its Activity. Throws ERR_NAME_TAKEN or
 * ERR_LIMIT_REACHED and then changes nothing.
 */
export function restoreDeletedType(db: TrackerDb, deleted: TypeSnapshot): Promise<MiniatureType> {
  return localWrite(db, [db.types, ...eventTables(db)], async () => {
    const taken = await takenNameKeys(db, nameKey);
    const copy = unwrap(
      planRestoreCopy(deleted, { typeId: newId(), newEventId: newId, liveTypes: taken.size }, (n) =>
        taken.has(nameKey(n)),
      ),
    );
    const activity = tallyReplacement([], copy.events);
    await Promise.all([
      db.types.add(copy.type),
      addEvents(db, copy.events),
      changeActivityIndex(db, activity.tally, activity.dropRefused),
      noteOutbox(db, 'type', [copy.type.id]),
      noteOutbox(
        db,
        'event',
        copy.events.map((e) => e.id),
      ),
    ]);
    return copy.type;
  });
}
