import { StageBar } from '../../components/StageBar';
import { t } from '../../i18n';
import { formatNumber } from '../../i18n/number';
import { type ListRow, type Metric, percentDone } from '../../state/list-view';

type Group = Extract<ListRow, { kind: 'group' }>;

/** Height of an army's heading in the list, in px, with the gap below (styles/list.css). */
export const GROUP_HEAD_HEIGHT = 76;

/**
 * An army's section heading: a button that folds or unfolds its types (aria-expanded),
 * with the army's done of all in models or points, its % done and its stacked bar.
 */
export function GroupHeading({
  group,
  metric,
  onToggle,
}: {
  group: Group;
  metric: Metric;
  onToggle: (key: string) => void;
}) {
  const v = group.totals[metric];
  const percent = percentDone(group.totals, metric);
  const army = group.army ?? t('list.noArmy');
  const summary = t(metric === 'models' ? 'list.groupModels' : 'list.groupPoints', {
    done: formatNumber(v.DONE),
    total: formatNumber(v.total),
    count: v.total,
  });
  const types = t('list.types', { count: group.totals.types });
  return (
    <h2 class="group-head" data-testid="group-head" data-army={group.key}>
      <button
        type="button"
        class="group-toggle"
        aria-expanded={!group.folded}
        aria-label={t('list.groupLabel', { army, summary, percent, types })}
        onClick={() => onToggle(group.key)}
      >
        <span class="group-line">
          <span class="group-chevron" aria-hidden="true">
            {group.folded ? '▸' : '▾'}
          </span>
          <span class={group.army === null ? 'group-name muted' : 'group-name'}>{army}</span>
          <span class="group-percent">{percent}%</span>
        </span>
        <span class="group-sub muted">
          {summary} · {types}
        </span>
        <StageBar counts={v} />
      </button>
    </h2>
  );
}
