import { getMeta, setMeta } from './meta';
import type { TrackerDb } from './schema';

// Kept in the database, not in localStorage: it is written in the transaction that
// merges the server's answer, so the data and the cursor can never disagree.
const KEY = 'sync_cursor';

interface StoredCursor {
  url: string;
  cursor: string | null;
  push_all: boolean;
}

/** Where this device stands with the server at `url` (SPEC §10). */
export interface CursorState {
  /** The server's cursor, or null: send everything, get everything. */
  cursor: string | null;
  /** The server did not know the last cursor: it may lack data, send everything once. */
  pushAll: boolean;
}

/** The cursor for `url`; none when it was kept for another server. Joins the caller's transaction. */
export async function readCursor(db: TrackerDb, url: string): Promise<CursorState> {
  const stored = await getMeta<StoredCursor | null>(db, KEY, null);
  if (!stored || stored.url !== url) return { cursor: null, pushAll: false };
  return { cursor: stored.cursor, pushAll: stored.push_all };
}

/** Records where this device stands with `url`. Call in the merge's transaction. */
export async function writeCursor(db: TrackerDb, url: string, state: CursorState): Promise<void> {
  await setMeta(db, KEY, { url, cursor: state.cursor, push_all: state.pushAll });
}

/**
 * Forgets the cursor: the next sync sends everything and gets everything. After a
 * restore the data no longer holds all the server sent, so a cursor would lie.
 */
export async function forgetCursor(db: TrackerDb): Promise<void> {
  await setMeta(db, KEY, null);
}
