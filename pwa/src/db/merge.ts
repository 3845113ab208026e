import {
  diffStates,
  type ImportReport,
  isEmptyState,
  planImport,
  type TrackerState,
} from '@mpt/shared';
import { droppedEventIds, mergeDrops, noteDroppedEvents } from './dropped-events';
import { bumpLocalChangeSeq } from './meta';
import { noteDelta } from './outbox';
import { mergeTables, takeRestorePoint } from './restore-points';
import type { RestoreReason, TrackerDb } from './schema';
import { applyDelta, readState } from './state-io';
import { guardStorage } from './write';

/** Where a merge is, for a progress line: reading, merging, the restore point, writing rows. */
export type MergeProgress =
  | { step: 'reading' | 'merging' | 'restore-point' }
  | { step: 'writing'; done: number; total: number };

/** Options of mergeIntoLocal. */
export interface MergeOptions {
  /** Report only: nothing is written. */
  dryRun: boolean;
  /** Recorded on the restore point. */
  reason: RestoreReason;
  /**
   * Aborts the merge while it runs: the transaction is rolled back, nothing changes,
   * and the promise rejects with the signal's reason (an AbortError DOMException).
   */
  signal?: AbortSignal;
  /** Told of each step; the rows written so far while writing. */
  onProgress?: (progress: MergeProgress) => void;
}

/**
 * A merge's report, the events this device had dropped before it (dropped-events.ts),
 * and whether it kept a restore point (none when nothing changed or the device was empty).
 */
export interface LocalMergeResult {
  report: ImportReport;
  droppedBefore: ReadonlySet<string>;
  pointKept: boolean;
}

/**
 * Merges a validated state (an imported file, a sync snapshot) into the local data.
 * Public contract for import and device sync. In ONE transaction it re-reads the
 * local state (so local writes made meanwhile are kept, never overwritten), runs
 * shared's planImport (mergeStates), and, only when the merge changes local data
 * (report.changed), keeps the previous state as a restore point (the last 10 are
 * kept; none of an empty device) and writes just the delta (diffStates). Imports and
 * restores count as local changes (local_change_seq is bumped, so sync knows to push
 * them); a sync merge does not. Throws DomainError (ERR_IMPORT_INCONSISTENT, ERR_STORAGE) or, when
 * `opts.signal` aborts, its AbortError; then nothing changed.
 */
export async function mergeIntoLocal(
  db: TrackerDb,
  incoming: TrackerState,
  opts: MergeOptions,
  now: Date = new Date(),
): Promise<ImportReport> {
  return (await mergeIntoLocalTracked(db, incoming, opts, now)).report;
}

/**
 * mergeIntoLocal, also returning the ids of the events this device had held and
 * dropped before the merge, read in the same transaction (device sync reports the
 * conflicts of such events when they come back), and whether a restore point was kept
 * (an import's result line says so only then). The merge's own drops are recorded.
 */
export function mergeIntoLocalTracked(
  db: TrackerDb,
  incoming: TrackerState,
  opts: MergeOptions,
  now: Date = new Date(),
): Promise<LocalMergeResult> {
  const tables = mergeTables(db);
  const progress = (p: MergeProgress) => {
    opts.signal?.throwIfAborted();
    opts.onProgress?.(p);
  };
  return guardStorage(() =>
    db.transaction(opts.dryRun ? 'r' : 'rw', tables, async () => {
      progress({ step: 'reading' });
      const [current, droppedBefore] = await Promise.all([readState(db), droppedEventIds(db)]);
      progress({ step: 'merging' });
      const plan = planImport(current, incoming, opts.dryRun);
      const result = { report: plan.report, droppedBefore, pointKept: false };
      if (opts.dryRun || !plan.report.changed) return result;
      const delta = diffStates(current, plan.state);
      // An empty device has nothing to keep (takeRestorePoint): no step to show either.
      if (!isEmptyState(current)) {
        progress({ step: 'restore-point' });
        result.pointKept = (await takeRestorePoint(db, current, opts.reason, now)) !== null;
      }
      await applyDelta(db, delta, plan.state, (done, total) =>
        progress({ step: 'writing', done, total }),
      );
      const { dropped, heldAgain } = mergeDrops(current, delta, plan.state, droppedBefore);
      await noteDroppedEvents(db, dropped, heldAgain, droppedBefore);
      // What an import brought is new to the server too: the next sync sends it.
      if (opts.reason !== 'sync') await Promise.all([bumpLocalChangeSeq(db), noteDelta(db, delta)]);
      opts.signal?.throwIfAborted();
      return result;
    }),
  );
}
