import type { ErrorCode, ErrorDetails, MiniatureType, TypePatch } from '@mpt/shared';
import { LIMITS } from '@mpt/shared';
import { useId } from 'preact/hooks';
import { t } from '../i18n';
import { errorText } from '../i18n/error-text';
import type { GroupJoin } from '../state/group-names';

/** The four fields of SPEC §9 as typed (text, so nothing typed is lost). */
export interface FieldsDraft {
  army: string;
  game: string;
  points: string;
  notes: string;
}

/** A draft showing a type's current values (or the defaults for a new type). */
export function draftOf(
  type?: Pick<MiniatureType, 'army' | 'game' | 'points_per_model' | 'notes'>,
) {
  return {
    army: type?.army ?? '',
    game: type?.game ?? '',
    points: String(type?.points_per_model ?? 1),
    notes: type?.notes ?? '',
  };
}

/** What the army and game typed say beside the armies and games in use (groupJoin). */
export interface FieldsJoins {
  army: GroupJoin;
  game: GroupJoin;
}

/**
 * The patch a draft asks for: a blank army or game is "none" (null), one that `joins`
 * an army or game in use takes its spelling (what the hint under the field said);
 * points as the number typed (shared checks it: a whole number 0–1 000), a blank one
 * left out when `blankPointsDefault` (creating: the default 1 applies); notes as typed.
 */
export function patchOf(
  draft: FieldsDraft,
  joins: FieldsJoins,
  blankPointsDefault = false,
): TypePatch {
  const group = (field: 'army' | 'game') => {
    const join = joins[field];
    if (join?.kind === 'joins') return join.name;
    return draft[field].trim() === '' ? null : draft[field];
  };
  const patch: TypePatch = { army: group('army'), game: group('game'), notes: draft.notes };
  const points = draft.points.trim();
  if (!(blankPointsDefault && points === '')) {
    patch.points_per_model = points === '' ? Number.NaN : Number(points);
  }
  return patch;
}

/** Which field an error is about (the others are shown under the form). */
export const FIELD_OF: Partial<Record<ErrorCode, keyof FieldsDraft>> = {
  ERR_ARMY_INVALID: 'army',
  ERR_GAME_INVALID: 'game',
  ERR_INVALID_POINTS: 'points',
  ERR_NOTES_TOO_LONG: 'notes',
};

/** A field's error: the code's text (with its details' reason), shown under it. */
export interface FieldError {
  field: keyof FieldsDraft;
  code: ErrorCode;
  details: ErrorDetails;
}

/**
 * Army, game, points per model and notes, with suggestions from the armies and games
 * already used (a datalist: any other name may be typed) and, under the army or game,
 * which one in use it joins (`joins`). Used by Create and by the type page. Errors are
 * the app's own text under their field.
 */
export function TypeFields({
  draft,
  onChange,
  error,
  armies,
  games,
  joins,
}: {
  draft: FieldsDraft;
  onChange: (next: FieldsDraft) => void;
  error: FieldError | null;
  armies: readonly string[];
  games: readonly string[];
  joins: FieldsJoins;
}) {
  const id = useId();
  const set = (field: keyof FieldsDraft) => (e: { currentTarget: { value: string } }) =>
    onChange({ ...draft, [field]: e.currentTarget.value });
  const errorFor = (field: keyof FieldsDraft) =>
    error?.field === field ? errorText(error.code, error.details) : '';
  const described = (field: keyof FieldsDraft, hint?: string) => {
    const ids = [hint, errorFor(field) ? `${id}-${field}-error` : undefined].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : undefined;
  };
  const joinText = (field: 'army' | 'game') => {
    const join = joins[field];
    if (join === null) return '';
    const key =
      join.kind === 'listedAs' ? 'listedAs' : field === 'army' ? 'joinsArmy' : 'joinsGame';
    return t(`fields.${key}`, { name: join.name });
  };
  const joinLine = (field: 'army' | 'game') =>
    joinText(field) && (
      <p class="muted field-hint" id={`${id}-${field}-join`}>
        {joinText(field)}
      </p>
    );
  const errorLine = (field: keyof FieldsDraft) =>
    errorFor(field) && (
      <p class="form-error" role="alert" id={`${id}-${field}-error`}>
        {errorFor(field)}
      </p>
    );
  return (
    <div class="type-fields">
      <div class="form-row">
        <div class="field">
          <label for={`${id}-army`}>{t('fields.army')}</label>
          <input
            id={`${id}-army`}
            list={`${id}-armies`}
            value={draft.army}
            placeholder={t('fields.armyPlaceholder')}
            maxLength={LIMITS.groupNameLength * 2}
            autoComplete="off"
            aria-invalid={errorFor('army') !== ''}
            aria-describedby={described('army', joinText('army') ? `${id}-army-join` : undefined)}
            onInput={set('army')}
          />
          <datalist id={`${id}-armies`}>
            {armies.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          {joinLine('army')}
          {errorLine('army')}
        </div>
        <div class="field">
          <label for={`${id}-game`}>{t('fields.game')}</label>
          <input
            id={`${id}-game`}
            list={`${id}-games`}
            value={draft.game}
            placeholder={t('fields.gamePlaceholder')}
            maxLength={LIMITS.groupNameLength * 2}
            autoComplete="off"
            aria-invalid={errorFor('game') !== ''}
            aria-describedby={described('game', joinText('game') ? `${id}-game-join` : undefined)}
            onInput={set('game')}
          />
          <datalist id={`${id}-games`}>
            {games.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
          {joinLine('game')}
          {errorLine('game')}
        </div>
      </div>
      <div class="field field-points">
        <label for={`${id}-points`}>{t('fields.points')}</label>
        <input
          id={`${id}-points`}
          type="text"
          inputMode="numeric"
          value={draft.points}
          placeholder="1"
          autoComplete="off"
          aria-invalid={errorFor('points') !== ''}
          aria-describedby={described('points', `${id}-points-hint`)}
          onInput={set('points')}
        />
        <p class="muted field-hint" id={`${id}-points-hint`}>
          {t('fields.pointsHint')}
        </p>
        {errorLine('points')}
      </div>
      <div class="field">
        <label for={`${id}-notes`}>{t('fields.notes')}</label>
        <textarea
          id={`${id}-notes`}
          value={draft.notes}
          rows={3}
          placeholder={t('fields.notesPlaceholder')}
          aria-invalid={errorFor('notes') !== ''}
          aria-describedby={described('notes')}
          onInput={set('notes')}
        />
        {errorLine('notes')}
      </div>
    </div>
  );
}
