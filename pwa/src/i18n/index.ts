import { signal } from '@preact/signals';
import i18next from 'i18next';

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
