import type { TrackerDb } from '../db/schema';
import type { AppState } from './app-state';
import { liveSignal } from './live';

/**
 * Feeds the state from the database: one live query over the types table (never one
 * per row), so a change in any tab shows here at once. Also turns a version change
 * from a newer tab into "please reload" instead of a hung tab. Returns a disposer.
 */
export function connectAppState(state: AppState, db: TrackerDb): () => void {
  const live = liveSignal(
    () => db.types.toArray(),
    null,
    (error) => {
      state.notice.value = {
        kind: 'error',
        code: 'ERR_STORAGE',
        details: { message: String(error) },
      };
    },
  );
  const stop = live.value.subscribe((types) => {
    if (types !== null) state.types.value = types;
  });
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
    live.dispose();
    db.on('versionchange').unsubscribe(onVersionChange);
    db.on('blocked').unsubscribe(onBlocked);
  };
}
