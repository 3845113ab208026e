import type { MiniatureType } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { useApp } from '../../state/context';
import { leaveTo } from '../../state/leave';
import { hrefOf } from '../../state/router';

/**
 * Delete with a confirmation dialog, then back to the list — in place of the deleted
 * type's page in the history, so Back never shows "does not exist any more".
 */
export function DeleteSection({ type }: { type: MiniatureType }) {
  const { actions } = useApp();
  const open = useSignal(false);
  const error = useSignal('');
  return (
    <>
      <button type="button" class="btn btn-danger" onClick={() => (open.value = true)}>
        {t('type.delete.button')}
      </button>
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      {open.value && (
        <ConfirmDialog
          title={t('type.delete.confirmTitle', { name: type.name })}
          text={t('type.delete.confirmText')}
          confirmLabel={t('type.delete.confirm')}
          danger
          onCancel={() => (open.value = false)}
          onConfirm={async () => {
            const out = await actions.deleteType(type.id);
            open.value = false;
            if (out.ok) leaveTo(hrefOf.list);
            else error.value = errorText(out.code, out.details);
          }}
        />
      )}
    </>
  );
}
