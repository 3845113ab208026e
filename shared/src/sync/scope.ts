import type { Tombstone } from '../schema/entities';
import { diffStates, type StateDelta } from '../transfer/diff';
import { type ImportPlan, planImport } from '../transfer/import';
import { emptyState, type TrackerState } from '../transfer/state';
import { nameKey } from '../values/names';

/** What a replica must look up, cheaply, to know which of its types a change set touches. */
export interface ScopeLookup {
  /** Every live type: its id and its identity key (nameKey of its name). */
  typeKeys: Iterable<readonly [id: string, key: string]>;
  /** Every tombstone. */
  tombstones: readonly Tombstone[];
  /** The events of the change set this replica already holds: event id → its type now. */
  heldEventTypes: ReadonlyMap<string, string>;
}

/**
 * The types of a replica that merging `changes` into it can touch (SPEC §10): the types
 * the changes name (their types, tombstones, events and where those lead through fold
 * tombstones), the types already holding one of their events, and the live types whose
 * name has the identity key of one of their names (a fold by name). Merging the changes
 * into just these types, their events and every tombstone gives exactly what merging
 * them into the whole replica gives (planChanges; proven by scope.property.test.ts):
 * every other type keeps its name, its events and so its counts.
 */
export function changeScope(local: ScopeLookup, changes: TrackerState): Set<string> {
  const folds = new Map<string, string[]>();
  for (const t of [...local.tombstones, ...changes.tombstones]) {
    if (t.merged_into === null) continue;
    const list = folds.get(t.id);
    if (list) list.push(t.merged_into);
    else folds.set(t.id, [t.merged_into]);
  }
  const scope = new Set<string>();
  // A type, and every type its events may follow to through fold tombstones.
  const add = (id: string) => {
    const queue = [id];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (scope.has(next)) continue;
      scope.add(next);
      for (const target of folds.get(next) ?? []) queue.push(target);
    }
  };
  const keys = new Set<string>();
  for (const t of changes.types) {
    add(t.id);
    keys.add(nameKey(t.name));
  }
  for (const t of changes.tombstones) add(t.id);
  for (const e of changes.events) {
    add(e.type_id);
    const held = local.heldEventTypes.get(e.id);
    if (held !== undefined) add(held);
  }
  for (const [id, key] of local.typeKeys) if (keys.has(key)) add(id);
  return scope;
}

/**
 * The part of a whole replica state that a change set can touch, and that scope: the
 * scope's types and their events, every tombstone, the goal and the top-level unknown
 * fields (as a store loads it for planChanges).
 */
export function scopedState(
  state: TrackerState,
  changes: TrackerState,
): { scope: Set<string>; scoped: TrackerState } {
  const wanted = new Set(changes.events.map((e) => e.id));
  const heldEventTypes = new Map<string, string>();
  for (const e of state.events) if (wanted.has(e.id)) heldEventTypes.set(e.id, e.type_id);
  const scope = changeScope(
    {
      typeKeys: state.types.map((t) => [t.id, nameKey(t.name)] as const),
      tombstones: state.tombstones,
      heldEventTypes,
    },
    changes,
  );
  return {
    scope,
    scoped: {
      types: state.types.filter((t) => scope.has(t.id)),
      events: state.events.filter((e) => scope.has(e.type_id)),
      tombstones: state.tombstones,
      ...(state.goal !== undefined && { goal: state.goal }),
      ...(state.extra !== undefined && { extra: state.extra }),
    },
  };
}

/** planImport over a scoped state, with the writes that turn the scoped state into its result. */
export interface ChangesPlan extends ImportPlan {
  delta: StateDelta;
}

/**
 * Merges a change set into the part of a replica it touches (SPEC §10): `scoped` holds
 * the live types of changeScope with all their events, and every tombstone. Returns
 * planImport's state (those types after the merge, every tombstone) and report, and the
 * delta to write. Types outside the scope stay exactly as they are.
 */
export function planChanges(
  scoped: TrackerState,
  changes: TrackerState,
  dryRun: boolean,
): ChangesPlan {
  const plan = planImport(scoped, changes, dryRun);
  return { ...plan, delta: diffStates(scoped, plan.state) };
}

/** planChanges' report of merging nothing (an empty push, an answer with nothing new). */
export function emptyChangesReport(): ChangesPlan['report'] {
  return planChanges(emptyState(), emptyState(), false).report;
}
