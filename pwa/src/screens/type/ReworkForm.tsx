import { type Counts, type MiniatureType, STAGES, type Stage } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { QtyField } from '../../components/QtyField';
import { StageSelect } from '../../components/StageSelect';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { targetFor, useFollowCounts } from './follow-counts';
import { formErrors } from './form-errors';

/** Stages models can be sent back from: every one but the first. */
const SOURCES = STAGES.slice(1);

/** The stages before `stage`, nearest first (where a rework most often goes). */
export function earlierStages(stage: Stage): Stage[] {
  return STAGES.slice(0, STAGES.indexOf(stage)).reverse();
}

/** Done when it holds models, else the latest stage that does; else Done. */
export function defaultReworkSource(counts: Counts): Stage {
  return [...SOURCES].reverse().find((s) => counts[s] > 0) ?? 'DONE';
}

/**
 * Send back for rework (SPEC §9): models from a stage back to an earlier one — strip
 * and repaint, a broken arm. History shows it with its own label, and Activity counts
 * finished net of it. Its section's heading (`titleId`) names the form.
 */
export function ReworkForm({ type, titleId }: { type: MiniatureType; titleId: string }) {
  const { actions } = useApp();
  const from = useSignal<Stage>(defaultReworkSource(type.counts));
  const to = useSignal<Stage>(earlierStages(from.value)[0]!);
  const qty = useSignal(1);
  const errors = useSignal({ qty: '', form: '' });
  const busy = useSignal(false);
  const available = type.counts[from.value];
  const clear = () => (errors.value = { qty: '', form: '' });
  // The target the user picked (targetFor): kept while it is earlier than the source.
  const pickedTo = useRef<Stage | null>(null);
  const retarget = (s: Stage) => {
    to.value = targetFor(earlierStages(s), pickedTo.current);
  };
  // Counts changed under the form (an undo, a sync, another tab): as MoveForm.
  useFollowCounts(type.counts, {
    source: from,
    qty,
    pick: defaultReworkSource,
    onSource: retarget,
  });
  // Why Send back is disabled (review: greyed out with no word after "All").
  const why = SOURCES.some((s) => type.counts[s] > 0)
    ? available === 0
      ? t('type.move.emptySource', { stage: t(`stages.${from.value}`) })
      : ''
    : t('type.rework.nothing');
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const out = await actions.rework(type.id, from.value, to.value, qty.value);
    busy.value = false;
    errors.value = formErrors(out);
    if (out.ok) qty.value = 1;
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <p class="muted">{t('type.rework.hint')}</p>
      <div class="form-row">
        <StageSelect
          label={t('type.rework.from')}
          value={from.value}
          stages={SOURCES}
          onChange={(s) => {
            from.value = s;
            retarget(s);
            qty.value = Math.max(1, Math.min(qty.value, type.counts[s]));
            clear();
          }}
          counts={type.counts}
        />
        <StageSelect
          label={t('type.rework.to')}
          value={to.value}
          stages={earlierStages(from.value)}
          onChange={(s) => {
            pickedTo.current = s;
            to.value = s;
            clear();
          }}
        />
      </div>
      <QtyField
        label={t('type.rework.qty')}
        value={qty.value}
        max={available}
        error={errors.value.qty}
        onChange={(n) => {
          qty.value = n;
          clear();
        }}
      />
      {errors.value.form && (
        <p class="form-error" role="alert">
          {errors.value.form}
        </p>
      )}
      {why && (
        <p class="muted" data-testid="rework-why">
          {why}
        </p>
      )}
      <button type="submit" class="btn" disabled={busy.value || available === 0}>
        {t('type.rework.submit')}
      </button>
    </form>
  );
}
