import type { Table } from 'dexie';
import { bumpLocalChangeSeq } from './meta';
import type { TrackerDb } from './schema';
import { toDomainError } from './storage-error';

/**
 * Runs one read-write transaction over `tables` (meta is always added, because every
 * local write bumps local_change_seq inside it, and so is the outbox, where it notes
 * what the next sync sends: outbox.ts). Dexie aborts the whole transaction
 * when `body` throws, so an action is all or nothing. Domain errors pass through;
 * anything else (quota exceeded, a closed database, an abort) becomes ERR_STORAGE,
 * and since the transaction aborted, everything saved before is still there.
 */
export async function localWrite<T>(
  db: TrackerDb,
  tables: Table[],
  body: () => Promise<T>,
): Promise<T> {
  return guardStorage(() =>
    db.transaction('rw', [...tables, db.meta, db.outbox], async () => {
      // The counter touches only meta, so it runs beside the body: fewer round trips.
      const [result] = await Promise.all([body(), bumpLocalChangeSeq(db)]);
      return result;
    }),
  );
}

/** Maps any non-domain failure of a storage call to DomainError('ERR_STORAGE'). */
export async function guardStorage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDomainError(error);
  }
}
