import { LIMITS, type PartialCounts, STAGES, type Stage } from '@mpt/shared';
import { useSignal } from '@preact/signals';
import { useId, useMemo } from 'preact/hooks';
import {
  draftOf,
  FIELD_OF,
  type FieldError,
  type FieldsDraft,
  type FieldsJoins,
  patchOf,
  TypeFields,
} from '../../components/TypeFields';
import { t } from '../../i18n';
import { errorText } from '../../i18n/error-text';
import { useApp } from '../../state/context';
import { groupJoin, groupNames, groupSpellings } from '../../state/group-names';
import { leaveTo } from '../../state/leave';
import { hrefOf } from '../../state/router';

type Draft = Record<Stage, string>;

const emptyDraft = (): Draft => ({ IN_BOX: '', BUILDING: '', PRIMING: '', PAINTING: '', DONE: '' });

/** The filled-in counts; blank means 0. Validation of the numbers is shared's job. */
export function draftCounts(draft: Draft): PartialCounts {
  const counts: PartialCounts = {};
  for (const s of STAGES) {
    const raw = draft[s].trim();
    if (raw !== '') counts[s] = Number(raw);
  }
  return counts;
}

/**
 * Create a type: name, optional initial counts (In box first) and, folded, its army,
 * game, points per model and notes (suggesting the armies and games in use).
 */
export function CreateScreen() {
  const { actions, state } = useApp();
  const name = useSignal('');
  const draft = useSignal<Draft>(emptyDraft());
  const fields = useSignal<FieldsDraft>({ ...draftOf(), points: '' });
  const fieldError = useSignal<FieldError | null>(null);
  const moreOpen = useSignal(false);
  const error = useSignal<{ field: 'name' | 'counts'; text: string; stage?: string } | null>(null);
  const busy = useSignal(false);
  const id = useId();
  const types = state.types.value ?? [];
  const spellings = useMemo(
    () => ({ army: groupSpellings(types, 'army'), game: groupSpellings(types, 'game') }),
    [types],
  );
  const joins: FieldsJoins = {
    army: groupJoin(fields.value.army, spellings.army, null),
    game: groupJoin(fields.value.game, spellings.game, null),
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const extra = patchOf(fields.value, joins, true);
    const out = await actions.create(name.value, draftCounts(draft.value), extra);
    busy.value = false;
    if (out.ok) {
      // In place of this form in the history: Back goes where the user came from, not
      // to an empty form.
      leaveTo(hrefOf.type(out.value.id));
      return;
    }
    const about = FIELD_OF[out.code];
    if (about) {
      // Shown under its field, unfolded.
      moreOpen.value = true;
      fieldError.value = { field: about, code: out.code, details: out.details };
      error.value = null;
      return;
    }
    // A count is 0 to 100 000 here (ERR_INVALID_QTY's own text is about a move: 1 to
    // 100 000): said with the stage it is about, and that field marked.
    const stage = /^counts\.(\w+)$/.exec(String(out.details.field ?? ''))?.[1];
    if (out.code === 'ERR_INVALID_QTY' && stage) {
      const text = t('create.countInvalid', { stage: t(`stages.${stage}`) });
      error.value = { field: 'counts', text, stage };
      return;
    }
    const field =
      out.code === 'ERR_NAME_TAKEN' || out.code === 'ERR_NAME_INVALID' ? 'name' : 'counts';
    error.value = { field, text: errorText(out.code, out.details) };
  };
  const nameError = error.value?.field === 'name' ? error.value.text : '';
  const countsError = error.value?.field === 'counts' ? error.value.text : '';
  return (
    // noValidate: the app checks the values and answers in its own language, inline.
    <form class="card form create" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h1 id={`${id}-title`}>{t('create.title')}</h1>
      <div class="field">
        <label for={`${id}-name`}>{t('create.name')}</label>
        <input
          id={`${id}-name`}
          value={name.value}
          placeholder={t('create.namePlaceholder')}
          maxLength={240}
          required
          autoComplete="off"
          aria-invalid={nameError !== ''}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          onInput={(e) => {
            name.value = e.currentTarget.value;
            if (error.value?.field === 'name') error.value = null;
          }}
        />
        {nameError && (
          <p class="form-error" role="alert" id={`${id}-name-error`}>
            {nameError}
          </p>
        )}
      </div>
      <fieldset class="initial">
        <legend>{t('create.initial')}</legend>
        <p class="muted">{t('create.initialHint')}</p>
        <div class="initial-grid">
          {STAGES.map((s) => (
            <div class={`field stage-field stage-field-${s}`} key={s}>
              <label for={`${id}-${s}`}>{t(`stages.${s}`)}</label>
              <input
                id={`${id}-${s}`}
                type="number"
                inputMode="numeric"
                min={0}
                max={LIMITS.qty}
                step={1}
                placeholder="0"
                aria-invalid={error.value?.stage === s}
                aria-describedby={error.value?.stage === s ? `${id}-counts-error` : undefined}
                value={draft.value[s]}
                onInput={(e) => {
                  draft.value = { ...draft.value, [s]: e.currentTarget.value };
                }}
              />
            </div>
          ))}
        </div>
        {countsError && (
          <p class="form-error" role="alert" id={`${id}-counts-error`}>
            {countsError}
          </p>
        )}
      </fieldset>
      <details
        class="create-more"
        open={moreOpen.value}
        onToggle={(e) => (moreOpen.value = e.currentTarget.open)}
      >
        <summary>{t('create.more')}</summary>
        <TypeFields
          draft={fields.value}
          onChange={(next) => {
            fields.value = next;
            fieldError.value = null;
          }}
          error={fieldError.value}
          armies={groupNames(types, 'army')}
          games={groupNames(types, 'game')}
          joins={joins}
        />
      </details>
      <div class="form-actions">
        <a class="btn" href={hrefOf.list}>
          {t('common.cancel')}
        </a>
        <button type="submit" class="btn btn-primary" disabled={busy.value}>
          {t('create.submit')}
        </button>
      </div>
    </form>
  );
}
