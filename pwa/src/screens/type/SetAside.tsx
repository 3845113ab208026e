import { type HistoryEvent, replay } from '@mpt/shared';
import { errorText, t } from '../../i18n';
import { absoluteTime } from '../../i18n/format';

/** "Move 2 from In box to Done" for a step of this type's history. */
function stepText(e: HistoryEvent): string {
  const params = {
    qty: e.qty,
    from: e.from_stage ? t(`stages.${e.from_stage}`) : '',
    to: e.to_stage ? t(`stages.${e.to_stage}`) : '',
  };
  if (!e.from_stage) return t('type.setAside.add', params);
  return e.to_stage ? t('type.setAside.move', params) : t('type.setAside.remove', params);
}

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
            <span>{stepText(e)}</span>
            <span class="history-meta">
              {t('sync.conflicts.when', {
                date: absoluteTime(e.created_at),
                reason: errorText(refusals.get(e.id) ?? 'ERR_INSUFFICIENT_QTY'),
              })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
