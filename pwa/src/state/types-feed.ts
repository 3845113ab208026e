import { type MiniatureType, sameTypeRecord } from '@mpt/shared';
import { Dexie, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import type { TrackerDb } from '../db/schema';

/**
 * The changed primary keys of a table in a Dexie mutation report, or 'all' when the
 * report holds a key range (a clear, a bulk change) rather than single keys.
 */
export function changedKeys(
  parts: ObservabilitySet,
  dbName: string,
  table: string,
): string[] | 'all' | null {
  const trees = [parts[`idb://${dbName}/${table}/`], parts[`idb://${dbName}/${table}/:dels`]];
  const keys = new Set<string>();
  let seen = false;
  const walk = (node: IntervalTree | null | undefined): boolean => {
    if (!node || node.d === 0) return true;
    const n = node as IntervalTreeNode;
    if (n.from !== n.to || typeof n.from !== 'string') return false;
    keys.add(n.from);
    return walk(n.l) && walk(n.r);
  };
  for (const tree of trees) {
    if (!tree) continue;
    seen = true;
    if (!walk(tree)) return 'all';
  }
  return seen ? [...keys] : null;
}

/**
 * Keeps a list of all types current without re-reading 10 000 rows on every change:
 * reads the table once, then listens to Dexie's mutation reports (fired for this tab
 * and, through Dexie's broadcast, for other tabs) and re-reads only the changed
 * rows. A whole-table read also blocks writes in IndexedDB, so avoiding it keeps the
 * "→" buttons fast. Falls back to a full read when a report names a key range.
 */
export function watchTypes(
  db: TrackerDb,
  onTypes: (update: (current: MiniatureType[] | null) => MiniatureType[]) => void,
  onError: (error: unknown) => void,
): () => void {
  let stopped = false;
  let pending: Set<string> | 'all' = 'all';
  let running = false;

  const flush = async () => {
    if (running || stopped) return;
    running = true;
    try {
      while (pending === 'all' || pending.size > 0) {
        const work = pending;
        pending = new Set();
        if (work === 'all') {
          const all = await db.types.toArray();
          if (!stopped) onTypes((current) => (current && sameList(current, all) ? current : all));
        } else {
          const ids = [...work];
          const rows = await db.types.bulkGet(ids);
          if (stopped) break;
          onTypes((current) => merge(current ?? [], ids, rows));
        }
      }
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      running = false;
    }
  };

  const onMutated = (parts: ObservabilitySet) => {
    const keys = changedKeys(parts, db.name, 'types');
    if (keys === null) return;
    if (keys === 'all') pending = 'all';
    else if (pending !== 'all') for (const k of keys) pending.add(k);
    void flush();
  };
  Dexie.on('storagemutated', onMutated);
  void flush();
  return () => {
    stopped = true;
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}

function sameList(a: MiniatureType[], b: MiniatureType[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(a.map((t) => [t.id, t]));
  return b.every((t) => {
    const old = byId.get(t.id);
    return old !== undefined && sameTypeRecord(old, t);
  });
}

/**
 * Applies re-read rows to the list. Returns the same array when nothing differs (the
 * write already patched the list in this tab), so nothing recomputes or re-renders.
 */
function merge(
  current: MiniatureType[],
  ids: string[],
  rows: (MiniatureType | undefined)[],
): MiniatureType[] {
  const byId = new Map(ids.map((id, i) => [id, rows[i]]));
  let changed = false;
  const out: MiniatureType[] = [];
  for (const t of current) {
    if (!byId.has(t.id)) {
      out.push(t);
      continue;
    }
    const next = byId.get(t.id);
    byId.delete(t.id);
    if (next && sameTypeRecord(t, next)) out.push(t);
    else {
      changed = true;
      if (next) out.push(next);
    }
  }
  for (const row of byId.values()) {
    if (row) {
      changed = true;
      out.push(row);
    }
  }
  return changed ? out : current;
}
