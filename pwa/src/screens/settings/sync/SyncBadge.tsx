import { t } from '../../../i18n';
import { hrefOf } from '../../../state/router';
import { getSyncService } from '../../../sync/instance';
import type { SyncService } from '../../../sync/service';
import './sync.css';
import { badgeText, phaseText } from './sync-text';

/**
 * The header's sync status: a small link to Settings → Sync that says syncing /
 * synced / not synced / error / conflicts. Hidden while sync is off. Rendering it
 * starts the app's sync service, so sync runs on every screen.
 */
export function SyncBadge({ service = getSyncService() }: { service?: SyncService }) {
  const { badge, activePhase, pending } = service.state;
  const kind = badge.value;
  if (kind === 'off') return null;
  const phase = activePhase.value;
  const word = kind === 'pending' ? `${badgeText(kind)} · ${pending.value}` : badgeText(kind);
  const detail = phase ? phaseText(phase) : word;
  return (
    <a
      class={`badge sync-badge sync-badge-${kind}`}
      href={`${hrefOf.settings}`}
      data-testid="sync-badge"
      data-state={kind}
      title={detail}
      aria-label={t('sync.badge.label', { status: detail })}
    >
      <span aria-hidden="true" class="sync-badge-dot" />
      {word}
    </a>
  );
}
