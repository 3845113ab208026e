import type { Period } from '@mpt/shared';
import { deviceStorage, recall, remember } from '../../state/remembered';
import type { ArmyFilter, Metric } from './summarize';

/** The Activity view a user picked: remembered on this device only (not synced). */
export interface ActivityPrefs {
  period: Period;
  metric: Metric;
  army: ArmyFilter;
}

const KEY = 'mpt.activity.view';
const DEFAULTS: ActivityPrefs = { period: 'week', metric: 'models', army: { kind: 'all' } };

/** The stored choice, each part checked (a broken or old value falls back to the default). */
export function loadPrefs(
  storage: Pick<Storage, 'getItem'> | null = deviceStorage(),
): ActivityPrefs {
  return recall(KEY, parsePrefs, DEFAULTS, storage);
}

function parsePrefs(raw: unknown): ActivityPrefs {
  if (typeof raw !== 'object' || raw === null) return DEFAULTS;
  const r = raw as Record<string, unknown>;
  const army = r.army as Record<string, unknown> | undefined;
  return {
    period: r.period === 'month' || r.period === 'year' ? r.period : 'week',
    metric: r.metric === 'points' ? 'points' : 'models',
    army:
      army?.kind === 'none'
        ? { kind: 'none' }
        : army?.kind === 'army' && typeof army.key === 'string'
          ? { kind: 'army', key: army.key }
          : { kind: 'all' },
  };
}

/** Remembers the choice; storage that is full or disabled only forgets it. */
export function savePrefs(
  prefs: ActivityPrefs,
  storage: Pick<Storage, 'setItem'> | null = deviceStorage(),
): void {
  remember(KEY, prefs, storage);
}
