import { useSignal } from '@preact/signals';
import { t } from '../i18n';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  text: string;
  confirmLabel: string;
  /** Runs on confirm; the dialog stays open (buttons disabled) until it settles. */
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
  danger?: boolean;
}

/** A yes/no question before something that cannot be undone lightly. */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onCancel, danger }: Props) {
  const busy = useSignal(false);
  const confirm = async () => {
    busy.value = true;
    try {
      await onConfirm();
    } finally {
      busy.value = false;
    }
  };
  return (
    <Dialog title={title} onClose={onCancel}>
      <p>{text}</p>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onCancel} data-autofocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          class={danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={busy.value}
          onClick={confirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
