import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import { sortName } from './sort-name';

// One emoji element of UTS #51's "possible emoji" grammar (ED-27): a flag (two regional
// indicators), a keycap, or a pictograph with its modifiers, presentation selectors or
// tag sequence. Joined by ZWJ they form one emoji: there ZWJ, VS16 and tags are part
// of what the user sees and must survive the removal of default-ignorable characters.
const EMOJI_ELEMENT = String.raw`(?:\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3|\p{ExtPict}(?:\p{EMod}|[\uFE0E\uFE0F]|[\u{E0020}-\u{E007E}]+\u{E007F})*)`;
const EMOJI_OR_IGNORABLE = new RegExp(
  `(${EMOJI_ELEMENT}(?:\\u200D${EMOJI_ELEMENT})*)|\\p{DI}`,
  'gu',
);
// A lone surrogate (not part of a pair): what String.prototype.toWellFormed replaces.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters, noncharacters (Unicode §23.7: not for interchange) and the
// blank braille pattern, which renders as nothing: all read as spaces.
const CONTROL =
  /[\p{Cc}\u2800\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;
// Whitespace controls, and U+2800, which renders as nothing: as spaces, the text reads
// the same (textRepairs does not report them).
const SEEN_AS_SPACE = /[\t\n\v\f\r\u2800]/g;
// Something a reader sees: a letter, digit, punctuation, symbol or private-use glyph.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}\p{Co}\p{Cn}]/u;

/**
 * The canonical form of a name (SPEC §8), total over all strings: lone surrogates
 * become U+FFFD (as every UTF-8 encoder and PostgreSQL do), control characters,
 * noncharacters and the blank braille pattern become spaces, default-ignorable code points (Unicode DerivedCoreProperties: zero-width
 * space, joiners, soft hyphen, BOM, word joiner, bidi marks, variation selectors) are
 * removed except inside emoji sequences (UTS #51), whitespace is trimmed and collapsed
 * to one space, and the result is NFC. Idempotent. The case is kept.
 */
export function canonicalName(raw: string): string {
  return wellFormed(raw)
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .replace(EMOJI_OR_IGNORABLE, (_, emoji: string | undefined) => emoji ?? '')
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** Which of canonicalName's replacements change what a reader of a text sees. */
export interface TextRepairKinds {
  /** Characters that could not be read (lone surrogates: half of an emoji) became U+FFFD. */
  unreadable: boolean;
  /** Control characters other than whitespace, or noncharacters, became spaces. */
  control: boolean;
}

/**
 * `text` with every lone surrogate replaced by U+FFFD, as every UTF-8 encoder (and
 * String.prototype.toWellFormed) does: the first step of canonicalName and canonicalNotes.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** True when `text` holds a lone surrogate (canonicalName and canonicalNotes replace it). */
export function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/**
 * What canonicalName replaces in `raw` that a reader would notice (for the import
 * report): lone surrogates, and control characters and noncharacters other than
 * whitespace. Removing invisible characters, collapsing whitespace and NFC change
 * nothing a reader sees, so they are not counted.
 */
export function nameRepairs(raw: string): TextRepairKinds {
  CONTROL.lastIndex = 0;
  return {
    unreadable: hasLoneSurrogate(raw),
    control: CONTROL.test(raw.replace(SEEN_AS_SPACE, '')),
  };
}

/**
 * Full case folding (Unicode CaseFolding.txt, statuses C + F) of an NFD string, as an
 * equivalence: lower → upper → lower applies the one-to-many mappings (ß, ẞ → ss,
 * ﬁ → fi, ŉ → ʼn) and brings every cased letter to one form; final sigma folds to σ.
 * Two Turkic letters are kept apart as a Turkish reader expects: dotless ı stays ı (no
 * fold maps it to i), and dotted capital İ (NFD: I + U+0307) folds to plain i.
 */
function caseFold(nfd: string): string {
  return nfd
    .replace(/([Ii])\u0307/g, '$1')
    .split('ı')
    .map((part) => part.toLowerCase().toUpperCase().toLowerCase())
    .join('ı')
    .replace(/ς/g, 'σ');
}

/**
 * The identity key of a name (SPEC §8): its canonical form, case-folded (a caseless
 * match, Unicode §3.13 D145), in NFC. Two live types never share one.
 */
export function nameKey(name: string): string {
  return caseFold(canonicalName(name).normalize('NFD')).normalize('NFC');
}

// Latin letters with no canonical decomposition that readers still see as a plain
// letter with a mark: folded like diacritics, so "orsted" finds "Ørsted".
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};
const LETTER_FOLD = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');
// Nonspacing marks, except the breve of й: Russian readers treat й and и as two letters.
const dropDiacritic = (mark: string, at: number, text: string): string =>
  mark === '\u0306' && text[at - 1] === 'и' ? mark : '';
const APOSTROPHE = /['’ʼ‘`´]/g;

/**
 * The search key of a text (SPEC §8): the identity key with diacritics folded (é → e,
 * ё → е, ø → o; й stays й), apostrophes dropped (t'au → tau) and other punctuation
 * turned into spaces, so words split at dashes and slashes.
 */
export function searchKey(text: string): string {
  return caseFold(canonicalName(text).normalize('NFD'))
    .replace(/\p{Mn}/gu, dropDiacritic)
    .normalize('NFC')
    .replace(LETTER_FOLD, (c) => LETTER_FOLDS[c] ?? c)
    .replace(APOSTROPHE, '')
    .replace(/\p{P}+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Digits count by value: a run's length (two digits), then the run without leading zeros. */
const byValue = (run: string): string => {
  const digits = run.replace(/^0+(?=\d)/, '');
  return `${String(digits.length).padStart(2, '0')}${digits}`;
};

/**
 * The A–Z order key of a name: its code points compared (SQL `COLLATE "C"`) order names
 * as the app lists them — the Unicode Collation Algorithm (UTS #10) at base strength with
 * numbers by value, in the root order (Latin before Cyrillic), emoji or symbols it starts
 * with aside — for names in the Latin and Russian alphabets: «Ёлки» beside «Ели», not
 * after «Я»; "Éclair" beside "Eagle"; "Squad 2" before "Squad 10". Built on searchKey
 * (case, accents but й, punctuation as spaces); runs of more than 99 digits are not
 * ordered by value. Letters of other alphabets come in code point order.
 */
export function orderKey(name: string): string {
  return searchKey(sortName(name)).replace(/\d+/g, byValue);
}

/** Compares as SQL's COLLATE "C" does (UTF-16 units: code points below U+E000): <0, 0, >0. */
const byUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `items` A–Z by their names' order keys (orderKey), then identity keys (nameKey); those
 * without a name (null) last. A new array. The order of GET /armies, as SQL gives GET
 * /types?sort=name's.
 */
export function sortAToZ<T>(items: readonly T[], nameOf: (item: T) => string | null): T[] {
  const keyed = items.map((item) => {
    const name = nameOf(item);
    return { item, by: name === null ? null : ([orderKey(name), nameKey(name)] as const) };
  });
  keyed.sort((a, b) =>
    a.by === null || b.by === null
      ? Number(a.by === null) - Number(b.by === null)
      : byUnits(a.by[0], b.by[0]) || byUnits(a.by[1], b.by[1]),
  );
  return keyed.map((k) => k.item);
}

/** The words of a search query as search keys (empty for a blank query). */
export function searchWords(query: string): string[] {
  const key = searchKey(query);
  return key === '' ? [] : key.split(' ');
}

/**
 * True when every word occurs in the name's search key, in any order (SPEC §8);
 * no words match everything. `words` comes from searchWords, `key` from searchKey.
 */
export function matchesSearch(key: string, words: readonly string[]): boolean {
  for (const word of words) if (!key.includes(word)) return false;
  return true;
}

/**
 * Whether a canonical name (canonicalName's result) shows anything: at least one visible
 * character (SPEC §8). A name of only spaces, control or invisible characters does not.
 */
export const showsSomething = (name: string): boolean => VISIBLE.test(name);

/**
 * Canonicalizes a name and checks the rules of SPEC §8: a string with at least one
 * visible character and at most `maxLength` code points (default LIMITS.nameLength).
 * Returns the canonical name, or ERR_NAME_INVALID with `reason` not_a_string | empty |
 * too_long (with `max` and the name's `length`, both in code points).
 */
export function validateName(raw: unknown, maxLength: number = LIMITS.nameLength): Result<string> {
  if (typeof raw !== 'string') return fail('ERR_NAME_INVALID', { reason: 'not_a_string' });
  const name = canonicalName(raw);
  if (!showsSomething(name)) return fail('ERR_NAME_INVALID', { reason: 'empty' });
  let length = 0;
  for (const _ of name) length++;
  if (length > maxLength) {
    return fail('ERR_NAME_INVALID', { reason: 'too_long', max: maxLength, length });
  }
  return ok(name);
}
