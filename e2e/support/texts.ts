import en from '../../pwa/src/i18n/locales/en.json';
import ru from '../../pwa/src/i18n/locales/ru.json';

/** The app's two languages. */
export type Lang = 'en' | 'ru';

/** Both languages, for tests and screenshots that run in each. */
export const LANGS: readonly Lang[] = ['en', 'ru'];

type Dict = { [key: string]: string | Dict };
const dicts: Record<Lang, Dict> = { en, ru };

function lookup(dict: Dict, key: string): string | undefined {
  let node: string | Dict | undefined = dict;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The app's own text for a key, from its RU/EN dictionaries, with `{{x}}` filled in (and
 * `{{x, number}}` grouped: 1,000 / 1 000) and `count` picking the plural form (Intl.PluralRules, as i18next does). Tests find
 * controls by the names the user sees, in either language, without a second copy of
 * the translations.
 */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const dict = dicts[lang];
  let text: string | undefined;
  if (typeof vars.count === 'number') {
    const form = new Intl.PluralRules(lang).select(vars.count);
    text = lookup(dict, `${key}_${form}`) ?? lookup(dict, `${key}_other`);
  }
  text ??= lookup(dict, key);
  if (text === undefined) throw new Error(`no ${lang} text for ${key}`);
  // `{{count, number}}`: the number with the language's grouping, as i18next writes it.
  return text.replace(/\{\{(\w+)(, number)?\}\}/g, (whole, name: string, number?: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return number && typeof value === 'number'
      ? new Intl.NumberFormat(lang).format(value)
      : String(value);
  });
}

/** The stage name the app shows, e.g. stage('ru', 'IN_BOX'). */
export const stageName = (lang: Lang, stage: string): string => tr(lang, `stages.${stage}`);
