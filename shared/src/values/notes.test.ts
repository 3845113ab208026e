import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { unicodeText } from '../test-support/unicode';
import { canonicalNotes, validateNotes } from './notes';

describe('canonicalNotes', () => {
  it('keeps lines and indentation, unifies line ends, trims the ends', () => {
    expect(canonicalNotes('  Base: Mephiston Red\r\n\tShade: Agrax\rDone  \n')).toBe(
      'Base: Mephiston Red\n\tShade: Agrax\nDone',
    );
  });

  it('turns NUL and other controls into spaces, lone surrogates into U+FFFD, and is NFC', () => {
    expect(canonicalNotes('a\u0000b\u0007c\u009fd')).toBe('a b c d');
    expect(canonicalNotes('half \ud83c')).toBe('half \ufffd');
    expect(canonicalNotes('Cafe\u0301')).toBe('Café');
    // visible and emoji characters, joiners included, are kept as typed
    expect(canonicalNotes('👨\u200d👩\u200d👧 Or\u200bks')).toBe('👨\u200d👩\u200d👧 Or\u200bks');
  });

  it('is idempotent and well-formed over the whole domain (fast-check)', () => {
    fc.assert(
      fc.property(unicodeText(12), (raw) => {
        const notes = canonicalNotes(raw);
        expect(canonicalNotes(notes)).toBe(notes);
        expect(/[\uD800-\uDFFF]/u.test(notes)).toBe(false);
        expect(notes.includes('\u0000') || notes.includes('\r')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('validateNotes', () => {
  it('accepts empty notes and 4 000 code points, emoji counted as one', () => {
    expect(validateNotes('')).toEqual({ ok: true, value: '' });
    const emoji = '🎨'.repeat(LIMITS.notesLength);
    expect(validateNotes(emoji)).toEqual({ ok: true, value: emoji });
    expect(validateNotes('x'.repeat(LIMITS.notesLength))).toMatchObject({ ok: true });
  });

  it('refuses 4 001 code points with ERR_NOTES_TOO_LONG, and a non-string with ERR_VALIDATION', () => {
    expect(validateNotes('🎨'.repeat(LIMITS.notesLength + 1))).toEqual({
      ok: false,
      code: 'ERR_NOTES_TOO_LONG',
      details: { max: 4000, length: 4001 },
    });
    expect(validateNotes(5)).toMatchObject({ ok: false, code: 'ERR_VALIDATION' });
  });
});
