import { language } from './index';

/** A number with the language's grouping, e.g. 10 000 / 10,000 (kept apart from the
 * date helpers in format.ts so the list does not load them). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(language.value).format(n);
}

/** How many characters the longest of `counts` takes, grouped (a row of counts shares one size). */
export function longestCount(counts: Record<string, number>): number {
  return Math.max(...Object.values(counts).map((n) => formatNumber(n).length));
}

/** A number in the language's short form, e.g. 1.3K / «1,3 тыс.» (Intl compact notation,
 * rounded: where the full number must show too, say it in a title or the spoken text). */
export function compactNumber(n: number): string {
  return new Intl.NumberFormat(language.value, { notation: 'compact' }).format(n);
}
