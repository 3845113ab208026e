import type { MiniatureType } from '@mpt/shared';
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { type GroupOption, groupOptions } from '../../state/group-names';
import { DEFAULT_VIEW, type ListSort, type ListView, type Metric } from '../../state/list-view';

const SORTS: { value: ListSort; key: string }[] = [
  { value: 'name', key: 'list.view.sortName' },
  { value: 'done', key: 'list.view.sortDone' },
  { value: 'inBox', key: 'list.view.sortInBox' },
  { value: 'recent', key: 'list.view.sortRecent' },
];
const METRICS: { value: Metric; key: string }[] = [
  { value: 'models', key: 'list.view.metricModels' },
  { value: 'points', key: 'list.view.metricPoints' },
];
/** The army select's value for "No army": never an identity key (names are trimmed). */
const NO_ARMY = ' ';
const ALL = '';

/**
 * The list's view controls: sections per army, a filter by army and by game, the
 * sort, and whether totals count models or points. Native controls, one per line on a
 * phone; every change applies at once (and is remembered by the caller).
 */
export function ViewPanel({
  id,
  types,
  view,
  onChange,
  onClose,
}: {
  id: string;
  types: readonly MiniatureType[];
  view: ListView;
  onChange: (next: ListView) => void;
  onClose: () => void;
}) {
  const armies = useMemo(
    () => withCurrent(groupOptions(types, 'army'), view.army),
    [types, view.army],
  );
  const games = useMemo(
    () => withCurrent(groupOptions(types, 'game'), view.game),
    [types, view.game],
  );
  const hasLoose = useMemo(() => types.some((x) => x.army === null), [types]);
  const set = (patch: Partial<ListView>) => onChange({ ...view, ...patch });
  const value = (e: Event) => (e.currentTarget as HTMLSelectElement).value;
  return (
    <section
      id={id}
      class="view-panel"
      aria-label={t('list.view.title')}
      data-testid="view-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <label class="choice">
        <input
          type="checkbox"
          checked={view.group}
          onChange={(e) => set({ group: (e.currentTarget as HTMLInputElement).checked })}
        />{' '}
        {t('list.view.group')}
      </label>
      <div class="field">
        <label for={`${id}-army`}>{t('list.view.army')}</label>
        <select
          id={`${id}-army`}
          value={view.army === null ? ALL : view.army === '' ? NO_ARMY : view.army}
          onChange={(e) => {
            const v = value(e);
            set({ army: v === ALL ? null : v === NO_ARMY ? '' : v });
          }}
        >
          <option value={ALL}>{t('list.view.allArmies')}</option>
          {armies.map((a) => (
            <option key={a.key} value={a.key}>
              {a.name}
            </option>
          ))}
          {(hasLoose || view.army === '') && <option value={NO_ARMY}>{t('list.noArmy')}</option>}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-game`}>{t('list.view.game')}</label>
        <select
          id={`${id}-game`}
          value={view.game ?? ALL}
          disabled={games.length === 0 && view.game === null}
          onChange={(e) => {
            const v = value(e);
            set({ game: v === ALL ? null : v });
          }}
        >
          <option value={ALL}>{t('list.view.allGames')}</option>
          {games.map((g) => (
            <option key={g.key} value={g.key}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-sort`}>{t('list.view.sort')}</label>
        <select
          id={`${id}-sort`}
          value={view.sort}
          onChange={(e) => set({ sort: value(e) as ListSort })}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {t(s.key)}
            </option>
          ))}
        </select>
      </div>
      <fieldset class="segmented">
        <legend>{t('list.view.metric')}</legend>
        {METRICS.map((m) => (
          <label key={m.value}>
            <input
              type="radio"
              name={`${id}-metric`}
              value={m.value}
              checked={view.metric === m.value}
              onChange={() => set({ metric: m.value })}
            />
            <span>{t(m.key)}</span>
          </label>
        ))}
      </fieldset>
      <div class="view-actions">
        <button
          type="button"
          class="btn"
          onClick={() => onChange({ ...DEFAULT_VIEW, folded: view.folded })}
        >
          {t('list.view.reset')}
        </button>
        <button type="button" class="btn btn-primary" onClick={onClose}>
          {t('list.view.close')}
        </button>
      </div>
    </section>
  );
}

/** How many view settings differ from the default (filters, sort, metric, sections). */
export function activeSettings(view: ListView): number {
  return (
    Number(view.army !== null) +
    Number(view.game !== null) +
    Number(view.sort !== DEFAULT_VIEW.sort) +
    Number(view.metric !== DEFAULT_VIEW.metric) +
    Number(view.group !== DEFAULT_VIEW.group)
  );
}

/** The options, with the chosen key kept when no type has it any more (so it shows). */
function withCurrent(options: GroupOption[], key: string | null): GroupOption[] {
  if (key === null || key === '' || options.some((o) => o.key === key)) return options;
  return [...options, { key, name: key }];
}
