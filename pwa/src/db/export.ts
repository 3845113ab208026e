import { type DataFile, stateToDataFile } from '@mpt/shared';
import { META, setMeta } from './meta';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { guardStorage } from './write';

/** The whole local state as a data file (SPEC §3); records when the export happened. */
export function exportDataFile(db: TrackerDb, now: Date = new Date()): Promise<DataFile> {
  return guardStorage(async () => {
    const file = stateToDataFile(await readState(db), now);
    await setMeta(db, META.lastExportAt, now.toISOString());
    return file;
  });
}

/** File name for an export made at `now`, e.g. miniatures-tracker-2026-11-23.json. */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `miniatures-tracker-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
