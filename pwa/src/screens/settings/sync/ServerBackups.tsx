import type { RevisionInfo } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { t } from '../../../i18n';
import { absoluteTime } from '../../../i18n/format';
import { toSyncError } from '../../../sync/errors';
import type { SyncService } from '../../../sync/service';
import { CopyRow } from '../CopyRow';
import { RestoreChoiceDialog } from './RestoreChoiceDialog';
import { restoreEverywhere } from './restore-actions';
import { deviceText, syncErrorText } from './sync-text';

type Message = { ok: boolean; text: string } | null;

/**
 * Settings → Sync → Server backups (SPEC §10): the server's stored revisions, each
 * restorable on this device only or on every device, and "Replace this device with the
 * server's copy" behind a confirmation (a restore point is kept first).
 */
export function ServerBackups({ service }: { service: SyncService }) {
  const list = useSignal<RevisionInfo[] | null>(null);
  const loading = useSignal(false);
  const chosen = useSignal<RevisionInfo | null>(null);
  const replacing = useSignal(false);
  const message = useSignal<Message>(null);
  const fail = (error: unknown) => {
    const e = toSyncError(error);
    message.value = { ok: false, text: syncErrorText(e.code, e.details) };
  };
  const load = async () => {
    loading.value = true;
    message.value = null;
    try {
      list.value = await service.serverBackups();
    } catch (error) {
      fail(error);
    } finally {
      loading.value = false;
    }
  };
  const items = list.value;
  return (
    <div class="sync-backups-box" data-testid="sync-backups">
      <h3>{t('sync.backups.title')}</h3>
      <p class="muted">{t('sync.backups.hint')}</p>
      <div class="sync-actions">
        <button type="button" class="btn" disabled={loading.value} onClick={load}>
          {t(items ? 'sync.backups.refresh' : 'sync.backups.show')}
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => (replacing.value = true)}
          data-testid="sync-replace"
        >
          {t('sync.backups.replace')}
        </button>
      </div>
      {loading.value && <p class="muted">{t('sync.backups.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('sync.backups.empty')}</p>}
      {items && items.length > 0 && (
        <ul class="sync-backups" aria-label={t('sync.backups.listLabel')}>
          {items.map((r) => (
            <CopyRow
              key={r.revision}
              copy={r}
              testId="sync-backup"
              detail={
                r.device && (
                  <div class="muted" data-testid="sync-backup-device">
                    {deviceText(r.device)}
                  </div>
                )
              }
              buttonText={t('sync.backups.restore')}
              buttonLabel={t('sync.backups.restoreLabel', { date: absoluteTime(r.created_at) })}
              onChoose={() => (chosen.value = r)}
            />
          ))}
        </ul>
      )}
      {message.value && (
        <p
          role={message.value.ok ? 'status' : 'alert'}
          class={message.value.ok ? 'ok' : 'form-error'}
          data-testid="sync-backups-message"
        >
          {message.value.text}
        </p>
      )}
      {chosen.value && (
        <RestoreChoiceDialog
          title={t('settings.restore.choice.title', {
            date: absoluteTime(chosen.value.created_at),
          })}
          onCancel={() => (chosen.value = null)}
          onHere={async () => {
            try {
              await service.restoreHere(await service.serverBackup(chosen.value!.revision));
              message.value = { ok: true, text: t('settings.restore.choice.doneHere') };
            } catch (error) {
              fail(error);
            }
            chosen.value = null;
          }}
          onEverywhere={async () => {
            try {
              const target = await service.serverBackup(chosen.value!.revision);
              message.value = { ok: true, text: await restoreEverywhere(target, service) };
            } catch (error) {
              fail(error);
            }
            chosen.value = null;
          }}
        />
      )}
      {replacing.value && (
        <ConfirmDialog
          title={t('sync.backups.replaceTitle')}
          text={t('sync.backups.replaceText')}
          confirmLabel={t('sync.backups.replaceConfirm')}
          danger
          onCancel={() => (replacing.value = false)}
          onConfirm={async () => {
            try {
              await service.replaceWithServer();
              message.value = { ok: true, text: t('sync.backups.replaced') };
            } catch (error) {
              fail(error);
            }
            replacing.value = false;
          }}
        />
      )}
    </div>
  );
}
