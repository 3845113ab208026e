import type { ErrorDetails } from '@mpt/shared';
import i18next from 'i18next';
import { formatNumber } from './number';

const TIME_FIELD = /\.(created_at|name_updated_at|deleted_at|exported_at|[a-z_]+_updated_at)$/;

/**
 * The reason behind an error's details in words (a data file's broken rule, which
 * limit was reached), or '' when the code's own text says it all. Keys under
 * `errors.reasons` and `errors.limits`; numbers grouped as the language does.
 */
export function errorDetailText(details: ErrorDetails): string {
  const reason = typeof details.reason === 'string' ? details.reason : '';
  const path = typeof details.path === 'string' ? details.path : '';
  const bytes = typeof details.max_bytes === 'number' ? details.max_bytes : null;
  const max =
    bytes !== null
      ? formatNumber(Math.round(bytes / 1_048_576))
      : typeof details.max === 'number'
        ? formatNumber(details.max)
        : '';
  const limit = typeof details.limit === 'string' ? details.limit : '';
  const which = fieldReason(details, max);
  if (which) {
    const min = typeof details.min === 'number' ? formatNumber(details.min) : '';
    return i18next.t(`errors.fieldReasons.${which}`, { field: fieldLabel(path), max, min });
  }
  let key = '';
  if (limit) key = `limits.${limit}`;
  else if (bytes !== null) key = 'reasons.max_bytes';
  else if (reason === 'ERR_NAME_INVALID') key = `reasons.name_${String(details.name_reason)}`;
  else if (TIME_FIELD.test(path) && reason !== 'invalid_type') key = 'reasons.time';
  else if (path === '$.types' && reason === 'too_big') key = 'reasons.too_many_types';
  else if (reason === 'too_long' && typeof details.length === 'number') key = 'reasons.length_now';
  else if (reason) key = `reasons.${reason}`;
  if (!key || !i18next.exists(`errors.${key}`)) return '';
  // How long it is now: a limit in characters is hard to count by eye.
  const length = typeof details.length === 'number' ? formatNumber(details.length) : '';
  return i18next.t(`errors.${key}`, { max, length });
}

/**
 * Which of errors.fieldReasons says what is wrong with a field the user knows by its
 * label ('' for none): then the text names the field itself, and nothing should name it
 * again (review: "Points per model: at least 0. (field “Points per model”)").
 */
function fieldReason(details: ErrorDetails, max: string): string {
  const reason = typeof details.reason === 'string' ? details.reason : '';
  const path = typeof details.path === 'string' ? details.path : '';
  if (!fieldLabel(path)) return '';
  if (reason === 'invalid_type') return details.missing === true ? 'missing' : 'wrong_kind';
  if (reason === 'too_big') return max ? 'too_big' : 'too_large';
  if (reason === 'too_small') return typeof details.min === 'number' ? 'too_small' : '';
  return '';
}

/** Whether errorDetailText names the field itself (a field reason), so no one repeats it. */
export function detailNamesField(details: ErrorDetails): boolean {
  const max = typeof details.max_bytes === 'number' || typeof details.max === 'number' ? 'max' : '';
  return fieldReason(details, max) !== '';
}

const STAGE_FIELD = /\.counts\.(IN_BOX|BUILDING|PRIMING|PAINTING|DONE)$/;
const NAMED_FIELD =
  /\.(name|army|game|points_per_model|notes|goal|qty|from_stage|to_stage|target|metric|period)$/;

/**
 * The field a data file's JSON path ends at, in the user's words ("In box", "Army"),
 * or '' when it has none (the path is then shown as it is).
 */
export function fieldLabel(path: string): string {
  const stage = STAGE_FIELD.exec(path)?.[1];
  if (stage) return i18next.t(`stages.${stage}`);
  const named = NAMED_FIELD.exec(path)?.[1];
  return named ? i18next.t(`errors.fieldNames.${named}`) : '';
}

/**
 * Whether a data file's JSON path points at a value inside one of its records (a type,
 * an event in a history, a tombstone, the goal): the file itself was read as a data file.
 */
export const inRecord = (path: string): boolean => /^\$\.(types\[|tombstones\[|goal)/.test(path);

/** The place in the file (from 0) of the type a JSON path points into, or null. */
export function typeIndexOf(path: string): number | null {
  const index = /^\$\.types\[(\d+)\]/.exec(path)?.[1];
  return index === undefined ? null : Number(index);
}
