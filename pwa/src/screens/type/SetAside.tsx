import { type HistoryEvent, replay } from '@mpt/shared';
import { t } from '../../i18n';
import { notAppliedText, stepText } from '../../i18n/step-text';

/**
 * The type's steps its replay sets aside (SPEC §3: two devices spent the same models, or
 * an undo that can no longer apply): kept and synced, never counted, so the history
 * above them leaves them out; listed here, so a conflict the sync reported can be found
 * where the type is.
 */
export function SetAside({ events }: { events: readonly HistoryEvent[] }) {
  const { skipped, refusals } = replay(events);
  if (skipped.length === 0) return null;
  return (
    <div class="set-aside" data-testid="set-aside">
      <h3>{t('type.setAside.title', { count: skipped.length })}</h3>
      <p class="muted">{t('type.setAside.hint')}</p>
      <ul class="history">
        {[...skipped].reverse().map((e) => (
          <li key={e.id} class="history-group" data-testid="set-aside-step">
            <span>{stepText('type.setAside', e)}</span>
            <span class="history-meta">
              {notAppliedText(e.created_at, refusals.get(e.id) ?? 'ERR_INSUFFICIENT_QTY')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
