import type { TrackerState } from '../transfer/state';
import { nameKey } from '../values/names';

interface NameView {
  name: string;
  at: string;
}

/** Last-writer-wins names over some replicas (the rule of SPEC §3 step 3, as an oracle). */
function namesOf(states: readonly TrackerState[]): Map<string, NameView> {
  const names = new Map<string, NameView>();
  for (const s of states) {
    for (const t of s.types) {
      const seen = names.get(t.id);
      if (
        !seen ||
        t.name_updated_at > seen.at ||
        (t.name_updated_at === seen.at && t.name < seen.name)
      ) {
        names.set(t.id, { name: t.name, at: t.name_updated_at });
      }
    }
  }
  return names;
}

const folds = (s: TrackerState) => s.tombstones.filter((t) => t.merged_into !== null);

/** A pair of replicas sees two live types with one name key that the full view does not. */
function staleCollision(replicas: readonly TrackerState[]): boolean {
  const all = namesOf(replicas);
  const gone = new Set(replicas.flatMap((s) => s.tombstones.map((t) => t.id)));
  for (let i = 0; i < replicas.length; i++) {
    for (let j = i + 1; j < replicas.length; j++) {
      const pair = [replicas[i]!, replicas[j]!];
      const goneInPair = new Set(pair.flatMap((s) => s.tombstones.map((t) => t.id)));
      const byKey = new Map<string, string[]>();
      for (const [id, view] of namesOf(pair)) {
        if (goneInPair.has(id)) continue;
        const key = nameKey(view.name);
        byKey.set(key, [...(byKey.get(key) ?? []), id]);
      }
      for (const ids of byKey.values()) {
        if (ids.length < 2) continue;
        const keys = new Set(ids.map((id) => nameKey(all.get(id)!.name)));
        if (keys.size > 1 || ids.some((id) => gone.has(id))) return true;
      }
    }
  }
  return false;
}

/**
 * A type folded on one replica is deleted on another that does not know the fold, or
 * the survivor of a fold is deleted on a replica that does not know the fold.
 */
function foldMeetsDelete(replicas: readonly TrackerState[]): boolean {
  for (const r1 of replicas) {
    for (const fold of folds(r1)) {
      for (const r2 of replicas) {
        if (folds(r2).some((t) => t.id === fold.id)) continue;
        const deleted = r2.tombstones.filter((t) => t.merged_into === null).map((t) => t.id);
        if (deleted.includes(fold.id) || deleted.includes(fold.merged_into!)) return true;
      }
    }
  }
  return false;
}

/** One type folded into different survivors on two replicas that never meet in a chain. */
function divergentFolds(replicas: readonly TrackerState[]): boolean {
  const edges = new Map<string, Set<string>>();
  for (const s of replicas) {
    for (const t of folds(s)) edges.set(t.id, (edges.get(t.id) ?? new Set()).add(t.merged_into!));
  }
  const reach = (start: string): Set<string> => {
    const seen = new Set([start]);
    for (const id of seen) for (const next of edges.get(id) ?? []) seen.add(next);
    return seen;
  };
  for (const targets of edges.values()) {
    const [first, ...rest] = [...targets].map(reach);
    for (const r of rest) if (![...r].some((id) => first!.has(id))) return true;
  }
  return false;
}

/**
 * The cases where merge is not associative, by design (see docs/data-format.md, "Name
 * folds are decisions"). A fold is a decision taken by the replica that first sees two
 * live types with one name key, from what it knows then; it moves the loser's events
 * into the survivor and forgets where they came from. When another replica has
 * concurrently renamed one of the two away, deleted one of them, or folded the loser
 * into a different survivor, the order of merges decides whether that fold happens (or
 * which survivor holds the events). Every outcome is a valid replica state; merge stays
 * commutative and idempotent, and replicas converge once they have all seen the same
 * tombstones, but merge(merge(x, y), z) and merge(x, merge(y, z)) may differ.
 *
 * True when the three (or more) replicas contain such a race: a stale collision seen
 * by a pair, a fold that meets a concurrent deletion, or divergent folds of one type.
 */
export function foldRacesConcurrentEdit(replicas: readonly TrackerState[]): boolean {
  return staleCollision(replicas) || foldMeetsDelete(replicas) || divergentFolds(replicas);
}
