import { language } from './index';

/** A number with the language's grouping, e.g. 10 000 / 10,000 (kept apart from the
 * date helpers in format.ts so the list does not load them). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(language.value).format(n);
}
