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
