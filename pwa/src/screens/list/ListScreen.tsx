import { EmptyState } from '../../components/EmptyState';
import { ListTypeRow, typeRowHeight } from '../../components/TypeRow';
import { VirtualList } from '../../components/VirtualList';
import { t } from '../../i18n';
import { formatNumber } from '../../i18n/number';
import { loadSearch } from '../../state/app-state';
import { useApp } from '../../state/context';
import { hrefOf } from '../../state/router';
import { SearchBox } from './SearchBox';
import { TotalsBar } from './TotalsBar';

/** The types list: totals, search, and one windowed row per type (A–Z). */
export function ListScreen() {
  const { state, actions } = useApp();
  const all = state.types.value;
  if (all === null) return <p class="loading">{t('app.loading')}</p>;
  if (all.length === 0) {
    return (
      <>
        <h1 class="sr-only">{t('list.title')}</h1>
        <EmptyState title={t('list.emptyTitle')} text={t('list.emptyText')}>
          <a class="btn btn-primary" href={hrefOf.new}>
            {t('list.emptyAction')}
          </a>
        </EmptyState>
      </>
    );
  }
  const visible = state.visible.value;
  return (
    <>
      <h1 class="sr-only">{t('list.title')}</h1>
      <TotalsBar totals={state.totals} typeCount={all.length} />
      <div class="list-tools">
        <SearchBox query={state.query} onType={() => void loadSearch(state)} />
      </div>
      {visible.length === 0 ? (
        <EmptyState
          title={t('list.noResultsTitle', { query: state.query.value.trim() })}
          text={t('list.noResultsText')}
        >
          <button type="button" class="btn" onClick={() => (state.query.value = '')}>
            {t('list.clearSearch')}
          </button>
        </EmptyState>
      ) : (
        <>
          {visible.length !== all.length && (
            <p class="muted shown" role="status">
              {t('list.shown', {
                shown: formatNumber(visible.length),
                total: formatNumber(all.length),
              })}
            </p>
          )}
          <VirtualList
            items={visible}
            rowHeight={typeRowHeight()}
            label={t('list.title')}
            id="type-list"
            getKey={(e) => e.type.id}
            renderRow={(e) => <ListTypeRow type={e.type} onMoveOne={actions.moveOne} />}
          />
        </>
      )}
    </>
  );
}
