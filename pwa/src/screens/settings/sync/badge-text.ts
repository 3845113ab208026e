import { t } from '../../../i18n';
import { formatNumber } from '../../../i18n/number';
import type { SyncPhase } from '../../../sync/attempt';
import type { StoredError } from '../../../sync/store';
import type { BadgeKind } from '../../../sync/sync-state';
import { phaseText, syncErrorText } from './sync-text';

/** A state the badge is shown in. */
export type ShownBadge = Exclude<BadgeKind, 'off'>;

// States whose word carries the number of local changes not yet sent.
const COUNTED = new Set<ShownBadge>(['pending', 'offline']);

/**
 * The badge's short word for a state, "word · N" when changes wait to be sent (pending,
 * and offline: a hobbyist offline wants to know how many). Short so that it fits a
 * 320 px header beside "Offline" (docs/sync.md); badgeStatus says it in full.
 */
export function badgeWord(kind: ShownBadge, pending: number): string {
  const word = t(`sync.badge.${kind}`);
  return COUNTED.has(kind) && pending > 0 ? `${word} · ${formatNumber(pending)}` : word;
}

/** What badgeStatus needs beyond the state: the sync's step, its count and last error. */
export interface BadgeFacts {
  phase: SyncPhase | null;
  pending: number;
  error: StoredError | null;
  /** The token set in Settings (an empty one asks for one rather than "check it"). */
  token: string;
}

/**
 * The badge's state as whole sentences, for its title and its name ("3 changes on this
 * device are not synced yet.", plural forms by count; the step of a running sync; the
 * last error's text).
 */
export function badgeStatus(kind: ShownBadge, facts: BadgeFacts): string {
  const waiting = facts.pending > 0 ? t('sync.pending', { count: facts.pending }) : '';
  switch (kind) {
    case 'syncing':
      return facts.phase
        ? t('sync.badge.full.syncingStep', { step: phaseText(facts.phase) })
        : t('sync.badge.full.syncing');
    case 'offline':
      return [t('sync.offline'), waiting].filter(Boolean).join(' ');
    case 'pending':
      return waiting || t('sync.never');
    case 'error':
    case 'unauthorized':
      return facts.error
        ? t('sync.lastError', {
            error: syncErrorText(facts.error.code, facts.error.details, facts.token),
          })
        : t(`sync.badge.full.${kind}`);
    default:
      return t(`sync.badge.full.${kind}`);
  }
}
