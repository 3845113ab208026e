import { totalsOf } from '@mpt/shared';
import { useComputed } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ListTypeRow, typeRowHeight } from '../../components/TypeRow';
import { VirtualList } from '../../components/VirtualList';
import { t } from '../../i18n';
import { formatNumber } from '../../i18n/number';
import { loadSearch } from '../../state/app-state';
import { useApp } from '../../state/context';
import { groupOptions } from '../../state/group-names';
import { type ListRow, type ListView, listRows } from '../../state/list-view';
import {
  changedAt,
  followRecent,
  listView,
  recentEvents,
  setListView,
} from '../../state/list-view-state';
import { toggleFolded } from '../../state/view-store';
import { GROUP_HEAD_HEIGHT, GroupHeading } from './GroupHeading';
import { SearchBox } from './SearchBox';
import { TotalsBar } from './TotalsBar';
import { activeSettings, ViewPanel } from './ViewPanel';

const PANEL_ID = 'list-view-panel';

/**
 * The list once there are types (loaded beside the first read, ListScreen): totals in
 * models or points, the search and the View control, and the rows — per army with
 * foldable headings, filtered and sorted as the remembered view says.
 */
export function ListBody() {
  const { db, state, actions } = useApp();
  useEffect(() => followRecent(db, () => state.types.value), [db, state]);
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const toolsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const tools = toolsRef.current;
    if (!open || !tools) return;
    // Tabbing on into the list closes the panel: the sticky panel would hide the focused
    // row under it. A tap elsewhere leaves it open: closing it would move the page under
    // the finger, and the tap would land on another row.
    let tabbing = false;
    const onKey = (e: KeyboardEvent) => {
      tabbing = e.key === 'Tab';
    };
    const onPointer = () => {
      tabbing = false;
    };
    const onFocusOut = (e: FocusEvent) => {
      const next = e.relatedTarget as Node | null;
      if (tabbing && next && !tools.contains(next)) setOpen(false);
    };
    tools.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    tools.addEventListener('focusout', onFocusOut);
    return () => {
      tools.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
      tools.removeEventListener('focusout', onFocusOut);
    };
  }, [open]);
  const view = listView.value;
  const all = state.types.value ?? [];
  const totals = useComputed(() => totalsOf(state.types.value ?? [])).value;
  const shown = useComputed(() => {
    const v = listView.value;
    const types = state.types.value ?? [];
    // Sections only once some type has an army: one "No army" heading over every type
    // would say nothing.
    const group = v.group && types.some((x) => x.army !== null);
    const events = v.sort === 'recent' ? recentEvents.value : undefined;
    const rows = listRows(
      state.visible.value.map((e) => e.type),
      { ...v, group },
      events ? (x) => changedAt(x, events) : undefined,
    );
    let count = 0;
    for (const r of rows) count += r.kind === 'group' ? r.totals.types : group ? 0 : 1;
    return { rows, count };
  }).value;
  // The rows' heights follow the width (narrow.value, read by typeRowHeight).
  const rowHeight = typeRowHeight();
  const heightOf = useMemo(
    () => (r: ListRow) => (r.kind === 'group' ? GROUP_HEAD_HEIGHT : rowHeight),
    [rowHeight],
  );
  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onToggle = (key: string) => setListView(toggleFolded(listView.value, key));
  const active = activeSettings(view);
  const query = state.query.value.trim();
  const filtered = view.army !== null || view.game !== null;

  return (
    <>
      <TotalsBar totals={totals} metric={view.metric} />
      <div class="list-tools" ref={toolsRef}>
        <div class="tools-row">
          <SearchBox query={state.query} onType={() => void loadSearch(state)} />
          <button
            ref={toggleRef}
            type="button"
            class={active > 0 ? 'btn view-toggle view-on' : 'btn view-toggle'}
            aria-expanded={open}
            aria-controls={PANEL_ID}
            onClick={() => setOpen(!open)}
          >
            {active > 0 ? t('list.view.buttonActive', { count: active }) : t('list.view.button')}
          </button>
        </div>
        {open && (
          <ViewPanel id={PANEL_ID} types={all} view={view} onChange={setListView} onClose={close} />
        )}
      </div>
      {shown.rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title={
              query
                ? t('list.filteredSearchTitle', { filter: filterName(all, view), query })
                : t('list.filteredTitle', { filter: filterName(all, view) })
            }
            text={t('list.filteredText')}
          >
            <button
              type="button"
              class="btn"
              onClick={() => setListView({ ...listView.value, army: null, game: null })}
            >
              {t('list.clearFilter')}
            </button>
            {query && (
              <button type="button" class="btn" onClick={() => (state.query.value = '')}>
                {t('list.clearSearch')}
              </button>
            )}
          </EmptyState>
        ) : (
          <EmptyState title={t('list.noResultsTitle', { query })} text={t('list.noResultsText')}>
            <button type="button" class="btn" onClick={() => (state.query.value = '')}>
              {t('list.clearSearch')}
            </button>
          </EmptyState>
        )
      ) : (
        <>
          {shown.count !== all.length && (
            <p class="muted shown" role="status">
              {t('list.shown', {
                shown: formatNumber(shown.count),
                total: formatNumber(all.length),
              })}
            </p>
          )}
          <VirtualList
            items={shown.rows}
            rowHeight={heightOf}
            label={t('list.title')}
            id="type-list"
            getKey={(r) => (r.kind === 'group' ? `army:${r.key}` : r.type.id)}
            renderRow={(r) =>
              r.kind === 'group' ? (
                <GroupHeading group={r} metric={view.metric} onToggle={onToggle} />
              ) : (
                <ListTypeRow type={r.type} onMoveOne={actions.moveOne} />
              )
            }
          />
        </>
      )}
    </>
  );
}

/** The filter in words: "Orks · Kill Team", as the army and game are spelled most. */
function filterName(
  types: Parameters<typeof groupOptions>[0],
  view: Pick<ListView, 'army' | 'game'>,
): string {
  const parts: string[] = [];
  if (view.army === '') parts.push(t('list.noArmy'));
  else if (view.army !== null) {
    const army = view.army;
    parts.push(groupOptions(types, 'army').find((o) => o.key === army)?.name ?? army);
  }
  if (view.game !== null) {
    const game = view.game;
    parts.push(groupOptions(types, 'game').find((o) => o.key === game)?.name ?? game);
  }
  return parts.join(' · ');
}
