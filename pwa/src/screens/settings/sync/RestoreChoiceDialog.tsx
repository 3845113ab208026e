import { useSignal } from '@preact/signals';
import { Dialog } from '../../../components/Dialog';
import { t } from '../../../i18n';

interface Props {
  title: string;
  /** "On this device only": the data comes back here and sync turns off. */
  onHere: () => Promise<void>;
  /** "On every device": corrections that sync. */
  onEverywhere: () => Promise<void>;
  onCancel: () => void;
}

/**
 * The question a restore asks while sync is on (SPEC §10): on this device only, or on
 * every device. Each choice says what it does; the buttons stay disabled while it runs.
 */
export function RestoreChoiceDialog({ title, onHere, onEverywhere, onCancel }: Props) {
  const busy = useSignal(false);
  const run = (action: () => Promise<void>) => async () => {
    busy.value = true;
    try {
      await action();
    } finally {
      busy.value = false;
    }
  };
  return (
    <Dialog title={title} onClose={onCancel}>
      <p>{t('settings.restore.choice.text')}</p>
      <div class="sync-choice">
        <button
          type="button"
          class="btn"
          disabled={busy.value}
          onClick={run(onHere)}
          data-testid="restore-here"
        >
          <strong>{t('settings.restore.choice.here')}</strong>
          <span class="muted small">{t('settings.restore.choice.hereHint')}</span>
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy.value}
          onClick={run(onEverywhere)}
          data-testid="restore-everywhere"
        >
          <strong>{t('settings.restore.choice.everywhere')}</strong>
          <span class="muted small">{t('settings.restore.choice.everywhereHint')}</span>
        </button>
      </div>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
