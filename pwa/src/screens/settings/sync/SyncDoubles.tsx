import { useSignal } from '@preact/signals';
import { useContext } from 'preact/hooks';
import { Unbroken } from '../../../components/Unbroken';
import { t } from '../../../i18n';
import { undoErrorText } from '../../../i18n/error-text';
import { distinctTimes } from '../../../i18n/format';
import { AppContext } from '../../../state/context';
import { hrefOf } from '../../../state/router';
import type { SyncService } from '../../../sync/service';
import type { StoredDouble } from '../../../sync/store';
import { SyncNoteBox, SyncNoteRow } from './SyncConflicts';
import { eventTitle } from './sync-text';

/**
 * Steps this device sent that another device's same step met in one sync, both counted
 * (review: one box logged on phone and desktop became 10 models built from 5). Asked,
 * never corrected: two batches of one kind look the same. Each can undo this device's
 * step exactly (the type's history groups both steps in one entry, whose Undo would take
 * back both), opens its type, or is dismissed.
 */
export function SyncDoubles({ service }: { service: SyncService }) {
  // Not useApp: the settings' tests render them alone (no undo offered then).
  const app = useContext(AppContext);
  const refused = useSignal<{ id: string; text: string } | null>(null);
  const doubles = service.state.record.value.doubles;
  if (doubles.length === 0) return null;
  const undo = async (d: StoredDouble) => {
    if (!app) return;
    refused.value = null;
    const out = await app.actions.undoEntry(d.type_id, [d.event.id]);
    if (out.ok) {
      service.dismissConflicts([d.event.id]);
      app.state.notice.value = { kind: 'info', key: 'sync.doubles.undone' };
    } else if (out.code !== 'ERR_STORAGE') {
      // A storage failure is the app's notice already (actions-impl), said once.
      refused.value = { id: d.event.id, text: undoErrorText(out.code, out.details) };
    }
  };
  return (
    <SyncNoteBox
      title={t('sync.doubles.title')}
      hint={t('sync.doubles.hint')}
      testId="sync-doubles"
    >
      {doubles.map((d) => {
        const title = eventTitle(d.type_name, d.event);
        // Two steps of one minute would read the same: then their seconds (review).
        const [date, twin] = distinctTimes([d.event.created_at, d.twin_at]);
        return (
          <SyncNoteRow
            key={d.event.id}
            title={title}
            testId="sync-double"
            eventId={d.event.id}
            dismissLabel={t('sync.doubles.dismissLabel', { what: title })}
            onDismiss={() => service.dismissConflicts([d.event.id])}
          >
            <div class="muted small">
              <Unbroken text={t('sync.doubles.when', { date, twin })} keep={[date!, twin!]} />
            </div>
            <div class="sync-double-actions">
              {app && (
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={t('sync.doubles.undoLabel', { what: title })}
                  onClick={() => void undo(d)}
                >
                  {t('sync.doubles.undo')}
                </button>
              )}
              <a href={hrefOf.type(d.type_id)} class="small">
                {t('sync.doubles.open')}
              </a>
            </div>
            {refused.value?.id === d.event.id && (
              <p role="alert" class="form-error small">
                {refused.value.text}
              </p>
            )}
          </SyncNoteRow>
        );
      })}
    </SyncNoteBox>
  );
}
