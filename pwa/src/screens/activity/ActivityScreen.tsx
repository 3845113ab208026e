import { groupHistory } from '@mpt/shared';
import { HistoryList } from '../../components/HistoryList';
import { WeekChart } from '../../components/WeekChart';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';
import { hrefOf } from '../../state/router';
import { keepApplied } from './applied';
import { finishedPerWeek, windowStart } from './weekly';

/** How many of the newest events feed the recent history across all types. */
const RECENT_EVENTS = 300;

/** Models finished per week (12 weeks) and recent grouped history across all types. */
export function ActivityScreen() {
  const { db, state } = useApp();
  const now = new Date();
  const since = windowStart(now).toISOString();
  const data = useLiveQuery(async () => {
    const [finishedRaw, recentRaw] = await Promise.all([
      db.events
        .where('created_at')
        .aboveOrEqual(since)
        .filter((e) => e.to_stage === 'DONE')
        .toArray(),
      db.events.orderBy('created_at').reverse().limit(RECENT_EVENTS).toArray(),
    ]);
    // A move refused as a sync conflict must neither count as finished nor show.
    const [finished = [], recent = []] = await keepApplied(db, [finishedRaw, recentRaw]);
    return { finished, recent };
  }, [since]);
  const names = new Map((state.types.value ?? []).map((ty) => [ty.id, ty.name]));
  const weeks = data ? finishedPerWeek(data.finished, now) : [];
  const total = weeks.reduce((n, w) => n + w.count, 0);
  return (
    <div class="activity">
      <h1>{t('activity.title')}</h1>
      <section class="card" aria-labelledby="chart-title">
        <h2 id="chart-title">{t('activity.chartTitle')}</h2>
        <p class="muted" data-testid="finished-total">
          {t('activity.finished', { count: total })}
        </p>
        {data && <WeekChart weeks={weeks} />}
      </section>
      <section class="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('activity.recent')}</h2>
        {data &&
          (data.recent.length === 0 ? (
            <p class="muted">{t('activity.empty')}</p>
          ) : (
            <HistoryList
              groups={groupHistory(
                data.recent.filter((e) => names.has(e.type_id)),
                'desc',
              )}
              typeNames={names}
              hrefOf={hrefOf.type}
            />
          ))}
      </section>
    </div>
  );
}
