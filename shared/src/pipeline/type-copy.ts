import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import type { HistoryEvent, MiniatureType } from '../schema/entities';

/** A type as it was before it was deleted, with its whole history. */
export interface TypeSnapshot {
  type: MiniatureType;
  events: readonly HistoryEvent[];
}

/**
 * Brings a deleted type back as a copy under a new id (an undo of a delete): the
 * tombstone of the old id stays, so sync never revives it on one device and not on
 * another, and the copy travels as a new type. Every field, time and count is kept; each
 * event gets a new id (an undo's `reverts` follows its event's new id), so Activity and
 * history are what they were. Errors: ERR_NAME_TAKEN (another type took the name
 * meanwhile), ERR_LIMIT_REACHED (LIMITS.types).
 */
export function planRestoreCopy(
  deleted: TypeSnapshot,
  ctx: { typeId: string; newEventId: () => string; liveTypes: number },
  isNameTaken: (name: string) => boolean,
): Result<{ type: MiniatureType; events: HistoryEvent[] }> {
  if (ctx.liveTypes >= LIMITS.types) {
    return fail('ERR_LIMIT_REACHED', { limit: 'types', max: LIMITS.types, count: ctx.liveTypes });
  }
  if (isNameTaken(deleted.type.name)) return fail('ERR_NAME_TAKEN', { name: deleted.type.name });
  const ids = new Map(deleted.events.map((e) => [e.id, ctx.newEventId()]));
  const events = deleted.events.map((e) => {
    const copy: HistoryEvent = { ...e, id: ids.get(e.id)!, type_id: ctx.typeId };
    if (e.reverts !== undefined) copy.reverts = ids.get(e.reverts) ?? e.reverts;
    return copy;
  });
  return ok({ type: { ...deleted.type, id: ctx.typeId }, events });
}
