import { DomainError } from '../errors';
import type { DeletedType, FoldedType, ImportReport } from '../schema/api';
import { diffStates, isEmptyDelta } from './diff';
import { mergeStates } from './merge';
import type { TrackerState } from './state';
import { checkStateLimits } from './state-limits';

export interface ImportPlan {
  /** The state after the import; unchanged input when nothing is new. */
  state: TrackerState;
  report: ImportReport;
}

function countByType(events: TrackerState['events']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type_id, (counts.get(e.type_id) ?? 0) + 1);
  return counts;
}

/**
 * Merges a validated file state into the current state and reports what it would do
 * (SPEC §3): types created and merged, events added and already known, conflicts, the
 * current types it deletes and the types it folds by name (each by name, with their
 * events), and whether anything changes at all. Pure: the caller writes `state` in
 * one transaction, or nothing on a dry run. Throws ERR_IMPORT_INCONSISTENT (merge), or
 * ERR_LIMIT_REACHED when the result would hold more than a data file can carry.
 */
export function planImport(current: TrackerState, file: TrackerState, dryRun: boolean): ImportPlan {
  const { state, conflicts, added } = mergeStates(current, file);
  const limits = checkStateLimits(state);
  if (!limits.ok) throw new DomainError(limits.code, limits.details);
  const before = new Set(current.types.map((t) => t.id));
  const after = new Map(state.types.map((t) => [t.id, t]));
  const gone = new Set(current.tombstones.map((t) => t.id));
  let typesCreated = 0;
  let typesMerged = 0;
  const tombstones = new Map(state.tombstones.map((t) => [t.id, t]));
  // Where a folded type's history went: the end of its merged_into chain.
  const survivor = (id: string): string => {
    let at = id;
    for (let i = 0; i < 64 && !after.has(at); i++) {
      const next = tombstones.get(at)?.merged_into;
      if (!next) break;
      at = next;
    }
    return at;
  };
  for (const t of file.types) {
    if (gone.has(t.id)) continue;
    if (before.has(t.id)) typesMerged++;
    else if (after.has(t.id)) typesCreated++;
    // Joined with a type of yours; one joined with another new type only shows as a fold.
    else if (before.has(survivor(t.id))) typesMerged++;
  }
  const currentEvents = countByType(current.events);
  const fileEvents = countByType(file.events);
  const typesDeleted: DeletedType[] = [];
  const typesFolded: FoldedType[] = [];
  const reported = new Set<string>();
  const describe = (t: { id: string; name: string }, fromFile: boolean) => {
    if (after.has(t.id) || reported.has(t.id)) return;
    const tomb = tombstones.get(t.id);
    if (!tomb || (fromFile && gone.has(t.id))) return;
    reported.add(t.id);
    const events = (fromFile ? fileEvents : currentEvents).get(t.id) ?? 0;
    const into = tomb.merged_into === null ? undefined : after.get(tomb.merged_into);
    if (into) {
      typesFolded.push({ id: t.id, name: t.name, into_id: into.id, into_name: into.name, events });
    } else if (!fromFile) {
      typesDeleted.push({ id: t.id, name: t.name, events });
    }
  };
  for (const t of current.types) describe(t, false);
  for (const t of file.types) describe(t, true);
  return {
    state,
    report: {
      types_created: typesCreated,
      types_merged: typesMerged,
      events_added: added,
      events_skipped: file.events.length - added,
      conflicts,
      types_deleted: typesDeleted,
      types_folded: typesFolded,
      changed: !isEmptyDelta(diffStates(current, state)),
      dry_run: dryRun,
    },
  };
}
