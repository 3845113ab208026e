import type { TrackerDb } from './schema';

/** Meta keys. `local_change_seq` is read by device sync (see state-io.ts). */
export const META = {
  localChangeSeq: 'local_change_seq',
  lastExportAt: 'last_export_at',
  firstUseAt: 'first_use_at',
  /** The painting goal as a GoalSetting (SPEC §9), absent until first set. */
  goal: 'goal',
  /** The data file's top-level fields of a newer version (SPEC §9), absent when none. */
  fileExtra: 'file_extra',
} as const;

/** Reads a meta value, or the fallback when it was never set. */
export async function getMeta<T>(db: TrackerDb, key: string, fallback: T): Promise<T> {
  const row = await db.meta.get(key);
  return row === undefined ? fallback : (row.value as T);
}

/** Writes a meta value. */
export async function setMeta(db: TrackerDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/**
 * Increments the local change counter. Called inside every local write's own
 * transaction, so the counter and the data can never disagree.
 */
export async function bumpLocalChangeSeq(db: TrackerDb): Promise<number> {
  const next = (await getMeta(db, META.localChangeSeq, 0)) + 1;
  await setMeta(db, META.localChangeSeq, next);
  return next;
}

/** The number of local writes ever made on this device (0 on a fresh database). */
export function getLocalChangeSeq(db: TrackerDb): Promise<number> {
  return getMeta(db, META.localChangeSeq, 0);
}
