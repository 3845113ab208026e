import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  DESKTOP,
  goRoute,
  importViaUi,
  LANGS,
  type Lang,
  newAppContext,
  openApp,
  PHONE,
  sampleDataFile,
  screenshot,
  tr,
  trackErrors,
  useAppSuite,
} from './support';

const run = chromiumOrSkip('pwa screenshots');

/** Scrolls to the top and lets fonts and layout settle before a picture. */
async function settle(page: Page): Promise<void> {
  // Screens are shot from their top: a hash change keeps the previous screen's scroll.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}

/** The id of the first type row whose name link has this text. */
async function typeIdByName(page: Page, name: string): Promise<string> {
  const row = page
    .getByTestId('type-row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  const id = await row.getAttribute('data-type-id');
  if (!id) throw new Error(`no row for ${name}`);
  return id;
}

describe.skipIf(!run)('PWA screenshots of every screen, RU and EN, phone and desktop', () => {
  const suite = useAppSuite();
  const combos = LANGS.flatMap((lang) => [PHONE, DESKTOP].map((viewport) => ({ lang, viewport })));

  it.each(combos)('$lang at $viewport.width×$viewport.height', async ({ lang, viewport }) => {
    const context = await newAppContext(suite.browser, { lang: lang as Lang, viewport });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      const shots: string[] = [];
      const shot = async (name: string, fullPage = true) => {
        await settle(page);
        shots.push(await screenshot(page, name, lang, { fullPage }));
      };
      await openApp(page, suite.url);
      await shot('list-empty');
      await goRoute(page, '#/new');
      await shot('create');

      await importViaUi(page, lang, { name: 'sample.json', text: sampleDataFile() });
      await goRoute(page, '#/settings');
      await shot('settings');

      await goRoute(page, '#/');
      await shot('list');
      await page
        .getByRole('searchbox', { name: tr(lang, 'list.searchLabel'), exact: true })
        .fill('mar');
      await shot('list-search');
      await page
        .getByRole('searchbox', { name: tr(lang, 'list.searchLabel'), exact: true })
        .fill('zzz');
      await shot('list-no-results');
      await page
        .getByRole('searchbox', { name: tr(lang, 'list.searchLabel'), exact: true })
        .fill('');

      const id = await typeIdByName(page, 'Intercessors');
      await goRoute(page, `#/type/${id}`);
      await shot('type');
      await page.getByRole('button', { name: tr(lang, 'type.delete.button'), exact: true }).click();
      await page.getByRole('dialog').waitFor();
      await shot('dialog-delete', false);
      await page.keyboard.press('Escape');

      await goRoute(page, '#/activity');
      await page
        .getByRole('heading', { level: 1, name: tr(lang, 'activity.title'), exact: true })
        .waitFor();
      await shot('activity');

      await context.setOffline(true);
      await goRoute(page, '#/');
      await page.getByRole('status', { name: tr(lang, 'pwa.offlineLabel') }).waitFor();
      await shot('list-offline');
      await context.setOffline(false);

      await page.emulateMedia({ colorScheme: 'dark' });
      await shot('list-dark');
      await goRoute(page, `#/type/${id}`);
      await shot('type-dark');

      expect(shots).toHaveLength(12);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
