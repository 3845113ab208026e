import { canonicalName, type MiniatureType, nameKey } from '@mpt/shared';
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
import { armySize, groupJoin, groupNames, groupSpellings } from '../../state/group-names';

/**
 * A type's army, game, points per model and notes (SPEC §9), saved together; only the
 * fields that changed move (shared's planUpdateType), so another device's newer edit of
 * a field left alone survives sync. When the army is changed from one that other types
 * share, or only respelled, it asks whether for this type only or for all of them
 * (renaming the army, in one transaction). An army or game spelled otherwise than
 * another type's joins that one, and says so (groupJoin). Named by its section's
 * heading (`titleId`).
 */
export function DetailsForm({ type, titleId }: { type: MiniatureType; titleId: string }) {
  const { actions, state } = useApp();
  const draft = useSignal<FieldsDraft>(draftOf(type));
  const error = useSignal<FieldError | null>(null);
  const formError = useSignal('');
  // How many types the last save changed (the army's all with "all"); null: none yet.
  const saved = useSignal<number | null>(null);
  const allOfArmy = useSignal(false);
  const busy = useSignal(false);
  const id = useId();
  const types = state.types.value ?? [];
  const armyChanged = type.army !== null && canonicalName(draft.value.army) !== type.army;
  const size = type.army === null ? 0 : armySize(types, type.army);
  const askScope = armyChanged && draft.value.army.trim() !== '' && size > 1;
  const allOfIt = askScope && allOfArmy.value;
  // The same army spelled otherwise: "Write the army as “ORKS” for", not "Change the army".
  const respelled = askScope && nameKey(draft.value.army) === nameKey(type.army ?? '');
  const ownKey = type.army === null ? null : nameKey(type.army);
  // The armies and games of the other types: what this one may join. Renaming its army
  // for all its types takes the rest of that army along, so it is left out then.
  const others = useMemo(() => {
    const rest = types.filter((t) => t.id !== type.id);
    const restOfArmy = rest.filter((t) => t.army === null || nameKey(t.army) !== ownKey);
    return {
      army: groupSpellings(rest, 'army'),
      armyAlone: groupSpellings(restOfArmy, 'army'),
      game: groupSpellings(rest, 'game'),
    };
  }, [types, type.id, ownKey]);
  const joins: FieldsJoins = {
    army: groupJoin(draft.value.army, allOfIt ? others.armyAlone : others.army, type.army),
    game: groupJoin(draft.value.game, others.game, type.game),
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    const out = await actions.updateFields(type.id, patchOf(draft.value, joins), allOfIt);
    busy.value = false;
    saved.value = out.ok ? (allOfIt ? size : 1) : null;
    if (out.ok) {
      error.value = null;
      formError.value = '';
      draft.value = draftOf(out.value);
      allOfArmy.value = false;
      return;
    }
    const field = FIELD_OF[out.code];
    error.value = field ? { field, code: out.code, details: out.details } : null;
    formError.value = field ? '' : errorText(out.code, out.details);
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <TypeFields
        draft={draft.value}
        onChange={(next) => {
          draft.value = next;
          error.value = null;
          saved.value = null;
        }}
        error={error.value}
        armies={groupNames(types, 'army')}
        games={groupNames(types, 'game')}
        joins={joins}
      />
      {askScope && (
        <fieldset class="scope">
          <legend>
            {respelled
              ? t('type.details.respellScope', { name: canonicalName(draft.value.army) })
              : t('type.details.scope')}
          </legend>
          <label class="choice">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={!allOfArmy.value}
              onChange={() => (allOfArmy.value = false)}
            />
            {t('type.details.scopeOne')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name={`${id}-scope`}
              checked={allOfArmy.value}
              onChange={() => (allOfArmy.value = true)}
            />
            {t('type.details.scopeAll', { count: size, army: type.army })}
          </label>
        </fieldset>
      )}
      {formError.value && (
        <p class="form-error" role="alert">
          {formError.value}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy.value}>
          {t('type.details.submit')}
        </button>
        <span role="status" class="ok">
          {saved.value === null
            ? ''
            : saved.value > 1
              ? t('type.details.savedAll', { count: saved.value })
              : t('type.details.saved')}
        </span>
      </div>
    </form>
  );
}
