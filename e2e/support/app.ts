import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type Lang, stageName, tr } from './texts';

/** The viewports the issues ask screenshots and flows at. */
export const PHONE = { width: 390, height: 844 } as const;
export const SMALL_PHONE = { width: 320, height: 640 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;
export const LAPTOP = { width: 1366, height: 768 } as const;

/**
 * Two phones that between them cover both widths, both languages and both colour
 * schemes: what flows check where the layout is not the point.
 */
export const PHONE_SETUPS = [
  { lang: 'ru' as Lang, viewport: SMALL_PHONE, scheme: 'light' as const },
  { lang: 'en' as Lang, viewport: PHONE, scheme: 'dark' as const },
];

/** Options for {@link newAppContext}. */
export interface AppContextOptions {
  lang?: Lang;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** A touch screen (taps, no hover): phones. */
  touch?: boolean;
  colorScheme?: 'light' | 'dark';
  /** The browser's time zone (default: the machine's). */
  timezoneId?: string;
}

/**
 * A fresh browser context (its own IndexedDB, localStorage and service worker) whose
 * browser language is `lang`, so the app's first-visit language detection picks it.
 */
export function newAppContext(
  browser: Browser,
  options: AppContextOptions = {},
): Promise<BrowserContext> {
  const lang = options.lang ?? 'en';
  return browser.newContext({
    locale: lang === 'ru' ? 'ru-RU' : 'en-US',
    viewport: options.viewport ?? DESKTOP,
    acceptDownloads: options.acceptDownloads ?? true,
    serviceWorkers: 'allow',
    hasTouch: options.touch ?? false,
    colorScheme: options.colorScheme ?? 'light',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
}

/** Collects uncaught page errors, so a test can assert the app threw none. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Waits until the app has rendered past its loading text. */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      return main !== null && main.childElementCount > 0 && !main.querySelector('.loading');
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** Opens a hash route of the app (e.g. '#/settings') and waits for it to render. */
export async function openApp(page: Page, baseUrl: string, hash = '#/'): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await waitForApp(page);
}

/**
 * Opens the app in two tabs of one context (one profile, two tabs) with the first in
 * front: only the front tab gets full-speed animation frames in headless Chromium.
 */
export async function openTwoTabs(context: BrowserContext, baseUrl: string): Promise<[Page, Page]> {
  const one = await context.newPage();
  const two = await context.newPage();
  await openApp(one, baseUrl);
  await openApp(two, baseUrl);
  await one.bringToFront();
  return [one, two];
}

/** Goes to a hash route inside the already loaded app (no reload). */
export async function goRoute(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await waitForApp(page);
}

/** Creates a type through the Create screen and returns its id (from #/type/:id). */
export async function createTypeViaUi(
  page: Page,
  lang: Lang,
  name: string,
  counts: Partial<Record<string, number>> = {},
): Promise<string> {
  await goRoute(page, '#/new');
  await page.getByLabel(tr(lang, 'create.name'), { exact: true }).fill(name);
  for (const [stage, n] of Object.entries(counts)) {
    await page.getByLabel(stageName(lang, stage), { exact: true }).fill(String(n));
  }
  await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).click();
  await page.waitForURL(/#\/type\/[^/]+$/);
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/type/', ''));
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return id;
}

/** The list's search box. */
export function searchBox(page: Page, lang: Lang): Locator {
  return page.getByRole('searchbox', { name: tr(lang, 'list.searchLabel'), exact: true });
}

/** The id of the list row whose name link reads exactly `name` (it must be shown). */
export async function typeIdByName(page: Page, name: string): Promise<string> {
  const row = page
    .getByTestId('type-row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  const id = await row.getAttribute('data-type-id');
  if (!id) throw new Error(`no row for ${name}`);
  return id;
}

/** The list row of a type (by id, so similar names cannot be confused). */
export function typeRow(page: Page, typeId: string): Locator {
  return page.locator(`[data-testid="type-row"][data-type-id="${typeId}"]`);
}

/** A count cell (`count-IN_BOX`…) inside a row or on the type page. */
export function countOf(scope: Page | Locator, stage: string): Locator {
  return scope.getByTestId(`count-${stage}`);
}

/** Reads the five counts shown inside a scope as numbers. */
export async function shownCounts(scope: Page | Locator): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of ['IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE']) {
    out[s] = Number(((await countOf(scope, s).textContent()) ?? '').replace(/\s/g, ''));
  }
  return out;
}

/** The list's "→" button that moves one model of a type from `from` to the next stage. */
export function moveOneButton(
  page: Page,
  lang: Lang,
  typeName: string,
  from: string,
  to: string,
): Locator {
  const name = tr(lang, 'list.moveOne', {
    name: typeName,
    from: stageName(lang, from),
    to: stageName(lang, to),
  });
  return page.getByRole('button', { name, exact: true });
}

/** The Move form on a type page. */
export function moveForm(page: Page, lang: Lang): Locator {
  return page.getByRole('form', { name: tr(lang, 'type.move.title'), exact: true });
}

/** Imports a data file through Settings (dry run, then Import) and waits until it is done. */
export async function importViaUi(
  page: Page,
  lang: Lang,
  file: { name: string; text: string },
): Promise<void> {
  await goRoute(page, '#/settings');
  await page.getByLabel(tr(lang, 'settings.backup.import'), { exact: true }).setInputFiles({
    name: file.name,
    mimeType: 'application/json',
    buffer: Buffer.from(file.text),
  });
  await page
    .getByRole('button', { name: tr(lang, 'settings.backup.confirm'), exact: true })
    .click();
  await page.getByTestId('import-done').waitFor();
}
