import { armyTotals, nameKey, type Period } from '@mpt/shared';
import { useId } from 'preact/hooks';
import { t } from '../../i18n';
import { compareNames } from '../../state/collation';
import type { ArmyFilter, Metric } from './summarize';
import type { ActivityPrefs } from './view-prefs';

/** An army the filter offers: its identity key (null: types without an army) and name. */
export interface ArmyOption {
  key: string | null;
  label: string;
}

/** The armies the filter offers, in the alphabet's order, "No army" last. */
export function armyOptions(types: Parameters<typeof armyTotals>[0]): ArmyOption[] {
  return armyTotals(types)
    .map((a) => ({ key: a.army === null ? null : nameKey(a.army), label: a.army ?? '' }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : compareNames(a.label, b.label)));
}

/** A row of radio buttons drawn as one segmented control (arrow keys move, as radios do). */
function Segments<V extends string>({
  legend,
  value,
  options,
  onChange,
  testId,
}: {
  legend: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  testId: string;
}) {
  const name = useId();
  return (
    <fieldset class="segments" data-testid={testId}>
      <legend>{legend}</legend>
      <div class="segments-row">
        {options.map((o) => (
          <label key={o.value} class="segment">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const filterValue = (f: ArmyFilter): string => (f.kind === 'army' ? `army:${f.key}` : f.kind);

const parseFilter = (v: string): ArmyFilter =>
  v.startsWith('army:')
    ? { kind: 'army', key: v.slice(5) }
    : v === 'none'
      ? { kind: 'none' }
      : { kind: 'all' };

/** Week / month / year, models / points and the army: what Activity shows. */
export function ActivityControls({
  prefs,
  armies,
  onChange,
}: {
  prefs: ActivityPrefs;
  armies: readonly ArmyOption[];
  onChange: (next: ActivityPrefs) => void;
}) {
  const selectId = useId();
  const periods: Period[] = ['week', 'month', 'year'];
  const metrics: Metric[] = ['models', 'points'];
  return (
    <div class="activity-controls">
      <Segments
        legend={t('activity.view.period')}
        value={prefs.period}
        options={periods.map((p) => ({ value: p, label: t(`activity.view.${p}`) }))}
        onChange={(period) => onChange({ ...prefs, period })}
        testId="period-choice"
      />
      <Segments
        legend={t('activity.view.metric')}
        value={prefs.metric}
        options={metrics.map((m) => ({ value: m, label: t(`activity.view.${m}`) }))}
        onChange={(metric) => onChange({ ...prefs, metric })}
        testId="metric-choice"
      />
      {armies.length > 0 && (
        <div class="field army-filter">
          <label for={selectId}>{t('activity.view.army')}</label>
          <select
            id={selectId}
            value={filterValue(prefs.army)}
            onChange={(e) => onChange({ ...prefs, army: parseFilter(e.currentTarget.value) })}
          >
            <option value="all">{t('activity.view.allArmies')}</option>
            {armies.map((a) =>
              a.key === null ? (
                <option key="none" value="none">
                  {t('activity.view.noArmy')}
                </option>
              ) : (
                <option key={a.key} value={`army:${a.key}`}>
                  {a.label}
                </option>
              ),
            )}
          </select>
        </div>
      )}
    </div>
  );
}
