import { type Signal, useSignal } from '@preact/signals';
import { useEffect, useId } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import {
  holdsNothing,
  listRestorePoints,
  type RestorePointInfo,
  readRestorePoint,
  restoreFromPoint,
} from '../../db/restore-points';
import { toDomainError } from '../../db/storage-error';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { absoluteTime, distinctTimes } from '../../i18n/format';
import { useApp } from '../../state/context';
import { useLiveQuery } from '../../state/live';
import { SYNC_OFF_NOTICE, useSyncService } from '../../sync/loaded-service';
import { loadSettings } from '../../sync/store';
import { CopyRow } from './CopyRow';
import { useDataOutcome } from './data-outcome';
import { type EverywherePlan, RestoreChoiceDialog } from './sync/RestoreChoiceDialog';
import { previewEverywhere, restoreEverywhere } from './sync/restore-actions';

/** A result line; `whileSyncOff` when it says sync is off (it goes once sync is on). */
type Message = { ok: boolean; text: string; whileSyncOff?: boolean } | null;

/** Sync is on on this device (read from its settings: the sync code may not be loaded). */
const syncOn = () => loadSettings(localStorage).enabled;

/** Turns sync off through the app's sync service, before a restore on this device only. */
async function syncOff(): Promise<void> {
  (await import('../../sync/instance')).getSyncService().updateSettings({ enabled: false });
}

/** Runs a restore and shows its result line (none for null) or its error text. */
async function settle(
  message: Signal<Message>,
  onDone: () => void,
  action: () => Promise<string | null>,
): Promise<void> {
  try {
    const text = await action();
    if (text !== null) {
      message.value = { ok: true, text };
      onDone();
    }
  } catch (error) {
    const e = toDomainError(error);
    message.value = { ok: false, text: errorText(e.code, e.details) };
  }
}

/**
 * The last ten restore points (time, reason, size); restoring one is one transaction.
 * While sync is on, a restore asks where (SPEC §10): on this device only (sync turns
 * off) or on every device (corrections that sync).
 */
export function RestoreSection() {
  const { db } = useApp();
  const id = useId();
  const points = useLiveQuery(() => listRestorePoints(db), []);
  // A device that holds nothing keeps no point of it: the dialogs must not promise one.
  const keepsPoint = useLiveQuery(() => holdsNothing(db), []) !== true;
  // Two points of one minute (an import, then a restore) would read the same: seconds.
  const shown = new Map(
    points ? distinctTimes(points.map((p) => p.created_at)).map((s, i) => [points[i]!.id, s]) : [],
  );
  const timeOf = (p: RestorePointInfo) => shown.get(p.id) ?? absoluteTime(p.created_at);
  const chosen = useSignal<RestorePointInfo | null>(null);
  const message = useSignal<Message>(null);
  const sync = useSyncService();
  const syncIsOn = sync?.state.settings.value.enabled === true;
  // A line saying sync is off goes once it is on again (review: it stayed).
  useEffect(() => {
    if (syncIsOn && message.peek()?.whileSyncOff) message.value = null;
  }, [syncIsOn]);
  const announce = useDataOutcome(() => {
    message.value = null;
  });
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.restore.title')}</h2>
      <p class="muted">{t('settings.restore.hint')}</p>
      {points && points.length === 0 && <p class="muted">{t('settings.restore.empty')}</p>}
      {points && points.length > 0 && (
        <ul class="restore-list" aria-label={t('settings.restore.listLabel')}>
          {points.map((p) => (
            <CopyRow
              key={p.id}
              copy={p}
              time={timeOf(p)}
              testId="restore-point"
              // The dot stays with the reason: a line may break before it, not after (review).
              detail={
                <span class="muted">
                  {' ·\u00a0'}
                  {t(`settings.restore.reason.${p.reason}`)}
                </span>
              }
              buttonText={t('settings.restore.button')}
              buttonLabel={t('settings.restore.buttonLabel', { date: timeOf(p) })}
              onChoose={() => (chosen.value = p)}
            />
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
      {chosen.value && syncOn() && (
        <RestoreChoiceDialog
          keepsPoint={keepsPoint}
          title={t('settings.restore.choice.title', { date: timeOf(chosen.value) })}
          onCancel={() => (chosen.value = null)}
          onHere={async () => {
            await settle(message, announce, async () => {
              await syncOff();
              await restoreFromPoint(db, chosen.value!.id);
              return t(SYNC_OFF_NOTICE);
            });
            if (message.value?.ok) message.value = { ...message.value, whileSyncOff: true };
            chosen.value = null;
          }}
          planEverywhere={async () => {
            let plan: EverywherePlan | null = null;
            await settle(message, announce, async () => {
              const target = await readRestorePoint(db, chosen.value!.id);
              const summary = await previewEverywhere(target);
              const run = async () => {
                await settle(message, announce, () => restoreEverywhere(target));
                chosen.value = null;
              };
              plan = { summary, run };
              return null;
            });
            if (!plan) chosen.value = null;
            return plan;
          }}
        />
      )}
      {chosen.value && !syncOn() && (
        <ConfirmDialog
          title={t('settings.restore.confirmTitle', { date: timeOf(chosen.value) })}
          text={t(
            keepsPoint ? 'settings.restore.confirmText' : 'settings.restore.confirmTextEmpty',
          )}
          confirmLabel={t('settings.restore.confirm')}
          onCancel={() => (chosen.value = null)}
          onConfirm={async () => {
            try {
              await restoreFromPoint(db, chosen.value!.id);
              message.value = { ok: true, text: t('settings.restore.done') };
              announce();
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
