import { language, t } from './index';

/** How many names a list says before "and N more". */
export const NAMES_SHOWN = 5;

/**
 * Names as the language lists them: "Orks, Tau and Eldar"; past NAMES_SHOWN, "…, and
 * 596 more" (Intl.ListFormat, plural forms). Takes the names in the order to show.
 */
export function namesText(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN);
  const rest = names.length - shown.length;
  const items = rest > 0 ? [...shown, t('common.andMore', { count: rest })] : shown;
  return new Intl.ListFormat(language.value, { type: 'conjunction' }).format(items);
}
