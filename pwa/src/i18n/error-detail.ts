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
  const field = fieldLabel(path);
  if (field && (reason === 'too_big' || reason === 'too_small' || reason === 'invalid_type')) {
    const min = typeof details.min === 'number' ? formatNumber(details.min) : '';
    const which =
      reason === 'invalid_type'
        ? details.missing === true
          ? 'missing'
          : 'wrong_kind'
        : reason === 'too_big'
          ? max
            ? 'too_big'
            : 'too_large'
          : min && 'too_small';
    if (which) return i18next.t(`errors.fieldReasons.${which}`, { field, max, min });
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
