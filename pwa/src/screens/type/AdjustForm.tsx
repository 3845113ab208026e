import { type MiniatureType, STAGES, type Stage } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { QtyField } from '../../components/QtyField';
import { StageSelect } from '../../components/StageSelect';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { outcomeError } from './MoveForm';

/** Add models at a stage, or remove some from one (mode decides which). */
export function AdjustForm({ type, mode }: { type: MiniatureType; mode: 'add' | 'remove' }) {
  const { actions } = useApp();
  const stage = useSignal<Stage>(
    mode === 'add' ? 'IN_BOX' : (STAGES.find((s) => type.counts[s] > 0) ?? 'IN_BOX'),
  );
  const qty = useSignal(1);
  const error = useSignal('');
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
    error.value = outcomeError(out);
    if (out.ok) qty.value = 1;
  };
  const titleId = `${mode}-title`;
  return (
    <form class="card form" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{t(`type.${mode}.title`)}</h2>
      <p class="muted">{t(`type.${mode}.hint`)}</p>
      <div class="form-row">
        <StageSelect
          label={t(`type.${mode}.stage`)}
          value={stage.value}
          stages={STAGES}
          onChange={(s) => (stage.value = s)}
          suffix={mode === 'remove' ? (s) => String(type.counts[s]) : undefined}
        />
        <QtyField
          label={t(`type.${mode}.qty`)}
          value={qty.value}
          max={mode === 'remove' ? type.counts[stage.value] : undefined}
          onChange={(n) => (qty.value = n)}
        />
      </div>
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
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
