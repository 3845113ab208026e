import { type Counts, type MiniatureType, STAGES, type Stage } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { QtyField } from '../../components/QtyField';
import { StageSelect } from '../../components/StageSelect';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { useFollowCounts } from './follow-counts';
import { formErrors } from './form-errors';

/** The first stage that holds models, else IN_BOX: where Remove starts. */
export function defaultRemoveStage(counts: Counts): Stage {
  return STAGES.find((s) => counts[s] > 0) ?? 'IN_BOX';
}

/**
 * Add models at a stage, or remove some from one (mode decides which); its section's
 * heading (`titleId`) names the form.
 */
export function AdjustForm({
  type,
  mode,
  titleId,
}: {
  type: MiniatureType;
  mode: 'add' | 'remove';
  titleId: string;
}) {
  const { actions } = useApp();
  const stage = useSignal<Stage>(mode === 'add' ? 'IN_BOX' : defaultRemoveStage(type.counts));
  const qty = useSignal(1);
  // Removing: counts changed under the form (an undo, a sync, another tab) as MoveForm.
  useFollowCounts(
    type.counts,
    mode === 'remove' ? { source: stage, qty, pick: defaultRemoveStage } : null,
  );
  const errors = useSignal({ qty: '', form: '' });
  const busy = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const out = await (mode === 'add' ? actions.add : actions.remove)(
      type.id,
      stage.value,
      qty.value,
    );
    busy.value = false;
    errors.value = formErrors(out);
    if (out.ok) qty.value = 1;
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <p class="muted">{t(`type.${mode}.hint`)}</p>
      <div class="form-row">
        <StageSelect
          label={t(`type.${mode}.stage`)}
          value={stage.value}
          stages={STAGES}
          onChange={(s) => {
            stage.value = s;
            errors.value = { qty: '', form: '' };
          }}
          counts={mode === 'remove' ? type.counts : undefined}
        />
        <QtyField
          label={t(`type.${mode}.qty`)}
          value={qty.value}
          max={mode === 'remove' ? type.counts[stage.value] : undefined}
          error={errors.value.qty}
          onChange={(n) => {
            qty.value = n;
            errors.value = { qty: '', form: '' };
          }}
        />
      </div>
      {errors.value.form && (
        <p class="form-error" role="alert">
          {errors.value.form}
        </p>
      )}
      <button
        type="submit"
        class={mode === 'add' ? 'btn btn-primary' : 'btn'}
        disabled={busy.value || (mode === 'remove' && type.counts[stage.value] === 0)}
      >
        {t(`type.${mode}.submit`)}
      </button>
    </form>
  );
}
