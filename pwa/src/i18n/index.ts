import type { ErrorCode, ErrorDetails } from '@mpt/shared';
import { signal } from '@preact/signals';
import i18next from 'i18next';
import { detailNamesField, errorDetailText, fieldLabel, inRecord } from './error-detail';

/** The languages the app speaks. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'mpt.language';

/**
 * The current language. Components read it (through `t`) during render, so a
 * language switch re-renders them in place: nothing is re-mounted, and typed text,
 * open dialogs and form values stay as they are.
 */
export const language = signal<Language>('en');

/** The stored choice, else the first browser language we speak, else English. */
export function detectLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'en' || stored === 'ru') return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: follow the browser
  }
}

type Dictionary = Record<string, unknown>;

// One chunk per language: only the one in use is loaded at start (the initial bundle
// stays small); the other arrives when the user switches (precached, so offline too).
const LOADERS: Record<Language, () => Promise<Dictionary>> = {
  en: () => import('./locales/en.json').then((m) => m.default),
  ru: () => import('./locales/ru.json').then((m) => m.default),
};

async function ensureLoaded(lng: Language): Promise<void> {
  if (i18next.hasResourceBundle(lng, 'translation')) return;
  i18next.addResourceBundle(lng, 'translation', await LOADERS[lng]());
}

/** Initializes i18next with the chosen (or detected) language's dictionary. */
export async function initI18n(lng?: Language): Promise<Language> {
  const chosen =
    lng ??
    detectLanguage(
      readStored(),
      typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
    );
  if (!i18next.isInitialized) {
    await i18next.init({
      resources: {},
      lng: chosen,
      fallbackLng: false,
      initAsync: false,
      interpolation: { escapeValue: false },
    });
  }
  await ensureLoaded(chosen);
  await i18next.changeLanguage(chosen);
  applyLanguage(chosen);
  return chosen;
}

function applyLanguage(lng: Language): void {
  language.value = lng;
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

/** Switches the language live (nothing re-mounts) and remembers it. */
export async function setLanguage(lng: Language): Promise<void> {
  await ensureLoaded(lng);
  await i18next.changeLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // not remembered; the switch still applies for this visit
  }
  applyLanguage(lng);
}

/** Translates a key. Reading `language` here subscribes the calling component. */
export function t(key: string, options?: Record<string, unknown>): string {
  return i18next.t(key, { ...options, lng: language.value }) as string;
}

// A name, army or game of only spaces or invisible characters: said as such. A blank
// name field looks empty whatever it holds, so it is asked for plainly.
const BLANK_TEXT: Partial<Record<ErrorCode, string>> = {
  ERR_NAME_INVALID: 'errors.reasons.name_blank',
  ERR_ARMY_INVALID: 'errors.reasons.army_empty',
  ERR_GAME_INVALID: 'errors.reasons.game_empty',
};

/** The text for an error code, with the JSON path when the details carry one. */
export function errorText(code: ErrorCode, details: ErrorDetails = {}): string {
  // A blank name is not a length problem: "1 to 120 characters" would leave the user
  // counting what they cannot see.
  const blank = BLANK_TEXT[code];
  if (blank && details.reason === 'empty') return t(blank);
  const detail = errorDetailText(details);
  // One value inside a type, a tombstone or the goal breaks a rule: the file is a data
  // file, so it is not called "not a data file or damaged" (review). A wrong format or
  // top-level field still is.
  const lead =
    code === 'ERR_IMPORT_INVALID' && typeof details.path === 'string' && inRecord(details.path)
      ? t('errors.importValueInvalid')
      : t(`errors.${code}`);
  const text = detail ? `${lead} ${detail}` : lead;
  // "(at $)", the whole file, tells a hobbyist nothing the text does not.
  if (typeof details.path !== 'string' || details.path === '$' || detailNamesField(details))
    return text;
  // A field the user knows is named by its label; any other place by its JSON path.
  const field = fieldLabel(details.path);
  return field
    ? `${text} ${t('settings.backup.atField', { field })}`
    : `${text} ${t('settings.backup.at', { path: details.path })}`;
}

/**
 * The text for an undo's refusal (the snackbar's or a history entry's): an undo refused
 * for want of models (ERR_INSUFFICIENT_QTY; details `stage`, `available` as planRevert /
 * db revertEvents give them) says that models moved on since, and how many are left;
 * any other code as errorText says it.
 */
export function undoErrorText(code: ErrorCode, details: ErrorDetails = {}): string {
  const { stage, available } = details;
  if (code !== 'ERR_INSUFFICIENT_QTY' || typeof stage !== 'string' || typeof available !== 'number')
    return errorText(code, details);
  return t('errors.undoInsufficient', { count: available, stage: stageName(stage) });
}

const stageCache = new Map<string, string>();

/**
 * A stage's name in the current language, cached: the list asks for them dozens of
 * times per frame, and dictionaries never change while the app runs.
 */
export function stageName(stage: string): string {
  const key = `${language.value}:${stage}`;
  let name = stageCache.get(key);
  if (name === undefined) {
    name = t(`stages.${stage}`);
    stageCache.set(key, name);
  }
  return name;
}
