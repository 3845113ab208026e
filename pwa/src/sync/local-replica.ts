import { mergeIntoLocal } from '../db/merge';
import { getLocalChangeSeq } from '../db/meta';
import type { TrackerDb } from '../db/schema';
import { readState } from '../db/state-io';
import type { LocalReplica } from './attempt';

/** The app's Dexie database as a sync replica. */
export function dexieReplica(db: TrackerDb): LocalReplica {
  return {
    changeSeq: () => getLocalChangeSeq(db),
    readState: () => readState(db),
    merge: (incoming) => mergeIntoLocal(db, incoming, { dryRun: false, reason: 'sync' }),
  };
}
