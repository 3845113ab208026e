import { DEFAULT_VIEW, type ListSort, type ListView, type Metric } from './list-view';
import { deviceStorage, recall, remember } from './remembered';

/** Where the list's view is kept on this device (like the language: i18n/index.ts). */
export const VIEW_STORAGE_KEY = 'mpt.listView';

const SORTS: readonly ListSort[] = ['name', 'done', 'inBox', 'recent'];
const METRICS: readonly Metric[] = ['models', 'points'];
/** More folded sections than anyone has armies: a bound on what is read back. */
const MAX_FOLDED = 1_000;

const keyOrNull = (v: unknown): string | null | undefined =>
  v === null ? null : typeof v === 'string' && v.length <= 400 ? v : undefined;

/**
 * A stored view read back: each field kept when it is well formed, the default in its
 * place otherwise (a view from an older or newer app, or edited by hand, never breaks
 * the list). Takes any JSON value; returns a whole ListView.
 */
export function parseView(raw: unknown): ListView {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return DEFAULT_VIEW;
  const r = raw as Record<string, unknown>;
  const army = keyOrNull(r.army);
  const game = keyOrNull(r.game);
  return {
    group: typeof r.group === 'boolean' ? r.group : DEFAULT_VIEW.group,
    army: army === undefined ? DEFAULT_VIEW.army : army,
    // '' is "No army", never a game.
    game: game === undefined || game === '' ? DEFAULT_VIEW.game : game,
    sort: SORTS.includes(r.sort as ListSort) ? (r.sort as ListSort) : DEFAULT_VIEW.sort,
    metric: METRICS.includes(r.metric as Metric) ? (r.metric as Metric) : DEFAULT_VIEW.metric,
    folded: Array.isArray(r.folded)
      ? [...new Set(r.folded.filter((k): k is string => keyOrNull(k) != null))].slice(0, MAX_FOLDED)
      : DEFAULT_VIEW.folded,
  };
}

/** The view this device last used (the default when none, or storage is off). */
export function readView(storage: Pick<Storage, 'getItem'> | null = deviceStorage()): ListView {
  return recall(VIEW_STORAGE_KEY, parseView, DEFAULT_VIEW, storage);
}

/** Remembers the view on this device; storage that is off or full just forgets it. */
export function saveView(
  view: ListView,
  storage: Pick<Storage, 'setItem'> | null = deviceStorage(),
): void {
  remember(VIEW_STORAGE_KEY, view, storage);
}

/** `view` with the section `key` folded or unfolded. */
export function toggleFolded(view: ListView, key: string): ListView {
  const folded = view.folded.includes(key)
    ? view.folded.filter((k) => k !== key)
    : [...view.folded, key];
  return { ...view, folded };
}
