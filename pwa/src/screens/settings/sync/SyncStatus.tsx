import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { absoluteTime, formatBytes, relativeTime } from '../../../i18n/format';
import type { SyncService } from '../../../sync/service';
import { SyncClock } from './SyncClock';
import { phaseProgress, phaseText, syncErrorText } from './sync-text';

/**
 * Last sync, pending changes, what it cost on the wire, the clock, progress step by step,
 * the next retry and the last error, as text.
 */
export function SyncStatus({ service }: { service: SyncService }) {
  const { record, pending, phase, otherTabPhase, scheduler } = service.state;
  // A clock for "2 minutes ago" and the retry countdown.
  const now = useSignal(Date.now());
  useEffect(() => {
    const timer = setInterval(() => (now.value = Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const r = record.value;
  const mode = scheduler.value.mode;
  const running = phase.value ?? otherTabPhase.value;
  const retryAt = scheduler.value.nextRetryAt;
  const retryIn =
    mode === 'waiting' && retryAt !== null
      ? Math.max(1, Math.ceil((retryAt - now.value) / 1000))
      : null;
  return (
    <div class="sync-status" data-testid="sync-status">
      <p data-testid="sync-last">
        {r.last_sync_at
          ? // The latest attempt failed: the time is the last one that got through
            // (newcomer review: "Last sync: now" beside "The last sync failed").
            t(r.last_error ? 'sync.lastSuccess' : 'sync.lastSync', {
              ago: relativeTime(r.last_sync_at, now.value),
              date: absoluteTime(r.last_sync_at),
            })
          : t('sync.never')}
      </p>
      {r.last_transfer && (
        <p class="muted small" data-testid="sync-transfer">
          {t('sync.transfer', {
            sent: formatBytes(r.last_transfer.sent),
            received: formatBytes(r.last_transfer.received),
          })}
        </p>
      )}
      <p data-testid="sync-pending" data-count={pending.value}>
        {pending.value > 0
          ? t('sync.pending', { count: pending.value })
          : // Changes the server refused for the clock wait below: not "every change";
            // and before a first sync, "every change is synced" would contradict the
            // line above (review: an empty phone during its first sync).
            t(
              r.refused
                ? 'sync.pendingNoneButClock'
                : r.last_sync_at
                  ? 'sync.pendingNone'
                  : 'sync.pendingNoneYet',
            )}
      </p>
      <SyncClock service={service} />
      <div aria-live="polite">
        {running && (
          <>
            <p data-testid="sync-phase" data-phase={running.phase}>
              {!phase.value && `${t('sync.otherTab')} `}
              {phaseText(running)}
            </p>
            {/* Without a value a progress bar is indeterminate: only give one that is known. */}
            {phaseProgress(running) === null ? (
              <progress class="sync-progress" aria-label={phaseText(running)} />
            ) : (
              <progress
                class="sync-progress"
                aria-label={phaseText(running)}
                max={1}
                value={phaseProgress(running)!}
              />
            )}
          </>
        )}
        {!running && mode === 'offline' && <p class="muted">{t('sync.offline')}</p>}
        {!running && mode === 'stopped' && <p class="form-error">{t('sync.stopped')}</p>}
        {!running && retryIn !== null && (
          <p class="muted">{t('sync.retryIn', { count: retryIn })}</p>
        )}
      </div>
      {r.last_error && (
        <p class="form-error" role="alert" data-testid="sync-error" data-code={r.last_error.code}>
          {t('sync.lastError', {
            error: syncErrorText(
              r.last_error.code,
              r.last_error.details,
              service.state.settings.value.token,
            ),
          })}
        </p>
      )}
    </div>
  );
}
