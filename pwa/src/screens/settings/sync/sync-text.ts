import type { ErrorCode, ErrorDetails } from '@mpt/shared';
import { errorText, t } from '../../../i18n';
import { absoluteTime, formatBytes } from '../../../i18n/format';
import type { SyncPhase } from '../../../sync/attempt';
import type { StoredConflict } from '../../../sync/store';
import type { BadgeKind } from '../../../sync/sync-state';

const REASONS = new Set(['network', 'timeout', 'answer_lost', 'bad_response', 'offline']);

/**
 * An error code as text, with the sync-specific reason when the details carry one
 * (an unreachable server and a foreign site at the URL read differently).
 */
export function syncErrorText(code: ErrorCode, details: ErrorDetails = {}): string {
  const base = errorText(code, details);
  if (
    code === 'ERR_SYNC_UNREACHABLE' &&
    typeof details.reason === 'string' &&
    REASONS.has(details.reason)
  ) {
    return `${base} ${capitalize(t(`sync.reason.${details.reason}`))}`;
  }
  if (code === 'ERR_VALIDATION' && details.field === 'url') return t('sync.urlInvalid');
  return base;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a running sync is doing, for the status line and the badge's tooltip. */
export function phaseText(phase: SyncPhase): string {
  switch (phase.phase) {
    case 'preparing':
      return t('sync.phase.preparing');
    case 'uploading':
      if (phase.received === 0)
        return t('sync.phase.uploading', { size: formatBytes(phase.bytes) });
      return phase.total === null
        ? t('sync.phase.downloadingUnknown', { received: formatBytes(phase.received) })
        : t('sync.phase.downloading', {
            received: formatBytes(phase.received),
            total: formatBytes(phase.total),
          });
    case 'merging':
      return t('sync.phase.merging', { size: formatBytes(phase.bytes) });
  }
}

/** "Orks: move 2 from In box to Done" — which move of which type could not be applied. */
export function conflictTitle(c: StoredConflict): string {
  const from = c.event.from_stage ? t(`stages.${c.event.from_stage}`) : '';
  const common = { type: c.type_name, qty: c.event.qty, from };
  return c.event.to_stage
    ? t('sync.conflicts.move', { ...common, to: t(`stages.${c.event.to_stage}`) })
    : t('sync.conflicts.remove', common);
}

/** When it was made and why it was refused. */
export function conflictDetail(c: StoredConflict): string {
  return t('sync.conflicts.when', {
    date: absoluteTime(c.event.created_at),
    reason: errorText(c.reason),
  });
}

/** The badge's short word for a state. */
export function badgeText(kind: Exclude<BadgeKind, 'off'>): string {
  return t(`sync.badge.${kind}`);
}
