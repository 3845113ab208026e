import {
  type Counts,
  type ErrorCode,
  type ErrorDetails,
  type MiniatureType,
  STAGES,
  wholePercent,
  zeroCounts,
} from '@mpt/shared';
import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { createTypeSorter, type TypeEntry } from './type-index';
import type { Searcher } from './type-search';

/** A message shown in the app's notice area; text is looked up at render time (live language). */
export type Notice =
  /** `undo`: the refusal of an undo, said in an undo's words (i18n undoErrorText). */
  | { kind: 'error'; code: ErrorCode; details: ErrorDetails; undo?: true }
  | { kind: 'info'; key: string; params?: Record<string, unknown> };

/**
 * The last change, offered for undo in the snackbar (text looked up at render time);
 * `undo` null once it ran ("Undone."). `id` tells two offers with the same text apart.
 */
export interface UndoOffer {
  id: number;
  key: string;
  params: Record<string, unknown>;
  undo: (() => Promise<unknown>) | null;
  /** The events `undo` reverts (a change of counts): a sync that sets one aside withdraws it. */
  eventIds?: readonly string[];
}

/**
 * The offer `o` once a sync set its change aside (SPEC §3: kept and synced, never
 * applied): no Undo, and a short text in its place that says why (`undo.setAside`;
 * "Moved … — not applied" read as a contradiction, and four lines covered the page).
 */
export function setAsideOffer(o: UndoOffer): UndoOffer {
  return { id: o.id, key: 'undo.setAside', params: {}, undo: null };
}

/**
 * Withdraws the snackbar's Undo when a sync set one of its events aside (ids in
 * `setAside`): undoing a step that was never applied has nothing to take back, and
 * would only be refused (ERR_NOT_REVERTIBLE). True when it withdrew it.
 */
export function withdrawSetAside(state: AppState, setAside: ReadonlySet<string>): boolean {
  const o = state.undo.peek();
  if (!o?.undo || !o.eventIds?.some((id) => setAside.has(id))) return false;
  state.undo.value = setAsideOffer(o);
  return true;
}

/** Totals across all types. */
export interface Totals {
  counts: Counts;
  total: number;
  done: number;
  /** Whole percent of models that are DONE. */
  percent: number;
}

/** The app's shared state: plain signals and values computed from them. */
export interface AppState {
  /** Every live type; null until the first read finished. */
  types: Signal<MiniatureType[] | null>;
  /** The search box text. */
  query: Signal<string>;
  /** All types A–Z. */
  entries: ReadonlySignal<TypeEntry[]>;
  /** The search, once loaded (loadSearch). */
  searcher: Signal<Searcher | null>;
  /** The types matching the search (all of them until the search is loaded). */
  visible: ReadonlySignal<readonly TypeEntry[]>;
  totals: ReadonlySignal<Totals>;
  notice: Signal<Notice | null>;
  /** The change the snackbar offers to undo. */
  undo: Signal<UndoOffer | null>;
  /** Another tab opened a newer database version: this one must reload. */
  dbStale: Signal<boolean>;
}

/** Sums counts over types and computes the share that is done. */
export function computeTotals(types: readonly MiniatureType[]): Totals {
  const counts = zeroCounts();
  for (const t of types) for (const s of STAGES) counts[s] += t.counts[s];
  const total = STAGES.reduce((n, s) => n + counts[s], 0);
  return {
    counts,
    total,
    done: counts.DONE,
    percent: wholePercent(counts.DONE, total),
  };
}

/** Builds the state. Data arrives through connectAppState (live queries). */
export function createAppState(): AppState {
  const types = signal<MiniatureType[] | null>(null);
  const query = signal('');
  const sort = createTypeSorter();
  const entries = computed(() => sort(types.value ?? []));
  const searcher = signal<Searcher | null>(null);
  const visible = computed(
    () => searcher.value?.filter(entries.value, query.value) ?? entries.value,
  );
  const totals = computed(() => computeTotals(types.value ?? []));
  return {
    types,
    query,
    entries,
    searcher,
    visible,
    totals,
    notice: signal(null),
    undo: signal(null),
    dbStale: signal(false),
  };
}

/**
 * Loads the search (with shared's name rules, kept out of the initial bundle) and
 * works out the search keys of the types listed, a slice at a time. main.tsx calls it
 * when idle after the first paint; the search box calls it if typed into sooner.
 */
export function loadSearch(state: AppState): Promise<void> {
  let loading = searchLoads.get(state);
  if (!loading) {
    loading = import('./type-search').then(async (m) => {
      const searcher = m.createSearcher();
      state.searcher.value = searcher;
      await searcher.warm(state.entries.value);
    });
    searchLoads.set(state, loading);
  }
  return loading;
}
const searchLoads = new WeakMap<AppState, Promise<void>>();

/** Replaces one type in the list at once, before the live query re-reads the table. */
export function patchType(state: AppState, next: MiniatureType): void {
  const list = state.types.value;
  if (!list) return;
  const i = list.findIndex((t) => t.id === next.id);
  const copy = list.slice();
  if (i === -1) copy.push(next);
  else copy[i] = next;
  state.types.value = copy;
}
