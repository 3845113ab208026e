import { type TrackerState, typeAhead } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { absoluteTime } from '../../../i18n/format';
import type { SyncService } from '../../../sync/service';
import { clockText, eventTitle } from './sync-text';

/**
 * The device clock against the server's (SPEC §10): how far off it is when over five
 * minutes, and the changes that wait on this device because the server refused them
 * for being dated more than a day after its clock, listed until they go out.
 */
export function SyncClock({ service }: { service: SyncService }) {
  const { record, clockWrong } = service.state;
  const waiting = useSignal<TrackerState | null>(null);
  const refused = record.value.refused;
  useEffect(() => {
    let live = true;
    if (!refused) waiting.value = null;
    else {
      void service.waitingForClock().then((s) => {
        if (live) waiting.value = s;
      });
    }
    return () => {
      live = false;
    };
  }, [refused]);
  if (!clockWrong.value) return null;
  const clock = record.value.clock;
  const held = waiting.value;
  const names = new Map(held?.types.map((x) => [x.id, x.name]) ?? []);
  const waitingTypes = (held?.types ?? []).flatMap((x) => {
    const ahead = refused?.type_ids.includes(x.id) ? typeAhead(x, refused.latest_allowed) : null;
    return ahead ? [{ type: x, ahead }] : [];
  });
  const count = (held?.events.length ?? 0) + waitingTypes.length;
  return (
    <div class="sync-clock" role="alert" data-testid="sync-clock">
      {clock && Math.abs(clock.skew_ms) > 5 * 60_000 && (
        <p data-testid="sync-clock-skew">
          <strong>{clockText(clock.skew_ms)}</strong>
        </p>
      )}
      {held && count > 0 && (
        <>
          <p>{t('sync.clock.waiting', { count })}</p>
          <ul class="sync-waiting" aria-label={t('sync.clock.listLabel')}>
            {waitingTypes.map(({ type, ahead }) => (
              <li key={type.id} data-testid="sync-waiting">
                {t(`sync.clock.waitingType.${ahead.kind}`, {
                  type: type.name,
                  date: absoluteTime(ahead.at),
                })}
              </li>
            ))}
            {held.events.map((e) => (
              <li key={e.id} data-testid="sync-waiting">
                {t('sync.clock.waitingEvent', {
                  what: eventTitle(names.get(e.type_id) ?? '', e),
                  date: absoluteTime(e.created_at),
                })}
              </li>
            ))}
          </ul>
          <p class="muted small">{t('sync.clock.waitingHint', { count })}</p>
        </>
      )}
    </div>
  );
}
