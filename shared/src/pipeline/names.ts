import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';

/** Trims, collapses inner whitespace to one space and composes to NFC: the stored form. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** The key names are compared by: normalized, then lower case (locale-independent). */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase().normalize('NFC');
}

/** Normalizes and checks the 1–120 code point rule. */
export function validateName(raw: unknown): Result<string> {
  if (typeof raw !== 'string') return fail('ERR_NAME_INVALID', { reason: 'not_a_string' });
  const name = normalizeName(raw);
  const length = [...name].length;
  if (length < 1) return fail('ERR_NAME_INVALID', { reason: 'empty' });
  if (length > LIMITS.nameLength) {
    return fail('ERR_NAME_INVALID', { reason: 'too_long', max: LIMITS.nameLength });
  }
  return ok(name);
}
