import type { ErrorCode, ErrorDetails } from '@mpt/shared';
import { detailNamesField, errorDetailText, fieldLabel, inRecord } from './error-detail';
import { stageName, t } from './index';

// Error texts live apart from i18n/index.ts (the first load): only screens loaded on
// first use say errors, and the path and field rules weigh 1 KB gzip.

// A name, army or game of only spaces or invisible characters: said as such. A blank
// name field looks empty whatever it holds, so it is asked for plainly.
const BLANK_TEXT: Partial<Record<ErrorCode, string>> = {
  ERR_NAME_INVALID: 'errors.reasons.name_blank',
  ERR_ARMY_INVALID: 'errors.reasons.army_empty',
  ERR_GAME_INVALID: 'errors.reasons.game_empty',
};

/** The text for an error code, with the JSON path when the details carry one. */
export function errorText(code: ErrorCode, details: ErrorDetails = {}): string {
  // A blank name is not a length problem: "1 to 120 characters" would leave the user
  // counting what they cannot see.
  const blank = BLANK_TEXT[code];
  if (blank && details.reason === 'empty') return t(blank);
  const detail = errorDetailText(details);
  // One value inside a type, a tombstone or the goal breaks a rule: the file is a data
  // file, so it is not called "not a data file or damaged" (review). A wrong format or
  // top-level field still is.
  const lead =
    code === 'ERR_IMPORT_INVALID' && typeof details.path === 'string' && inRecord(details.path)
      ? t('errors.importValueInvalid')
      : t(`errors.${code}`);
  const text = detail ? `${lead} ${detail}` : lead;
  // "(at $)", the whole file, tells a hobbyist nothing the text does not.
  if (typeof details.path !== 'string' || details.path === '$' || detailNamesField(details))
    return text;
  // A field the user knows is named by its label; any other place by its JSON path.
  const field = fieldLabel(details.path);
  return field
    ? `${text} ${t('settings.backup.atField', { field })}`
    : `${text} ${t('settings.backup.at', { path: details.path })}`;
}

/**
 * The text for an undo's refusal (the snackbar's or a history entry's): an undo refused
 * for want of models (ERR_INSUFFICIENT_QTY; details `stage`, `available` as planRevert /
 * db revertEvents give them) says that models moved on since, and how many are left;
 * any other code as errorText says it.
 */
export function undoErrorText(code: ErrorCode, details: ErrorDetails = {}): string {
  const { stage, available } = details;
  if (code !== 'ERR_INSUFFICIENT_QTY' || typeof stage !== 'string' || typeof available !== 'number')
    return errorText(code, details);
  return t('errors.undoInsufficient', { count: available, stage: stageName(stage) });
}
