import { type Counts, laterStages, type MiniatureType, STAGES, type Stage } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { QtyField } from '../../components/QtyField';
import { StageSelect } from '../../components/StageSelect';
import { errorText, t } from '../../i18n';
import type { Outcome } from '../../state/actions';
import { useApp } from '../../state/context';

const SOURCES = STAGES.filter((s) => s !== 'DONE');

/** The first stage (before DONE) that holds models, else IN_BOX. */
export function defaultSource(counts: Counts): Stage {
  return SOURCES.find((s) => counts[s] > 0) ?? 'IN_BOX';
}

/** Formats an outcome's error as text, or '' when it succeeded. */
export const outcomeError = (out: Outcome<unknown>) =>
  out.ok ? '' : errorText(out.code, out.details);

/** Move models: from, to (only later stages), quantity with −/+/All. */
export function MoveForm({ type }: { type: MiniatureType }) {
  const { actions } = useApp();
  const from = useSignal<Stage>(defaultSource(type.counts));
  const to = useSignal<Stage>(laterStages(from.value)[0]!);
  const qty = useSignal(1);
  const error = useSignal('');
  const busy = useSignal(false);
  const available = type.counts[from.value];

  const setFrom = (s: Stage, counts: Counts = type.counts) => {
    from.value = s;
    if (!laterStages(s).includes(to.value)) to.value = laterStages(s)[0]!;
    qty.value = Math.max(1, Math.min(qty.value, counts[s]));
    error.value = '';
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const out = await actions.move(type.id, from.value, to.value, qty.value);
    busy.value = false;
    error.value = outcomeError(out);
    if (!out.ok) return;
    qty.value = 1;
    // The source ran out (e.g. after "All"): offer the next stage that has models.
    if (out.value.counts[from.value] === 0)
      setFrom(defaultSource(out.value.counts), out.value.counts);
  };
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="move-title">
      <h2 id="move-title">{t('type.move.title')}</h2>
      <div class="form-row">
        <StageSelect
          label={t('type.move.from')}
          value={from.value}
          stages={SOURCES}
          onChange={setFrom}
          suffix={(s) => String(type.counts[s])}
        />
        <StageSelect
          label={t('type.move.to')}
          value={to.value}
          stages={laterStages(from.value)}
          onChange={(s) => (to.value = s)}
        />
      </div>
      <QtyField
        label={t('type.move.qty')}
        value={qty.value}
        max={available}
        onChange={(n) => (qty.value = n)}
      />
      {error.value && (
        <p class="form-error" role="alert">
          {error.value}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy.value || available === 0}>
        {t('type.move.submit')}
      </button>
    </form>
  );
}
