import type { MiniatureType } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { formErrors } from './form-errors';

/** Rename a type; a taken or invalid name is shown inline. Named by its section's heading. */
export function RenameForm({ type, titleId }: { type: MiniatureType; titleId: string }) {
  const { actions } = useApp();
  const name = useSignal(type.name);
  const error = useSignal('');
  const id = useId();
  const submit = async (e: Event) => {
    e.preventDefault();
    const out = await actions.rename(type.id, name.value);
    error.value = formErrors(out).form;
    if (out.ok) name.value = out.value.name;
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <div class="field">
        <label for={id}>{t('type.rename.name')}</label>
        <input
          id={id}
          value={name.value}
          maxLength={240}
          aria-invalid={error.value !== ''}
          aria-describedby={error.value ? `${id}-error` : undefined}
          onInput={(e) => (name.value = e.currentTarget.value)}
        />
      </div>
      {error.value && (
        <p class="form-error" role="alert" id={`${id}-error`}>
          {error.value}
        </p>
      )}
      <button type="submit" class="btn" disabled={name.value.trim() === type.name}>
        {t('type.rename.submit')}
      </button>
    </form>
  );
}
