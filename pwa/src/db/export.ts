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

/**
 * The text of an exported data file: compact JSON. Indented, a large collection's own
 * backup outgrew the import limit (LIMITS.fileBytes, 50 MB): 4 600 types with 230 000
 * history entries wrote 53 MB indented, 33 MB compact (review), so the app could not
 * read back its own export.
 */
export function exportText(file: DataFile): string {
  return JSON.stringify(file);
}

/** File name for an export made at `now`, e.g. miniatures-tracker-2026-11-23.json. */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `miniatures-tracker-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
