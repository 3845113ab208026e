import { mergeIntoLocalTracked } from '../db/merge';
import { getLocalChangeSeq } from '../db/meta';
import type { TrackerDb } from '../db/schema';
import { readState } from '../db/state-io';
import type { LocalReplica } from './attempt';

/** The app's Dexie database as a sync replica. */
export function dexieReplica(db: TrackerDb): LocalReplica {
  return {
    changeSeq: () => getLocalChangeSeq(db),
    readState: () => readState(db),
    merge: async (incoming) => {
      const merged = await mergeIntoLocalTracked(db, incoming, { dryRun: false, reason: 'sync' });
      return { ...merged.report, droppedBefore: merged.droppedBefore };
    },
  };
}
