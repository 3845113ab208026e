import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import { type MiniatureType, TYPE_FIELDS, type TypeField } from '../schema/entities';
import { validateName } from '../values/names';
import { validateNotes } from '../values/notes';
import { nextEventTime } from '../values/time';

const GROUP_CODES = { army: 'ERR_ARMY_INVALID', game: 'ERR_GAME_INVALID' } as const;

/**
 * An army or game name (SPEC §9): null for none, else the name rules of SPEC §8 with at
 * most 80 code points. ERR_ARMY_INVALID / ERR_GAME_INVALID with the name rule's
 * `reason` (not_a_string | empty | too_long, with the name's `length`) and `max`.
 */
export function validateGroupName(field: 'army' | 'game', raw: unknown): Result<string | null> {
  if (raw === null) return ok(null);
  const name = validateName(raw, LIMITS.groupNameLength);
  if (name.ok) return name;
  return fail(GROUP_CODES[field], { ...name.details, max: LIMITS.groupNameLength });
}

/** Hobby points of one model (SPEC §9): a whole number 0–1 000, else ERR_INVALID_POINTS. */
export function validatePoints(raw: unknown): Result<number> {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > LIMITS.pointsPerModel) {
    return fail('ERR_INVALID_POINTS', { min: 0, max: LIMITS.pointsPerModel });
  }
  return ok(raw);
}

/** The value of one editable field in canonical form, or the field's error code. */
export function validateTypeField<F extends TypeField>(
  field: F,
  raw: unknown,
): Result<MiniatureType[F]> {
  const checked =
    field === 'army' || field === 'game'
      ? validateGroupName(field, raw)
      : field === 'points_per_model'
        ? validatePoints(raw)
        : validateNotes(raw);
  return checked as Result<MiniatureType[F]>;
}

/** The fields a PATCH may set: each one given is set; absent ones are left alone. */
export type TypePatch = Partial<Record<'name' | TypeField, unknown>>;

/** The changed fields of a type, each with its new `<field>_updated_at`. */
export type TypeUpdate = Partial<Omit<MiniatureType, 'id' | 'created_at' | 'counts' | 'extra'>>;

/**
 * Edits a type's name and fields (SPEC §9). Only a field whose canonical value differs
 * from the current one changes, and only its own time moves, to max(now, previous + 1
 * ms): a form that sends every field never overrides another device's newer edit of a
 * field this one did not touch. Returns the changes (empty: nothing changes) or the
 * first field's error: ERR_NAME_INVALID, ERR_NAME_TAKEN, ERR_ARMY_INVALID,
 * ERR_GAME_INVALID, ERR_INVALID_POINTS, ERR_NOTES_TOO_LONG, ERR_VALIDATION,
 * ERR_TIME_OUT_OF_RANGE.
 */
export function planUpdateType(
  type: MiniatureType,
  patch: TypePatch,
  now: Date | string,
  isNameTaken: (name: string) => boolean,
): Result<TypeUpdate> {
  const update: TypeUpdate = {};
  if (patch.name !== undefined) {
    const name = validateName(patch.name);
    if (!name.ok) return name;
    if (name.value !== type.name) {
      if (isNameTaken(name.value)) return fail('ERR_NAME_TAKEN', { name: name.value });
      const time = nextEventTime(now, type.name_updated_at);
      if (!time.ok) return time;
      update.name = name.value;
      update.name_updated_at = time.value;
    }
  }
  for (const field of TYPE_FIELDS) {
    if (patch[field] === undefined) continue;
    const value = validateTypeField(field, patch[field]);
    if (!value.ok) return value;
    if (value.value === type[field]) continue;
    const time = nextEventTime(now, type[`${field}_updated_at`]);
    if (!time.ok) return time;
    Object.assign(update, { [field]: value.value, [`${field}_updated_at`]: time.value });
  }
  return ok(update);
}
