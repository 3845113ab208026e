import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import { hasLoneSurrogate, type TextRepairKinds, wellFormed } from './names';

// Control characters other than the line feed and the tab, which notes keep.
const CONTROL = /[^\P{Cc}\n\t]/gu;
// Those of them a reader would notice: not line ends, tabs or other whitespace.
const CONTROL_SEEN = /[^\P{Cc}\t\n\v\f\r]/u;

/**
 * The canonical form of a type's notes (SPEC §8, §9), total over all strings: lone
 * surrogates become U+FFFD (as every UTF-8 encoder and PostgreSQL do), line ends become
 * `\n`, other control characters (NUL among them, which PostgreSQL text cannot hold)
 * become spaces, the ends are trimmed, and the result is NFC. Unlike a name, the inner
 * layout (new lines, indentation) and every visible character are kept. Idempotent.
 */
export function canonicalNotes(raw: string): string {
  return wellFormed(raw).replace(/\r\n?/g, '\n').replace(CONTROL, ' ').normalize('NFC').trim();
}

/**
 * What canonicalNotes replaces in `raw` that a reader would notice (for the import
 * report): lone surrogates (U+FFFD), and control characters other than whitespace
 * (spaces). Line ends, trimming and NFC are not counted.
 */
export function notesRepairs(raw: string): TextRepairKinds {
  return { unreadable: hasLoneSurrogate(raw), control: CONTROL_SEEN.test(raw) };
}

/**
 * Canonicalizes notes and checks their length: at most LIMITS.notesLength code points
 * (an emoji counts as one). Returns the canonical notes, ERR_NOTES_TOO_LONG (`max`,
 * `length`), or ERR_VALIDATION (`field: notes`, reason not_a_string).
 */
export function validateNotes(raw: unknown): Result<string> {
  if (typeof raw !== 'string')
    return fail('ERR_VALIDATION', { field: 'notes', reason: 'not_a_string' });
  const notes = canonicalNotes(raw);
  // Code points exceed UTF-16 units only for astral characters: count when it matters.
  if (notes.length > LIMITS.notesLength) {
    let length = 0;
    for (const _ of notes) length++;
    if (length > LIMITS.notesLength) {
      return fail('ERR_NOTES_TOO_LONG', { max: LIMITS.notesLength, length });
    }
  }
  return ok(notes);
}
