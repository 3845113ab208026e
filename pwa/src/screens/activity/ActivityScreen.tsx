import { groupHistoryWithEvents } from '@mpt/shared';
import { HistoryList } from '../../components/HistoryList';
import { WeekChart } from '../../components/WeekChart';
import { errorText, t } from '../../i18n';
import { useApp } from '../../state/context';
import { hrefOf } from '../../state/router';
import { type ActivityView, useActivity } from './use-activity';

/** Models finished per week (12 weeks) and recent grouped history across all types. */
export function ActivityScreen() {
  const { db, state, actions } = useApp();
  const view = useActivity(db).value;
  return (
    <div class="activity">
      <h1>{t('activity.title')}</h1>
      <section class="card" aria-labelledby="chart-title" aria-busy={view.kind !== 'ready'}>
        <h2 id="chart-title">{t('activity.chartTitle')}</h2>
        {view.kind === 'ready' ? (
          <>
            <p class="muted" data-testid="finished-total">
              {t('activity.finished', { count: view.weeks.reduce((n, w) => n + w.count, 0) })}
            </p>
            <WeekChart weeks={view.weeks} />
          </>
        ) : (
          <Pending view={view} />
        )}
      </section>
      <section class="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('activity.recent')}</h2>
        {view.kind === 'ready' &&
          (view.recent.length === 0 ? (
            <p class="muted">{t('activity.empty')}</p>
          ) : (
            <RecentHistory
              recent={view.recent}
              names={state.types.value}
              onUndo={(typeId, ids) => void actions.undoEntry(typeId, ids)}
            />
          ))}
      </section>
    </div>
  );
}

/** Instead of numbers not known yet: loading, counting (with progress) or the error. */
function Pending({ view }: { view: Exclude<ActivityView, { kind: 'ready' }> }) {
  if (view.kind === 'error') {
    return (
      <p class="form-error" role="alert">
        {errorText(view.code, view.details)}
      </p>
    );
  }
  const percent =
    view.kind === 'building' && view.total > 0 ? Math.floor((view.done * 100) / view.total) : 0;
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
  onUndo: (typeId: string, eventIds: readonly string[]) => void;
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
