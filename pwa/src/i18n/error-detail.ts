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
  let key = '';
  if (limit) key = `limits.${limit}`;
  else if (bytes !== null) key = 'reasons.max_bytes';
  else if (reason === 'ERR_NAME_INVALID') key = `reasons.name_${String(details.name_reason)}`;
  else if (TIME_FIELD.test(path) && reason !== 'invalid_type') key = 'reasons.time';
  else if (path === '$.types' && reason === 'too_big') key = 'reasons.too_many_types';
  else if (reason) key = `reasons.${reason}`;
  if (!key || !i18next.exists(`errors.${key}`)) return '';
  return i18next.t(`errors.${key}`, { max });
}
