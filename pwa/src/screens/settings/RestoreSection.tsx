import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import {
  listRestorePoints,
  type RestorePointInfo,
  restoreFromPoint,
} from '../../db/restore-points';
import { toDomainError } from '../../db/storage-error';
import { errorText, t } from '../../i18n';
import { absoluteTime, formatBytes } from '../../i18n/format';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';

/** The last ten restore points (time, reason, size); restoring one is one transaction. */
export function RestoreSection() {
  const { db } = useApp();
  const id = useId();
  const points = useLiveQuery(() => listRestorePoints(db), []);
  const chosen = useSignal<RestorePointInfo | null>(null);
  const message = useSignal<{ ok: boolean; text: string } | null>(null);
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.restore.title')}</h2>
      <p class="muted">{t('settings.restore.hint')}</p>
      {points && points.length === 0 && <p class="muted">{t('settings.restore.empty')}</p>}
      {points && points.length > 0 && (
        <ul class="restore-list" aria-label={t('settings.restore.listLabel')}>
          {points.map((p) => (
            <li key={p.id} data-testid="restore-point">
              <div>
                <strong>{absoluteTime(p.created_at)}</strong>
                <span class="muted"> · {t(`settings.restore.reason.${p.reason}`)}</span>
                <div class="muted small">
                  {t('settings.restore.summary', {
                    types: t('settings.restore.types', { count: p.types }),
                    entries: t('settings.restore.entries', { count: p.events }),
                    size: formatBytes(p.size_bytes),
                  })}
                </div>
              </div>
              <button
                type="button"
                class="btn"
                aria-label={t('settings.restore.buttonLabel', { date: absoluteTime(p.created_at) })}
                onClick={() => (chosen.value = p)}
              >
                {t('settings.restore.button')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {message.value && (
        <p
          role={message.value.ok ? 'status' : 'alert'}
          class={message.value.ok ? 'ok' : 'form-error'}
        >
          {message.value.text}
        </p>
      )}
      {chosen.value && (
        <ConfirmDialog
          title={t('settings.restore.confirmTitle', {
            date: absoluteTime(chosen.value.created_at),
          })}
          text={t('settings.restore.confirmText')}
          confirmLabel={t('settings.restore.confirm')}
          onCancel={() => (chosen.value = null)}
          onConfirm={async () => {
            try {
              await restoreFromPoint(db, chosen.value!.id);
              message.value = { ok: true, text: t('settings.restore.done') };
            } catch (error) {
              const e = toDomainError(error);
              message.value = { ok: false, text: errorText(e.code, e.details) };
            }
            chosen.value = null;
          }}
        />
      )}
    </section>
  );
}
