import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { EmptyState } from '../../components/EmptyState';
import { Lazy } from '../../components/Lazy';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { hrefOf } from '../../state/router';
import type { SyncPhase } from '../../sync/attempt';
import { useSyncService } from '../../sync/loaded-service';
import type { SyncService } from '../../sync/service';

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
 * While this device's first sync with its server runs, its step; else null. An empty
 * device that is getting its types must not say "no types yet, add one" (review: it
 * did for 5 s and more while 4 000 types came in).
 */
export function firstSyncPhase(sync: SyncService | null): SyncPhase | null {
  if (!sync) return null;
  const { settings, record, activePhase } = sync.state;
  if (!settings.value.enabled || record.value.last_sync_at !== null) return null;
  return activePhase.value;
}

const loadStep = () => import('./FirstSyncStep').then((m) => m.FirstSyncStep);

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
    const phase = firstSyncPhase(sync);
    if (phase !== null) {
      return (
        <>
          <h1 class="sr-only">{t('list.title')}</h1>
          <EmptyState title={t('list.firstSyncTitle')}>
            <p class="empty-text">
              <Lazy load={loadStep} props={{ phase }} fallback={null} />
            </p>
          </EmptyState>
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
