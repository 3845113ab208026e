import fc from 'fast-check';

/**
 * Pieces of text that real files and devices produce and that break naive handling:
 * case pairs with special folding, combining marks, RTL, emoji sequences, invisible
 * and control characters, lone surrogates, odd whitespace.
 */
const PIECES = [
  'Orks',
  'Intercessors',
  'Тираниды',
  'Ёжики',
  'ежики',
  'Мой',
  'İzmir',
  'izmir',
  'ı',
  'Straße',
  'ẞ',
  'ΟΔΟΣ',
  'οδος',
  'ﬁ',
  'Café',
  'Cafe\u0301',
  'e\u0301\u0323',
  'ǅ',
  'Ørsted',
  "T'au",
  'Некроны — Воины',
  'מלחמה',
  'حرب',
  '\u05d0\u05b8',
  '漢字',
  '한국어',
  '\u1100\u1161',
  '🎨',
  '👨\u200d👩\u200d👧',
  '❤\ufe0f',
  '🇷🇺',
  '1\ufe0f\u20e3',
  '👍🏽',
  '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
  '𝔘𝔫𝔦',
  '\u200b',
  '\u200d',
  '\u2060',
  '\u00ad',
  '\ufeff',
  '\u200e',
  '\u202e',
  '\u034f',
  '\ufe0f',
  '\u3164',
  '\u2800',
  '\u0000',
  '\u0007',
  '\u009f',
  '\t',
  '\n',
  ' ',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\ud83c',
  '\udc00',
  '-',
  '.',
  '/',
  '×',
] as const;

/** Text over the whole accepted domain: the pieces above mixed with any code units. */
export function unicodeText(maxPieces = 8): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  );
  return fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));
}
