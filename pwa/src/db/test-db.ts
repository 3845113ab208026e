import { newId } from './ids';
import { openTrackerDb, type TrackerDb } from './schema';

/** A fresh, empty database with a unique name (for tests on fake-indexeddb). */
export function freshDb(): TrackerDb {
  return openTrackerDb(`test-${newId()}`);
}
