import { type HistoryEvent, replay } from '@mpt/shared';
import { Unbroken } from '../../components/Unbroken';
import { t } from '../../i18n';
import { absoluteTime } from '../../i18n/format';
import { notAppliedText, stepText } from '../../i18n/step-text';

/**
 * The type's steps its replay sets aside (SPEC §3: two devices spent the same models, or
 * an undo that can no longer apply): kept and synced, never counted, so the history
 * above them leaves them out; listed here, so a conflict the sync reported can be found
 * where the type is, folded under a line that counts them.
 */
export function SetAside({ events }: { events: readonly HistoryEvent[] }) {
  const { skipped, refusals } = replay(events);
  if (skipped.length === 0) return null;
  return (
    // Folded: the steps stay in the history for good (every device lists them, also the
    // one whose steps won), so they are there to look up, not to nag.
    <details class="set-aside" data-testid="set-aside">
      <summary>{t('type.setAside.title', { count: skipped.length })}</summary>
      <p class="muted">{t('type.setAside.hint', { count: skipped.length })}</p>
      <ul class="history">
        {[...skipped].reverse().map((e) => (
          <li key={e.id} class="history-group" data-testid="set-aside-step">
            <span>
              <Unbroken text={stepText('type.setAside', e)} />
            </span>
            <span class="history-meta">
              <Unbroken
                text={notAppliedText(e.created_at, refusals.get(e.id) ?? 'ERR_INSUFFICIENT_QTY')}
                keep={[absoluteTime(e.created_at)]}
              />
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
