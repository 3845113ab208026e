import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { EmptyState } from '../../components/EmptyState';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { hrefOf } from '../../state/router';
import type { SyncService } from '../../sync/service';
import { useSyncService } from '../settings/sync/SyncBadge';
import { phaseText } from '../settings/sync/sync-text';

const body = signal<ComponentType | null>(null);
let loading: Promise<void> | null = null;

/**
 * Loads the list's body (rows, sections per army, view controls, the name rules they
 * need) out of the initial bundle. main.tsx starts it beside the first read of the
 * types, so the list waits for it no longer than for its data.
 */
export function loadListBody(): Promise<void> {
  loading ??= import('./ListBody').then((m) => {
    body.value = m.ListBody;
  });
  return loading;
}

/**
 * While this device's first sync with its server runs, what it is doing (the step's
 * text); else null. An empty device that is getting its types must not say "no types
 * yet, add one" (review: it did for 5 s and more while 4 000 types came in).
 */
export function firstSyncStep(sync: SyncService | null): string | null {
  if (!sync) return null;
  const { settings, record, activePhase } = sync.state;
  const phase = activePhase.value;
  if (!settings.value.enabled || record.value.last_sync_at !== null || phase === null) return null;
  return phaseText(phase);
}

/** The types list: "Loading…", the first-visit empty state, or the list's body. */
export function ListScreen() {
  const { state } = useApp();
  const all = state.types.value;
  const Body = body.value;
  useEffect(() => {
    if (!Body) void loadListBody();
  }, [Body]);
  const sync = useSyncService();
  if (all === null) return <p class="loading">{t('app.loading')}</p>;
  if (all.length === 0) {
    const first = firstSyncStep(sync);
    if (first !== null) {
      return (
        <>
          <h1 class="sr-only">{t('list.title')}</h1>
          <EmptyState title={t('list.firstSyncTitle')} text={first} />
        </>
      );
    }
    return (
      <>
        <h1 class="sr-only">{t('list.title')}</h1>
        <EmptyState title={t('list.emptyTitle')} text={t('list.emptyText')}>
          <a class="btn btn-primary" href={hrefOf.new}>
            {t('list.emptyAction')}
          </a>
        </EmptyState>
      </>
    );
  }
  if (!Body) return <p class="loading">{t('app.loading')}</p>;
  return (
    <>
      <h1 class="sr-only">{t('list.title')}</h1>
      <Body />
    </>
  );
}
