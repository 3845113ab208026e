import { t } from '../../../i18n';
import { absoluteTime } from '../../../i18n/format';
import { hrefOf } from '../../../state/router';
import type { SyncService } from '../../../sync/service';
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
            <li key={d.event.id} data-testid="sync-double">
              <div>
                <strong>{title}</strong>
                <div class="muted small">
                  {t('sync.doubles.when', {
                    date: absoluteTime(d.event.created_at),
                    twin: absoluteTime(d.twin_at),
                  })}
                </div>
                <a href={hrefOf.type(d.type_id)} class="small">
                  {t('sync.doubles.open')}
                </a>
              </div>
              <button
                type="button"
                class="btn sync-conflicts-btn"
                aria-label={t('sync.doubles.dismissLabel', { what: title })}
                onClick={() => service.dismissConflicts([d.event.id])}
              >
                {t('sync.conflicts.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
