import type { TrackerDb } from '../db/schema';
import type { AppState } from './app-state';
import { watchTypes } from './types-feed';

/**
 * Feeds the state from the database: one watcher over the types table (never one
 * query per row) that re-reads only the changed rows, so a change in any tab shows
 * here at once. Also turns a version change from a newer tab into "please reload"
 * instead of a hung tab. Returns a disposer.
 */
export function connectAppState(state: AppState, db: TrackerDb): () => void {
  const stop = watchTypes(
    db,
    (update) => {
      state.types.value = update(state.types.value);
    },
    (error) => {
      state.notice.value = {
        kind: 'error',
        code: 'ERR_STORAGE',
        details: { message: String(error) },
      };
    },
  );
  const onVersionChange = () => {
    db.close();
    state.dbStale.value = true;
    return false;
  };
  const onBlocked = () => {
    state.dbStale.value = true;
  };
  db.on('versionchange', onVersionChange);
  db.on('blocked', onBlocked);
  return () => {
    stop();
    db.on('versionchange').unsubscribe(onVersionChange);
    db.on('blocked').unsubscribe(onBlocked);
  };
}
