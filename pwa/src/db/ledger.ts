import {
  DomainError,
  type HistoryEvent,
  isFarAhead,
  type MiniatureType,
  skippedEventIds,
  type TypeLedger,
} from '@mpt/shared';
import { Dexie } from 'dexie';
import type { TrackerDb } from './schema';

/** Reads a type or throws ERR_TYPE_NOT_FOUND. Call inside a transaction. */
export async function requireType(db: TrackerDb, typeId: string): Promise<MiniatureType> {
  const type = await db.types.get(typeId);
  if (!type) throw new DomainError('ERR_TYPE_NOT_FOUND', { type_id: typeId });
  return type;
}

/**
 * The type's current counts and last event time, read inside the caller's
 * transaction: a move planned on these numbers cannot race another tab's move. When
 * the last event lies far ahead of `now` (another device's clock ran ahead), the
 * type's whole history too (also returned as `history`), so the planner can date the
 * new event now (SPEC §8); and always with `withHistory` (an undo checks its event
 * against the whole history).
 */
export async function readLedger(
  db: TrackerDb,
  typeId: string,
  now: Date,
  withHistory = false,
): Promise<{ type: MiniatureType; ledger: TypeLedger; history?: HistoryEvent[] }> {
  // Both reads are issued together: one round trip instead of two.
  const [type, last] = await Promise.all([
    requireType(db, typeId),
    db.events
      .where('[type_id+created_at]')
      .between([typeId, Dexie.minKey], [typeId, Dexie.maxKey])
      .last(),
  ]);
  const ledger: TypeLedger = {
    id: type.id,
    counts: type.counts,
    last_event_at: last?.created_at ?? null,
  };
  if (!withHistory && !isFarAhead(ledger.last_event_at, now)) return { type, ledger };
  const history = await db.events.where('type_id').equals(typeId).toArray();
  ledger.history = history;
  return { type, ledger, history };
}

/** Name keys of every live type except `exceptId`: what "name taken" is checked against. */
export async function takenNameKeys(
  db: TrackerDb,
  keyOf: (name: string) => string,
  exceptId?: string,
): Promise<Set<string>> {
  const keys = new Set<string>();
  await db.types.each((t) => {
    if (t.id !== exceptId) keys.add(keyOf(t.name));
  });
  return keys;
}

/**
 * Which of `eventIds` this device's own replay of their types already sets aside (SPEC
 * §3: a move that does not fit is kept, not counted): a server's report of them says
 * nothing new here. Returns that subset; unknown ids are not in it. One read
 * transaction over the histories of the events' types.
 */
export function alreadySetAside(db: TrackerDb, eventIds: readonly string[]): Promise<Set<string>> {
  return db.transaction('r', [db.events], async () => {
    const known = (await db.events.bulkGet([...eventIds])).filter((e) => e !== undefined);
    if (known.length === 0) return new Set<string>();
    const typeIds = [...new Set(known.map((e) => e.type_id))];
    const events = await db.events.where('type_id').anyOf(typeIds).toArray();
    const skipped = skippedEventIds({ types: [], events, tombstones: [] });
    return new Set(eventIds.filter((id) => skipped.has(id)));
  });
}
