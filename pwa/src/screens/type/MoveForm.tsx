import { type Counts, laterStages, type MiniatureType, STAGES, type Stage } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { QtyField } from '../../components/QtyField';
import { StageSelect } from '../../components/StageSelect';
import { t } from '../../i18n';
import { useApp } from '../../state/context';
import { targetFor, useFollowCounts } from './follow-counts';
import { formErrors } from './form-errors';

const SOURCES = STAGES.filter((s) => s !== 'DONE');

/** The first stage (before DONE) that holds models, else IN_BOX. */
export function defaultSource(counts: Counts): Stage {
  return SOURCES.find((s) => counts[s] > 0) ?? 'IN_BOX';
}

/**
 * Move models: from, to (only later stages), quantity with −/+/All. With nothing to
 * move (no models, or all done) it says why Move is disabled.
 */
export function MoveForm({ type }: { type: MiniatureType }) {
  const { actions } = useApp();
  const from = useSignal<Stage>(defaultSource(type.counts));
  const to = useSignal<Stage>(laterStages(from.value)[0]!);
  const qty = useSignal(1);
  const errors = useSignal({ qty: '', form: '' });
  const busy = useSignal(false);
  const available = type.counts[from.value];
  const movable = SOURCES.some((s) => type.counts[s] > 0);
  const clear = () => (errors.value = { qty: '', form: '' });
  // The target the user picked (targetFor): kept while it is later than the source.
  const pickedTo = useRef<Stage | null>(null);
  const retarget = (s: Stage) => {
    to.value = targetFor(laterStages(s), pickedTo.current);
  };
  const setFrom = (s: Stage) => {
    from.value = s;
    retarget(s);
    qty.value = Math.max(1, Math.min(qty.value, type.counts[s]));
    clear();
  };
  // Counts changed under the form (this form's move, an undo, a sync, another tab): an
  // emptied source gives way to the one the page opens with, e.g. the next stage that
  // has models after "All" (review: after an Undo it kept a stage holding 0).
  useFollowCounts(type.counts, {
    source: from,
    qty,
    pick: defaultSource,
    onSource: retarget,
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const out = await actions.move(type.id, from.value, to.value, qty.value);
    busy.value = false;
    errors.value = formErrors(out);
    if (out.ok) qty.value = 1;
  };
  const why = movable
    ? available === 0
      ? t('type.move.emptySource', { stage: t(`stages.${from.value}`) })
      : ''
    : t(type.counts.DONE > 0 ? 'type.move.allDone' : 'type.move.nothing');
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="move-title" noValidate>
      <h2 id="move-title">{t('type.move.title')}</h2>
      <div class="form-row">
        <StageSelect
          label={t('type.move.from')}
          value={from.value}
          stages={SOURCES}
          onChange={setFrom}
          counts={type.counts}
        />
        <StageSelect
          label={t('type.move.to')}
          value={to.value}
          stages={laterStages(from.value)}
          onChange={(s) => {
            pickedTo.current = s;
            to.value = s;
          }}
        />
      </div>
      <QtyField
        label={t('type.move.qty')}
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
        <p class="muted" id="move-why" data-testid="move-why">
          {why}
        </p>
      )}
      <button
        type="submit"
        class="btn btn-primary"
        disabled={busy.value || available === 0}
        aria-describedby={why ? 'move-why' : undefined}
      >
        {t('type.move.submit')}
      </button>
    </form>
  );
}
