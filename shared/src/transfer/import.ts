import type { ImportReport } from '../schema/api';
import { mergeStates } from './merge';
import type { TrackerState } from './state';

export interface ImportPlan {
  /** The state after the import; unchanged input when nothing is new. */
  state: TrackerState;
  report: ImportReport;
}

/**
 * Merges a validated file state into the current state and reports what it would do.
 * Pure: the caller writes `state` in one transaction, or nothing on a dry run.
 */
export function planImport(current: TrackerState, file: TrackerState, dryRun: boolean): ImportPlan {
  const { state, conflicts, added } = mergeStates(current, file);
  const before = new Set(current.types.map((t) => t.id));
  const after = new Set(state.types.map((t) => t.id));
  const gone = new Set(current.tombstones.map((t) => t.id));
  let typesCreated = 0;
  let typesMerged = 0;
  for (const t of file.types) {
    if (gone.has(t.id)) continue;
    if (!before.has(t.id) && after.has(t.id)) typesCreated++;
    else typesMerged++;
  }
  return {
    state,
    report: {
      types_created: typesCreated,
      types_merged: typesMerged,
      events_added: added,
      events_skipped: file.events.length - added,
      conflicts,
      dry_run: dryRun,
    },
  };
}
