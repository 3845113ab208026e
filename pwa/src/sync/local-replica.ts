import { getLocalChangeSeq } from '../db/meta';
import { readOutgoing, readRecords } from '../db/outbox';
import { redateRefused } from '../db/redate';
import type { TrackerDb } from '../db/schema';
import { alreadySetAside, readPossibleDoubles, readSameStepTwins } from '../db/set-aside';
import { mergeChangesIntoLocal } from '../db/sync-merge';
import type { LocalReplica } from './attempt';

/** The app's Dexie database as a sync replica. */
export function dexieReplica(db: TrackerDb): LocalReplica {
  return {
    changeSeq: () => getLocalChangeSeq(db),
    readOutgoing: (url) => readOutgoing(db, url),
    applyChanges: async (incoming, receipt, onProgress) => {
      const merged = await mergeChangesIntoLocal(db, incoming, receipt, onProgress);
      return {
        ...merged.report,
        heldBefore: merged.heldBefore,
        droppedBefore: merged.droppedBefore,
      };
    },
    redate: (refused) => redateRefused(db, refused),
    readRefused: (refused) => readRecords(db, refused),
    alreadySetAside: (eventIds) => alreadySetAside(db, eventIds),
    sameStepTwins: (conflicts) => readSameStepTwins(db, conflicts),
    possibleDoubles: (mineIds, theirs) => readPossibleDoubles(db, mineIds, theirs),
  };
}
