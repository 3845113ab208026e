import type { ErrorCode } from '@mpt/shared';
import { errorText } from '../../i18n/error-text';
import type { Outcome } from '../../state/actions';

// Answers about the quantity itself: shown under the quantity field.
const QTY_CODES = new Set<ErrorCode>(['ERR_INVALID_QTY', 'ERR_INSUFFICIENT_QTY']);

/**
 * An action's outcome as the form shows it, in the app's language: errors about the
 * quantity under the quantity field, any other under the form; '' when it succeeded.
 */
export function formErrors(out: Outcome<unknown>): { qty: string; form: string } {
  if (out.ok) return { qty: '', form: '' };
  const text = errorText(out.code, out.details);
  return QTY_CODES.has(out.code) ? { qty: text, form: '' } : { qty: '', form: text };
}
