import { effect } from '@preact/signals';
import { useContext, useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { type AppState, withdrawSetAside } from '../../../state/app-state';
import { AppContext } from '../../../state/context';
import { hrefOf } from '../../../state/router';
import { loadedSyncService, loadSyncService, SYNC_OFF_NOTICE } from '../../../sync/loaded-service';
import type { SyncService } from '../../../sync/service';
import './sync.css';
import { badgeStatus, badgeWord } from './badge-text';

/**
 * Takes down the notice that sync is off once it is on again (review: «…Синхронизация
 * выключена…» stayed on every screen beside «Актуально»). Returns a disposer.
 */
export function watchSyncOn(sync: SyncService, state: AppState): () => void {
  return effect(() => {
    const notice = state.notice.peek();
    if (
      sync.state.settings.value.enabled &&
      notice?.kind === 'info' &&
      notice.key === SYNC_OFF_NOTICE
    )
      state.notice.value = null;
  });
}

/**
 * Withdraws the snackbar's Undo as soon as a sync reports its step set aside (this
 * tab's sync, or another tab's: the record is reloaded then), so the hobbyist is not
 * offered an undo that has nothing to take back. Returns a disposer.
 */
export function watchSetAside(sync: SyncService, state: AppState): () => void {
  return effect(() => {
    const { conflicts } = sync.state.record.value;
    if (conflicts.length > 0) withdrawSetAside(state, new Set(conflicts.map((c) => c.event.id)));
  });
}

/**
 * The header's sync status: a small link to Settings → Sync that says syncing /
 * synced / not synced · N / paused · N / error / conflicts in a word, and in whole
 * sentences in its title and name. Hidden while sync is off. Mounting it
 * loads and starts the app's sync service, so sync runs on every screen, and watches
 * its conflicts for the snackbar (watchSetAside).
 */
export function SyncBadge({ service }: { service?: SyncService }) {
  useEffect(() => {
    if (!service) loadSyncService();
  }, [service]);
  const sync = service ?? loadedSyncService();
  // Not useApp: Settings tests show the badge without the app around it.
  const app = useContext(AppContext);
  useEffect(() => (sync && app ? watchSetAside(sync, app.state) : undefined), [sync, app]);
  useEffect(() => (sync && app ? watchSyncOn(sync, app.state) : undefined), [sync, app]);
  if (!sync) return null;
  const { badge, activePhase, pending, record, settings } = sync.state;
  const kind = badge.value;
  if (kind === 'off') return null;
  // The word is short (a phone's header is narrow); the title and the name say it whole.
  const status = badgeStatus(kind, {
    phase: activePhase.value,
    pending: pending.value,
    error: record.value.last_error,
    token: settings.value.token,
  });
  return (
    <a
      class={`badge sync-badge sync-badge-${kind}`}
      href={hrefOf.settings}
      data-testid="sync-badge"
      data-state={kind}
      title={status}
      aria-label={t('sync.badge.label', { status })}
    >
      <span aria-hidden="true" class="sync-badge-dot" />
      <span class="sync-badge-word">{badgeWord(kind, pending.value)}</span>
    </a>
  );
}
