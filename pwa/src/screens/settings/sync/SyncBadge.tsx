import { effect, signal } from '@preact/signals';
import { useContext, useEffect } from 'preact/hooks';
import { t } from '../../../i18n';
import { type AppState, withdrawSetAside } from '../../../state/app-state';
import { AppContext } from '../../../state/context';
import { hrefOf } from '../../../state/router';
import type { SyncService } from '../../../sync/service';
import './sync.css';
import { badgeText, phaseText } from './sync-text';

// The sync code loads after the first paint, in its own chunk: the list must not wait for it.
const loaded = signal<SyncService | null>(null);
let loading = false;

function loadSyncService(): void {
  if (loading) return;
  loading = true;
  void import('../../../sync/instance').then((m) => {
    loaded.value = m.getSyncService();
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
 * synced / not synced / error / conflicts. Hidden while sync is off. Mounting it
 * loads and starts the app's sync service, so sync runs on every screen, and watches
 * its conflicts for the snackbar (watchSetAside).
 */
export function SyncBadge({ service }: { service?: SyncService }) {
  useEffect(() => {
    if (!service) loadSyncService();
  }, [service]);
  const sync = service ?? loaded.value;
  // Not useApp: Settings tests show the badge without the app around it.
  const app = useContext(AppContext);
  useEffect(() => (sync && app ? watchSetAside(sync, app.state) : undefined), [sync, app]);
  if (!sync) return null;
  const { badge, activePhase, pending } = sync.state;
  const kind = badge.value;
  if (kind === 'off') return null;
  const phase = activePhase.value;
  const word = kind === 'pending' ? `${badgeText(kind)} · ${pending.value}` : badgeText(kind);
  const detail = phase ? phaseText(phase) : word;
  return (
    <a
      class={`badge sync-badge sync-badge-${kind}`}
      href={hrefOf.settings}
      data-testid="sync-badge"
      data-state={kind}
      title={detail}
      aria-label={t('sync.badge.label', { status: detail })}
    >
      <span aria-hidden="true" class="sync-badge-dot" />
      <span class="sync-badge-word">{word}</span>
    </a>
  );
}
