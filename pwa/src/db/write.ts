import { DomainError } from '@mpt/shared';
import type { Table } from 'dexie';
import { bumpLocalChangeSeq } from './meta';
import type { TrackerDb } from './schema';

/**
 * Runs one read-write transaction over `tables` (meta is always added, because every
 * local write bumps local_change_seq inside it). Dexie aborts the whole transaction
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
    db.transaction('rw', [...tables, db.meta], async () => {
      const result = await body();
      await bumpLocalChangeSeq(db);
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

/** A DomainError as is; anything else as ERR_STORAGE with the original name. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const inner = (error as { inner?: unknown } | null)?.inner;
  if (inner instanceof DomainError) return inner;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError('ERR_STORAGE', { name, message });
}
