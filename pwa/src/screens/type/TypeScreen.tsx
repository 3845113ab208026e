import { appliedEvents, groupHistory, STAGES, totalOf } from '@mpt/shared';
import { EmptyState } from '../../components/EmptyState';
import { HistoryList } from '../../components/HistoryList';
import { StageBar } from '../../components/StageBar';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';
import { hrefOf } from '../../state/router';
import { AdjustForm } from './AdjustForm';
import { DeleteSection } from './DeleteSection';
import { MoveForm } from './MoveForm';
import { RenameForm } from './RenameForm';

/** One type: counts, move/add/remove, rename, delete and its grouped history. */
export function TypeScreen({ id }: { id: string }) {
  const { db } = useApp();
  const data = useLiveQuery(async () => {
    const type = await db.types.get(id);
    const events = type ? await db.events.where('type_id').equals(id).toArray() : [];
    return { type, events };
  }, [id]);
  if (!data) return <p class="loading">{t('app.loading')}</p>;
  const { type, events } = data;
  if (!type) {
    return (
      <EmptyState title={t('type.notFound')}>
        <a class="btn" href={hrefOf.list}>
          {t('app.back')}
        </a>
      </EmptyState>
    );
  }
  const total = totalOf(type.counts);
  return (
    <div class="type-screen">
      <a class="back" href={hrefOf.list}>
        ← {t('app.back')}
      </a>
      <h1 class="type-title">{type.name}</h1>
      <section class="card" aria-labelledby="counts-title">
        <h2 id="counts-title">
          {t('type.counts')} <span class="muted">· {t('type.total', { count: total })}</span>
        </h2>
        <StageBar
          counts={type.counts}
          label={t('list.progress', {
            name: type.name,
            percent: total ? Math.floor((type.counts.DONE * 100) / total) : 0,
          })}
        />
        <dl class="counts">
          {STAGES.map((s) => (
            <div key={s} class={`count count-${s}`}>
              <dt>{t(`stages.${s}`)}</dt>
              <dd data-testid={`count-${s}`}>{type.counts[s]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div class="type-grid">
        <div class="type-col">
          <MoveForm type={type} />
          <AdjustForm type={type} mode="add" />
          <AdjustForm type={type} mode="remove" />
        </div>
        <div class="type-col">
          <section class="card history-card" aria-labelledby="history-title">
            <h2 id="history-title">{t('type.history')}</h2>
            <HistoryList groups={groupHistory(appliedEvents(events), 'desc')} />
          </section>
          <RenameForm type={type} />
          <DeleteSection type={type} />
        </div>
      </div>
    </div>
  );
}
