import type { RevisionInfo } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useContext } from 'preact/hooks';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { holdsNothing } from '../../../db/restore-points';
import { t } from '../../../i18n';
import { absoluteTime, distinctTimes } from '../../../i18n/format';
import { AppContext } from '../../../state/context';
import { useLiveQuery } from '../../../state/live';
import { toSyncError } from '../../../sync/errors';
import { SYNC_OFF_NOTICE } from '../../../sync/loaded-service';
import type { SyncService } from '../../../sync/service';
import { CopyRow } from '../CopyRow';
import { useDataOutcome } from '../data-outcome';
import { RestoreChoiceDialog } from './RestoreChoiceDialog';
import { previewEverywhere, restoreEverywhere } from './restore-actions';
import { deviceText, syncErrorText } from './sync-text';

type Message = { ok: boolean; text: string } | null;

/** Which server a list came from (a token changes who may read it, not what it holds). */
const serverOf = (service: SyncService) => service.currentServer() ?? '';

/** The server was changed while a restore of one of its revisions was being chosen. */
class ServerChanged extends Error {}

/**
 * Settings → Sync → Server backups (SPEC §10): the server's stored revisions, each
 * restorable on this device only or on every device, and "Replace this device with the
 * server's copy" behind a confirmation (a restore point is kept first).
 */
export function ServerBackups({ service }: { service: SyncService }) {
  // The list, and the revision chosen from it, belong to the server they came from:
  // revision numbers of another server name other data, so another address drops them
  // (a restore would otherwise fetch that number from the new server).
  const loaded = useSignal<{ server: string; items: RevisionInfo[] } | null>(null);
  const loading = useSignal(false);
  const picked = useSignal<{ server: string; revision: RevisionInfo } | null>(null);
  const replacing = useSignal(false);
  const message = useSignal<Message>(null);
  const announce = useDataOutcome(() => {
    message.value = null;
  });
  // Not useApp: the component's tests render it alone.
  const app = useContext(AppContext);
  // A device that holds nothing keeps no restore point of it: the texts must not promise
  // one (restore-points.ts). Without the app (tests), as if it held something.
  const keepsPoint =
    useLiveQuery(async () => (app ? !(await holdsNothing(app.db)) : true), [app]) !== false;
  const fail = (error: unknown) => {
    const e = toSyncError(error);
    message.value = {
      ok: false,
      text: syncErrorText(e.code, e.details, service.state.settings.value.token),
    };
  };
  const failOrChanged = (error: unknown) => {
    if (error instanceof ServerChanged) {
      message.value = { ok: false, text: t('sync.backups.serverChanged') };
    } else fail(error);
  };
  const load = async () => {
    const server = serverOf(service);
    loading.value = true;
    message.value = null;
    try {
      const items = await service.serverBackups();
      // Asked of a server that is no longer the one set: its answer is not shown.
      if (serverOf(service) === server) loaded.value = { server, items };
    } catch (error) {
      fail(error);
    } finally {
      loading.value = false;
    }
  };
  const server = serverOf(service);
  const items = loaded.value?.server === server ? loaded.value.items : null;
  const chosen = picked.value?.server === server ? picked.value.revision : null;
  // Backups of one minute would read the same: then their seconds (format's distinctTimes).
  const shown = new Map(
    items
      ? distinctTimes(items.map((r) => r.created_at)).map((s, i) => [items[i]!.revision, s])
      : [],
  );
  const timeOf = (r: RevisionInfo) => shown.get(r.revision) ?? absoluteTime(r.created_at);
  /** The chosen revision's state, if the server is still the one it was chosen from. */
  const fetchChosen = async (revision: RevisionInfo) => {
    if (serverOf(service) !== server) throw new ServerChanged();
    return service.serverBackup(revision.revision);
  };
  const close = () => (picked.value = null);
  // A running sync (its step shows above) would make a replace wait behind it.
  const syncing = service.state.activePhase.value !== null;
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
          aria-disabled={syncing ? 'true' : undefined}
          onClick={() => {
            if (!syncing) replacing.value = true;
          }}
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
              time={timeOf(r)}
              testId="sync-backup"
              detail={
                r.device && (
                  <div class="muted" data-testid="sync-backup-device">
                    {deviceText(r.device, service.device)}
                  </div>
                )
              }
              buttonText={t('sync.backups.restore')}
              buttonLabel={t('sync.backups.restoreLabel', { date: timeOf(r) })}
              onChoose={() => (picked.value = { server, revision: r })}
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
      {chosen && (
        <RestoreChoiceDialog
          keepsPoint={keepsPoint}
          title={t('settings.restore.choice.title', { date: timeOf(chosen) })}
          onCancel={close}
          onHere={async () => {
            try {
              await service.restoreHere(await fetchChosen(chosen));
              // Sync is off now, which hides this section and its message: the app's
              // notice says it (review: no word at all, and a type gone from the list).
              if (app) app.state.notice.value = { kind: 'info', key: SYNC_OFF_NOTICE };
              message.value = { ok: true, text: t(SYNC_OFF_NOTICE) };
              announce();
            } catch (error) {
              failOrChanged(error);
            }
            close();
          }}
          planEverywhere={async () => {
            try {
              const target = await fetchChosen(chosen);
              const summary = await previewEverywhere(target, service);
              const run = async () => {
                try {
                  message.value = { ok: true, text: await restoreEverywhere(target, service) };
                  announce();
                } catch (error) {
                  failOrChanged(error);
                }
                close();
              };
              return { summary, run };
            } catch (error) {
              failOrChanged(error);
              close();
              return null;
            }
          }}
        />
      )}
      {replacing.value && (
        <ConfirmDialog
          title={t('sync.backups.replaceTitle')}
          text={t(keepsPoint ? 'sync.backups.replaceText' : 'sync.backups.replaceTextEmpty')}
          confirmLabel={t('sync.backups.replaceConfirm')}
          danger
          onCancel={() => (replacing.value = false)}
          onConfirm={async () => {
            try {
              const kept = await service.replaceWithServer();
              message.value = {
                ok: true,
                text: t(kept ? 'sync.backups.replaced' : 'sync.backups.replacedNoPoint'),
              };
              announce();
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
