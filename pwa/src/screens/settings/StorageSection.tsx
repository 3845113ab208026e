import { useSignal } from '@preact/signals';
import { useEffect, useId } from 'preact/hooks';
import { getLocalChangeSeq } from '../../db/meta';
import { t } from '../../i18n';
import { formatBytes } from '../../i18n/format';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';

interface Status {
  supported: boolean;
  persisted: boolean;
  usage: number | null;
  quota: number | null;
}

/** Reads persistence and usage from the Storage API, where the browser has it. */
export async function readStorageStatus(
  storage: StorageManager | undefined = navigator.storage,
): Promise<Status> {
  if (!storage) return { supported: false, persisted: false, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([
    storage.persisted?.().catch(() => false) ?? false,
    storage.estimate?.().catch(() => ({}) as StorageEstimate) ?? ({} as StorageEstimate),
  ]);
  return {
    supported: true,
    persisted,
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null,
  };
}

/** Persistent-storage status and request, and how much space is used. */
export function StorageSection() {
  const id = useId();
  const status = useSignal<Status | null>(null);
  const denied = useSignal(false);
  const refresh = async () => {
    status.value = await readStorageStatus();
  };
  // Usage changes with the data: read it again after every local write, import, sync
  // merge or restore (each moves the change counter or keeps a restore point).
  const { db } = useApp();
  const dataVersion = useLiveQuery(
    async () =>
      `${await getLocalChangeSeq(db)}|${(await db.restore_points.orderBy('created_at').lastKey()) ?? ''}`,
    [],
  );
  useEffect(() => {
    void refresh();
  }, [dataVersion]);
  const request = async () => {
    const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    denied.value = !granted;
    await refresh();
  };
  const s = status.value;
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.storage.title')}</h2>
      {s && !s.supported && <p class="muted">{t('settings.storage.unknown')}</p>}
      {s?.supported && (
        <>
          <p data-testid="storage-persisted">
            {s.persisted ? t('settings.storage.persisted') : t('settings.storage.notPersisted')}
          </p>
          {!s.persisted && (
            <button type="button" class="btn" onClick={request}>
              {t('settings.storage.request')}
            </button>
          )}
          {denied.value && !s.persisted && <p class="hint">{t('settings.storage.denied')}</p>}
          {s.usage !== null && s.quota !== null && (
            <p class="muted" data-testid="storage-usage">
              {t('settings.storage.usage', {
                used: formatBytes(s.usage),
                quota: formatBytes(s.quota),
              })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
