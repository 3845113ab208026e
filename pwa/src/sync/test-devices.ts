import { afterEach } from 'vitest';
import type { TrackerDb } from '../db/schema';
import { freshDb } from '../db/test-db';
import { completeAttempt, prepareAttempt, type SyncOutcome } from './attempt';
import type { SyncClient } from './client';
import { dexieReplica } from './local-replica';

/**
 * Fresh databases ("devices") for one test file: returns a maker, and registers an
 * afterEach that deletes every database made during the test. Call at the file's top.
 */
export function deviceDatabases(): () => TrackerDb {
  const dbs: TrackerDb[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.delete()));
  });
  return () => {
    const db = freshDb();
    dbs.push(db);
    return db;
  };
}

/** One whole delta sync of `db` with `server`: an attempt prepared, then completed. */
export async function syncOnce(server: SyncClient, db: TrackerDb): Promise<SyncOutcome> {
  const local = dexieReplica(db);
  const attempt = await prepareAttempt(local, 'http://sync.test', () => crypto.randomUUID());
  return completeAttempt(server, local, attempt, 'Test');
}
