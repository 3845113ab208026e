import { groupHistoryWithEvents, wholePercent } from '@mpt/shared';
import { useComputed, useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { HistoryList, type UndoResult } from '../../components/HistoryList';
import { WeekChart } from '../../components/WeekChart';
import { language, t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { useApp } from '../../state/context';
import { hrefOf } from '../../state/router';
import { ActivityControls, type ArmyOption, armyOptions } from './ActivityControls';
import { GoalCard } from './GoalCard';
import { goalProgress, type Metric, summarize } from './summarize';
import { type ActivityView, useActivity } from './use-activity';
import { loadPrefs, savePrefs } from './view-prefs';
import { amountText, balanceText, chartWords, durationText } from './words';

/**
 * Activity: what was finished (models or points) per week, month or year, the pile's
 * balance (bought against finished), the goal with its progress and a forecast, an
 * army filter, and the recent grouped history across all types.
 */
export function ActivityScreen() {
  const { db, state, actions } = useApp();
  const view = useActivity(db).value;
  const prefs = useSignal(loadPrefs());
  const armies = useComputed<ArmyOption[]>(() => armyOptions(state.types.value ?? []));
  const types = state.types.value;
  const ready = view.kind === 'ready' && types !== null;
  // An army no type belongs to any more (renamed, deleted): show all.
  const army = prefs.value.army;
  const known =
    army.kind === 'all' ||
    armies.value.some((a) => a.key === (army.kind === 'army' ? army.key : null));
  const chosen = known ? prefs.value : { ...prefs.value, army: { kind: 'all' as const } };
  const months = view.kind === 'ready' ? view.months : null;
  const now = view.kind === 'ready' ? view.now : null;
  const summary = useMemo(
    () => (months && types && now ? summarize(months, types, chosen, now) : null),
    [months, types, now, chosen.period, chosen.metric, chosen.army],
  );
  // The same element while the events and types stay the same: a view switch does not
  // render the 300 recent entries again (Preact skips an unchanged element).
  const recent = view.kind === 'ready' ? view.recent : null;
  const history = useMemo(
    () =>
      recent &&
      (recent.length === 0 ? (
        <p class="muted">{t('activity.empty')}</p>
      ) : (
        <RecentHistory
          recent={recent}
          names={types}
          onUndo={(typeId, ids) => actions.undoEntry(typeId, ids)}
        />
      )),
    // The language too: the entries' words follow it.
    [recent, types, actions, language.value],
  );
  return (
    <div class="activity">
      <h1>{t('activity.title')}</h1>
      <ActivityControls
        prefs={chosen}
        armies={armies.value}
        onChange={(next) => {
          prefs.value = next;
          savePrefs(next);
        }}
      />
      <section class="card" aria-labelledby="chart-title" aria-busy={!ready}>
        <h2 id="chart-title">{t(`activity.chartTitles.${chosen.period}_${chosen.metric}`)}</h2>
        {summary ? (
          <Summary data={summary} metric={chosen.metric} period={chosen.period} />
        ) : (
          <Pending view={view} />
        )}
      </section>
      {view.kind === 'ready' && types !== null && (
        <GoalCard
          progress={view.goal ? goalProgress(view.goal, view.months, types, view.now) : null}
        />
      )}
      <section class="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('activity.recent')}</h2>
        {history}
      </section>
    </div>
  );
}

/** The chart of the chosen view, its total, the pile's balance and the pile's forecast. */
function Summary({
  data,
  metric,
  period,
}: {
  data: ReturnType<typeof summarize>;
  metric: Metric;
  period: 'week' | 'month' | 'year';
}) {
  const total =
    period === 'week' && metric === 'models'
      ? t('activity.finished', { count: data.total })
      : t('activity.totalIn', {
          amount: amountText(metric, data.total),
          span: t(`activity.span.${period}`),
        });
  const { balance } = data;
  return (
    <>
      <p class="muted" data-testid="finished-total">
        {total}
      </p>
      <WeekChart
        weeks={data.bars.map((b) => ({ start: b.start, count: b.finished, bought: b.bought }))}
        words={chartWords(metric, period)}
      />
      <p class="chart-legend" aria-hidden="true">
        <span class="key key-finished" /> {t('activity.legend.finished')}
        <span class="key key-bought" /> {t('activity.legend.bought')}
      </p>
      <h3>{t('activity.balance.title')}</h3>
      <p data-testid="pile-balance">{balanceText(metric, period, balance.change)}</p>
      <p class="muted" data-testid="pile-flow">
        {t('activity.balance.flow', {
          bought: amountText(metric, balance.bought),
          finished: amountText(metric, balance.finished),
        })}
      </p>
      <p data-testid="pile-left">
        {data.pile > 0
          ? t('activity.balance.left', { amount: amountText(metric, data.pile) })
          : t('activity.balance.empty')}
      </p>
      {data.pileForecast && (
        <p class="muted" data-testid="pile-forecast">
          {t('activity.forecast.pile', { duration: durationText(data.pileForecast) })}
        </p>
      )}
    </>
  );
}

/** Instead of numbers not known yet: loading, counting (with progress) or the error. */
function Pending({ view }: { view: ActivityView }) {
  if (view.kind === 'error') {
    return (
      <p class="form-error" role="alert">
        {errorText(view.code, view.details)}
      </p>
    );
  }
  const percent = view.kind === 'building' ? wholePercent(view.done, view.total) : 0;
  return (
    <p class="loading" role="status" data-testid="activity-pending">
      {view.kind === 'building' ? t('activity.counting', { percent }) : t('app.loading')}
    </p>
  );
}

function RecentHistory({
  recent,
  names,
  onUndo,
}: {
  recent: Extract<ActivityView, { kind: 'ready' }>['recent'];
  names: readonly { id: string; name: string }[] | null;
  onUndo: (typeId: string, eventIds: readonly string[]) => Promise<UndoResult>;
}) {
  if (names === null) return <p class="loading">{t('app.loading')}</p>;
  const byId = new Map(names.map((ty) => [ty.id, ty.name]));
  return (
    <HistoryList
      groups={groupHistoryWithEvents(
        recent.filter((e) => byId.has(e.type_id)),
        'desc',
      )}
      typeNames={byId}
      hrefOf={hrefOf.type}
      onUndo={(g) => onUndo(g.type_id, g.event_ids)}
    />
  );
}
