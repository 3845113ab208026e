import { t } from '../../../i18n';
import { absoluteTime } from '../../../i18n/format';
import type { SyncService } from '../../../sync/service';
import { conflictDetail, conflictTitle } from './sync-text';

/** Moves a sync could not apply: which move of which type, when, and why; dismissable. */
export function SyncConflicts({ service }: { service: SyncService }) {
  const conflicts = service.state.record.value.conflicts;
  if (conflicts.length === 0) return null;
  return (
    <div class="sync-conflicts-box" data-testid="sync-conflicts">
      <h3>{t('sync.conflicts.title')}</h3>
      <p class="muted">{t('sync.conflicts.hint')}</p>
      <ul class="sync-conflicts">
        {conflicts.map((c) => {
          const title = conflictTitle(c);
          return (
            <li key={c.event.id} data-testid="sync-conflict" data-event-id={c.event.id}>
              <div>
                <strong>{title}</strong>
                <div class="muted small">{conflictDetail(c)}</div>
                {c.twin_at && (
                  <div class="small" data-testid="sync-conflict-twin">
                    {t('sync.conflicts.twin', { date: absoluteTime(c.twin_at) })}
                  </div>
                )}
              </div>
              <button
                type="button"
                class="btn sync-conflicts-btn"
                aria-label={t('sync.conflicts.dismissLabel', { what: title })}
                onClick={() => service.dismissConflicts([c.event.id])}
              >
                {t('sync.conflicts.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
      <div class="sync-actions">
        {conflicts.length > 1 && (
          <button type="button" class="btn" onClick={() => service.dismissConflicts()}>
            {t('sync.conflicts.dismissAll')}
          </button>
        )}
      </div>
      <p class="muted small">{t('sync.conflicts.restoreHint')}</p>
    </div>
  );
}
