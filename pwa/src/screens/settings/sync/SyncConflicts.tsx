import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { Unbroken } from '../../../components/Unbroken';
import { t } from '../../../i18n';
import { AppContext } from '../../../state/context';
import { useLiveQuery } from '../../../state/live';
import type { SyncService } from '../../../sync/service';
import { conflictDetail, conflictTimes, conflictTitle } from './sync-text';

/**
 * One step a sync reports (a conflict, a possible double): its title, what is said of
 * it underneath, and a Dismiss button named after it.
 */
export function SyncNoteRow(props: {
  title: string;
  testId: string;
  dismissLabel: string;
  onDismiss: () => void;
  eventId: string;
  children: ComponentChildren;
}) {
  return (
    <li data-testid={props.testId} data-event-id={props.eventId}>
      <div>
        <strong>
          <Unbroken text={props.title} />
        </strong>
        {props.children}
      </div>
      <button
        type="button"
        class="btn sync-conflicts-btn"
        aria-label={props.dismissLabel}
        onClick={props.onDismiss}
      >
        {t('sync.conflicts.dismiss')}
      </button>
    </li>
  );
}

/** A titled list of the steps a sync reports (SyncNoteRow each), with `after` below it. */
export function SyncNoteBox(props: {
  title: string;
  hint: string;
  testId: string;
  children: ComponentChildren;
  after?: ComponentChildren;
}) {
  return (
    <div class="sync-conflicts-box" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <p class="muted">{props.hint}</p>
      <ul class="sync-conflicts">{props.children}</ul>
      {props.after}
    </div>
  );
}

/**
 * Moves a sync could not apply: which move of which type, when, and why; dismissable.
 * The hint to undo a sync by a restore point shows only while there is one (a sync onto
 * an empty device keeps none).
 */
export function SyncConflicts({ service }: { service: SyncService }) {
  // Not useApp: the component's tests render it alone (then the hint shows).
  const app = useContext(AppContext);
  const points = useLiveQuery(async () => (app ? app.db.restore_points.count() : 1), [app]);
  const conflicts = service.state.record.value.conflicts;
  if (conflicts.length === 0) return null;
  return (
    <SyncNoteBox
      title={t('sync.conflicts.title')}
      hint={t('sync.conflicts.hint')}
      testId="sync-conflicts"
      after={
        <>
          <div class="sync-actions">
            {conflicts.length > 1 && (
              <button type="button" class="btn" onClick={() => service.dismissConflicts()}>
                {t('sync.conflicts.dismissAll')}
              </button>
            )}
          </div>
          {points !== 0 && <p class="muted small">{t('sync.conflicts.restoreHint')}</p>}
        </>
      }
    >
      {conflicts.map((c) => {
        const title = conflictTitle(c);
        return (
          <SyncNoteRow
            key={c.event.id}
            title={title}
            testId="sync-conflict"
            eventId={c.event.id}
            dismissLabel={t('sync.conflicts.dismissLabel', { what: title })}
            onDismiss={() => service.dismissConflicts([c.event.id])}
          >
            <div class="muted small">
              <Unbroken text={conflictDetail(c)} keep={[conflictTimes(c).made]} />
            </div>
            {c.twin_at && (
              <div class="small" data-testid="sync-conflict-twin">
                <Unbroken
                  text={t('sync.conflicts.twin', { date: conflictTimes(c).twin })}
                  keep={[conflictTimes(c).twin ?? '']}
                />
              </div>
            )}
          </SyncNoteRow>
        );
      })}
    </SyncNoteBox>
  );
}
