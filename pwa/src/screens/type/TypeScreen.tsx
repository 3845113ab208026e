import {
  appliedEvents,
  foldedTarget,
  groupHistoryWithEvents,
  type MiniatureType,
  STAGES,
  totalOf,
} from '@mpt/shared';
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { EmptyState } from '../../components/EmptyState';
import { HistoryList } from '../../components/HistoryList';
import { StageBar } from '../../components/StageBar';
import { eventsOfType } from '../../db/event-store';
import type { TrackerDb } from '../../db/schema';
import { stageName, t } from '../../i18n';
import { formatNumber, longestCount } from '../../i18n/number';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';
import { hrefOf } from '../../state/router';
import { narrow } from '../../state/viewport';
import { AdjustForm } from './AdjustForm';
import { DeleteSection } from './DeleteSection';
import { DetailsForm } from './DetailsForm';
import { MoveForm } from './MoveForm';
import { RenameForm } from './RenameForm';
import { ReworkForm } from './ReworkForm';
import { SetAside } from './SetAside';

/**
 * A card with a heading; on a phone folded (a <details> whose summary is the heading)
 * unless `open`, so the page starts with what is done most: moving models.
 */
function Section(props: {
  id: string;
  title: string;
  fold: boolean;
  open?: boolean;
  children: ComponentChildren;
}) {
  const heading = <h2 id={props.id}>{props.title}</h2>;
  if (!props.fold) {
    return (
      <section class="card" aria-labelledby={props.id}>
        {heading}
        {props.children}
      </section>
    );
  }
  return (
    <details class="card fold" open={props.open} data-testid={`fold-${props.id}`}>
      <summary>{heading}</summary>
      {props.children}
    </details>
  );
}

/** The counts: a bar and one cell per stage, every digit shown (as in the list). */
function Counts({ type }: { type: MiniatureType }) {
  const total = totalOf(type.counts);
  return (
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
      <dl class="counts" style={{ '--chars': longestCount(type.counts) }}>
        {STAGES.map((s) => {
          const text = formatNumber(type.counts[s]);
          return (
            <div key={s} class={`count count-${s}`}>
              <dt>
                <span class="label-short" aria-hidden="true">
                  {t(`stageShort.${s}`)}
                </span>
                <span class="label-full">{stageName(s)}</span>
              </dt>
              <dd class="num" data-testid={`count-${s}`}>
                {text}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/**
 * The live type a gone type was folded into (shared's foldedTarget over the
 * tombstones), or undefined when it was deleted or is unknown. Read only on that page.
 */
async function mergedInto(db: TrackerDb, id: string): Promise<MiniatureType | undefined> {
  const tombs = new Map((await db.tombstones.toArray()).map((x) => [x.id, x.merged_into]));
  const target = foldedTarget(
    id,
    (x) => !tombs.has(x),
    (x) => tombs.get(x),
  );
  return target === null || target === id ? undefined : db.types.get(target);
}

/**
 * One type: counts, moving, its grouped history, and adding, removing, renaming and
 * deleting — on a phone those four folded under their headings, before the history.
 */
export function TypeScreen({ id }: { id: string }) {
  const { db, actions } = useApp();
  const data = useLiveQuery(async () => {
    const type = await db.types.get(id);
    const events = type ? await eventsOfType(db, id) : [];
    return { type, events, mergedInto: type ? undefined : await mergedInto(db, id) };
  }, [id]);
  // An empty type shows "Add models" unfolded (the next step), and it stays so.
  const addOpen = useRef(false);
  if (!data) return <p class="loading">{t('app.loading')}</p>;
  const { type, events, mergedInto: into } = data;
  if (!type) {
    // Folded into a type of the same name (a sync, an import): say where it went (review).
    return into ? (
      <EmptyState title={t('type.mergedInto', { name: into.name })} heading>
        <a class="btn btn-primary" href={hrefOf.type(into.id)}>
          {t('type.openMerged', { name: into.name })}
        </a>
      </EmptyState>
    ) : (
      <EmptyState title={t('type.notFound')} heading>
        <a class="btn" href={hrefOf.list}>
          {t('app.back')}
        </a>
      </EmptyState>
    );
  }
  const fold = narrow.value;
  // Points are worth a word once they are not the default of 1 (issue 13's points stay
  // out of the way of a hobbyist who does not use them).
  const subtitle = [
    type.army,
    type.game,
    type.points_per_model === 1 ? null : t('type.pointsPerModel', { count: type.points_per_model }),
  ].filter((x) => x !== null);
  if (totalOf(type.counts) === 0) addOpen.current = true;
  const add = (
    <Section id="add-title" title={t('type.add.title')} fold={fold} open={addOpen.current}>
      <AdjustForm type={type} mode="add" titleId="add-title" />
    </Section>
  );
  const remove = (
    <Section id="remove-title" title={t('type.remove.title')} fold={fold}>
      <AdjustForm type={type} mode="remove" titleId="remove-title" />
    </Section>
  );
  const rework = (
    <Section id="rework-title" title={t('type.rework.title')} fold={fold}>
      <ReworkForm type={type} titleId="rework-title" />
    </Section>
  );
  const details = (
    <Section id="details-title" title={t('type.details.title')} fold={fold}>
      <DetailsForm type={type} titleId="details-title" />
    </Section>
  );
  const rename = (
    <Section id="rename-title" title={t('type.rename.title')} fold={fold}>
      {/* Keyed by the name: after an undo or an edit elsewhere the field shows it. */}
      <RenameForm key={type.name} type={type} titleId="rename-title" />
    </Section>
  );
  const del = (
    <Section id="delete-title" title={t('type.delete.title')} fold={fold}>
      <DeleteSection type={type} />
    </Section>
  );
  const history = (
    <section class="card history-card" aria-labelledby="history-title">
      <h2 id="history-title">{t('type.history')}</h2>
      <HistoryList
        groups={groupHistoryWithEvents(appliedEvents(events), 'desc')}
        onUndo={(g) => actions.undoEntry(type.id, g.event_ids)}
      />
      <SetAside events={events} />
    </section>
  );
  return (
    <div class="type-screen">
      <a class="back" href={hrefOf.list}>
        ← {t('app.back')}
      </a>
      <h1 class="type-title">{type.name}</h1>
      {subtitle.length > 0 && (
        <p class="type-subtitle" data-testid="type-subtitle">
          {subtitle.join(' · ')}
        </p>
      )}
      <Counts type={type} />
      {fold ? (
        <>
          <MoveForm type={type} />
          {add}
          {remove}
          {rework}
          {details}
          {rename}
          {del}
          {history}
        </>
      ) : (
        <div class="type-grid">
          <div class="type-col">
            <MoveForm type={type} />
            {add}
            {remove}
            {rework}
          </div>
          <div class="type-col">
            {history}
            {details}
            {rename}
            {del}
          </div>
        </div>
      )}
    </div>
  );
}
