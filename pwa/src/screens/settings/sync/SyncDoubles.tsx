import { t } from '../../../i18n';
import { absoluteTime } from '../../../i18n/format';
import { hrefOf } from '../../../state/router';
import type { SyncService } from '../../../sync/service';
import { SyncNoteRow } from './SyncConflicts';
import { eventTitle } from './sync-text';

/**
 * Steps this device sent that another device's same step met in one sync, both counted
 * (review: one box logged on phone and desktop became 10 models built from 5). Asked,
 * never corrected: two batches of one kind look the same. Each links to its type, whose
 * history can undo one; dismissable.
 */
export function SyncDoubles({ service }: { service: SyncService }) {
  const doubles = service.state.record.value.doubles;
  if (doubles.length === 0) return null;
  return (
    <div class="sync-conflicts-box" data-testid="sync-doubles">
      <h3>{t('sync.doubles.title')}</h3>
      <p class="muted">{t('sync.doubles.hint')}</p>
      <ul class="sync-conflicts">
        {doubles.map((d) => {
          const title = eventTitle(d.type_name, d.event);
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
                {t('sync.doubles.when', {
                  date: absoluteTime(d.event.created_at),
                  twin: absoluteTime(d.twin_at),
                })}
              </div>
              <a href={hrefOf.type(d.type_id)} class="small">
                {t('sync.doubles.open')}
              </a>
            </SyncNoteRow>
          );
        })}
      </ul>
    </div>
  );
}
