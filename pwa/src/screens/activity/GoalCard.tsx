import type { Goal, Period } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useEffect, useId } from 'preact/hooks';
import { DONE_MS } from '../../components/Snackbar';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { formatNumber } from '../../i18n/number';
import { useApp } from '../../state/context';
import type { GoalProgress, Metric } from './summarize';
import { amountText, durationText } from './words';

/** The goal (SPEC §9), its progress in the current period and a calm forecast; set, change, clear. */
export function GoalCard({ progress }: { progress: GoalProgress | null }) {
  const editing = useSignal(false);
  const status = useSignal<string | null>(null);
  // "Goal saved." is a confirmation, not a state: it goes as "Undone." does.
  useEffect(() => {
    if (status.value === null) return;
    const timer = setTimeout(() => {
      status.value = null;
    }, DONE_MS);
    return () => clearTimeout(timer);
  }, [status.value]);
  return (
    <section class="card goal" aria-labelledby="goal-title" data-testid="goal-card">
      <h2 id="goal-title">{t('activity.goal.title')}</h2>
      {progress ? (
        <GoalState progress={progress} />
      ) : (
        <p class="muted">{t('activity.goal.none')}</p>
      )}
      {editing.value ? (
        <GoalForm
          goal={progress?.goal ?? null}
          onDone={(key) => {
            editing.value = false;
            status.value = key;
          }}
        />
      ) : (
        <div class="form-actions">
          <button
            type="button"
            class="btn"
            onClick={() => {
              editing.value = true;
              status.value = null;
            }}
          >
            {t(progress ? 'activity.goal.change' : 'activity.goal.set')}
          </button>
        </div>
      )}
      <p class="ok" role="status">
        {status.value && t(status.value)}
      </p>
    </section>
  );
}

function GoalState({ progress }: { progress: GoalProgress }) {
  const { goal } = progress;
  const when = t(`activity.when.${goal.period}`);
  return (
    <>
      <p data-testid="goal-summary">
        {t('activity.goal.summary', {
          amount: amountText(goal.metric, goal.target),
          per: t(`activity.goal.per.${goal.period}`),
        })}
      </p>
      <progress
        class="goal-bar"
        max={goal.target}
        value={Math.min(progress.done, goal.target)}
        aria-label={t('activity.goal.progressLabel')}
      />
      <p data-testid="goal-progress">
        {progress.reached
          ? t('activity.goal.reached', { when })
          : t('activity.goal.progress', {
              done: amountText(goal.metric, progress.done),
              when,
              percent: formatNumber(progress.percent),
            })}
      </p>
      {progress.forecast && (
        <p class="muted" data-testid="goal-forecast">
          {t('activity.forecast.goal', { duration: durationText(progress.forecast) })}
        </p>
      )}
    </>
  );
}

/** The goal's form; `onDone` gets the key of what to say (null: cancelled). */
function GoalForm({ goal, onDone }: { goal: Goal | null; onDone: (said: string | null) => void }) {
  const { actions } = useApp();
  const id = useId();
  const metric = useSignal<Metric>(goal?.metric ?? 'models');
  const period = useSignal<Period>(goal?.period ?? 'month');
  const target = useSignal(goal ? String(goal.target) : '');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const save = async (value: unknown) => {
    busy.value = true;
    const out = await actions.setGoal(value);
    busy.value = false;
    if (out.ok) onDone(value ? 'activity.goal.saved' : 'activity.goal.cleared');
    else error.value = errorText(out.code, out.details);
  };
  return (
    <form
      class="goal-form"
      // Our own check (shared's goal schema) says what is wrong, in the app's language.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        // Anything not a whole number goes to shared's check as is: one error text.
        const text = target.value.trim();
        void save({
          metric: metric.value,
          period: period.value,
          target: text === '' ? text : Number(text),
        });
      }}
    >
      <div class="form-row">
        <div class="field">
          <label for={`${id}-target`}>{t('activity.goal.target')}</label>
          <input
            id={`${id}-target`}
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            step={1}
            required
            value={target.value}
            aria-invalid={error.value !== null}
            aria-describedby={error.value ? `${id}-error` : undefined}
            onInput={(e) => {
              target.value = e.currentTarget.value;
              error.value = null;
            }}
          />
        </div>
        <div class="field">
          <label for={`${id}-metric`}>{t('activity.goal.metric')}</label>
          <select
            id={`${id}-metric`}
            value={metric.value}
            onChange={(e) => (metric.value = e.currentTarget.value as Metric)}
          >
            <option value="models">{t('activity.view.models')}</option>
            <option value="points">{t('activity.view.points')}</option>
          </select>
        </div>
        <div class="field">
          <label for={`${id}-period`}>{t('activity.goal.period')}</label>
          <select
            id={`${id}-period`}
            value={period.value}
            onChange={(e) => (period.value = e.currentTarget.value as Period)}
          >
            <option value="week">{t('activity.view.week')}</option>
            <option value="month">{t('activity.view.month')}</option>
            <option value="year">{t('activity.view.year')}</option>
          </select>
        </div>
      </div>
      {error.value && (
        <p class="form-error" role="alert" id={`${id}-error`}>
          {error.value}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy.value}>
          {t('activity.goal.save')}
        </button>
        {goal && (
          <button
            type="button"
            class="btn btn-danger"
            disabled={busy.value}
            onClick={() => void save(null)}
          >
            {t('activity.goal.clear')}
          </button>
        )}
        <button type="button" class="btn" disabled={busy.value} onClick={() => onDone(null)}>
          {t('activity.goal.cancel')}
        </button>
      </div>
    </form>
  );
}
