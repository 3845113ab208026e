import {
  DomainError,
  type HistoryEvent,
  isFarAhead,
  type MiniatureType,
  type TypeLedger,
} from '@mpt/shared';
import { eventsOfType, lastEventOf } from './event-store';
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
  const [type, last] = await Promise.all([requireType(db, typeId), lastEventOf(db, typeId)]);
  const ledger: TypeLedger = {
    id: type.id,
    counts: type.counts,
    last_event_at: last?.created_at ?? null,
  };
  if (!withHistory && !isFarAhead(ledger.last_event_at, now)) return { type, ledger };
  const history = await eventsOfType(db, typeId);
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
