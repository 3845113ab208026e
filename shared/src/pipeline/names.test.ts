import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { nameKey, normalizeName, validateName } from './names';

describe('normalizeName', () => {
  it('trims and collapses inner whitespace (tabs, newlines, no-break spaces) to one space', () => {
    expect(normalizeName('  Space   Marines  ')).toBe('Space Marines');
    expect(normalizeName('Ork\t\tBoyz\n×20')).toBe('Ork Boyz ×20');
    expect(normalizeName('\u00a0Ork\u00a0\u2003Boyz\u3000')).toBe('Ork Boyz');
  });

  it('composes to NFC and keeps the case', () => {
    const decomposed = 'Cafe\u0301';
    expect(normalizeName(decomposed)).toBe('Caf\u00e9');
    expect(normalizeName(decomposed)).toHaveLength(4);
    expect(normalizeName('Intercessors')).toBe('Intercessors');
  });
});

describe('nameKey', () => {
  it('is case-insensitive, Latin and Cyrillic', () => {
    expect(nameKey('ORKS')).toBe(nameKey('orks'));
    expect(nameKey('Тираниды')).toBe(nameKey('ТИРАНИДЫ'));
    expect(nameKey('Тираниды')).toBe('тираниды');
    expect(nameKey('Ёж')).toBe(nameKey('ёЖ'));
  });

  it('ignores whitespace differences and composition', () => {
    expect(nameKey('  Space   Marines ')).toBe(nameKey('space marines'));
    expect(nameKey('Cafe\u0301 Goblins')).toBe(nameKey('CAFÉ goblins'));
  });

  it('tells different names apart', () => {
    expect(nameKey('Orks')).not.toBe(nameKey('Ork'));
    expect(nameKey('Space Marines')).not.toBe(nameKey('SpaceMarines'));
  });
});

describe('validateName', () => {
  it('returns the normalized name', () => {
    expect(validateName('  Ork   Boyz ')).toEqual({ ok: true, value: 'Ork Boyz' });
  });

  it('rejects empty and whitespace-only names', () => {
    for (const raw of ['', '   ', '\t\n']) {
      expect(validateName(raw)).toEqual({
        ok: false,
        code: 'ERR_NAME_INVALID',
        details: { reason: 'empty' },
      });
    }
  });

  it('rejects anything that is not a string', () => {
    for (const raw of [undefined, null, 42, ['Orks'], { name: 'Orks' }]) {
      expect(validateName(raw)).toMatchObject({
        ok: false,
        code: 'ERR_NAME_INVALID',
        details: { reason: 'not_a_string' },
      });
    }
  });

  it('accepts 1 and 120 code points, rejects 121', () => {
    expect(validateName('x')).toMatchObject({ ok: true, value: 'x' });
    expect(validateName('a'.repeat(LIMITS.nameLength))).toMatchObject({ ok: true });
    expect(validateName('a'.repeat(LIMITS.nameLength + 1))).toEqual({
      ok: false,
      code: 'ERR_NAME_INVALID',
      details: { reason: 'too_long', max: 120 },
    });
  });

  it('counts the length after normalization', () => {
    const padded = `   ${'a'.repeat(60)}      ${'b'.repeat(59)}   `;
    expect(validateName(padded)).toMatchObject({ ok: true });
    expect((validateName(padded) as { value: string }).value).toHaveLength(120);
    // 120 decomposed é (240 UTF-16 units) compose to 120 code points.
    expect(validateName('e\u0301'.repeat(120))).toMatchObject({ ok: true });
  });

  it('counts an emoji as one code point, not two UTF-16 units', () => {
    const emoji = '🎨'.repeat(LIMITS.nameLength);
    expect(emoji).toHaveLength(240);
    expect(validateName(emoji)).toMatchObject({ ok: true, value: emoji });
    expect(validateName(`${emoji}🎨`)).toMatchObject({
      ok: false,
      details: { reason: 'too_long' },
    });
  });
});
