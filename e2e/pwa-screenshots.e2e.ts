import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  goRoute,
  importViaUi,
  LANGS,
  LAPTOP,
  type Lang,
  newAppContext,
  openApp,
  PHONE,
  SMALL_PHONE,
  sampleDataFile,
  screenshot,
  searchBox,
  tr,
  trackErrors,
  typeIdByName,
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

/** Screens shot per colour scheme (the empty list comes on top, once per scheme). */
const PER_SCHEME = 9;

describe.skipIf(!run)('PWA screenshots of every screen: RU and EN, light and dark', () => {
  const suite = useAppSuite();
  // Phones with touch (320 × 640, 390 × 844) and a laptop (1366 × 768).
  const combos = LANGS.flatMap((lang) =>
    [SMALL_PHONE, PHONE, LAPTOP].map((viewport) => ({ lang, viewport })),
  );

  it.each(combos)('$lang at $viewport.width×$viewport.height', async ({ lang, viewport }) => {
    const touch = viewport.width < 640;
    const context = await newAppContext(suite.browser, { lang: lang as Lang, viewport, touch });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      const shots: string[] = [];
      let scheme: 'light' | 'dark' = 'light';
      const shot = async (name: string, fullPage = true) => {
        await settle(page);
        shots.push(await screenshot(page, `${name}-${scheme}`, lang, { fullPage }));
      };
      await openApp(page, suite.url);
      await importViaUi(page, lang, {
        name: 'sample.json',
        text: sampleDataFile(Date.now(), { big: true }),
      });
      await goRoute(page, '#/');
      const id = await typeIdByName(page, 'Intercessors');
      const search = searchBox(page, lang);

      for (scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await goRoute(page, '#/');
        await shot('list', false);
        await search.fill('gretchin');
        await shot('list-search', false);
        await search.fill('zzz');
        await shot('list-no-results', false);
        await search.fill('');

        await goRoute(page, `#/type/${id}`);
        await shot('type');
        // On a phone the delete section is folded under its heading: unfold it first.
        const deleteButton = page.getByRole('button', {
          name: tr(lang, 'type.delete.button'),
          exact: true,
        });
        if (!(await deleteButton.isVisible())) {
          await page.getByText(tr(lang, 'type.delete.title'), { exact: true }).click();
        }
        await deleteButton.click();
        await page.getByRole('dialog').waitFor();
        await shot('dialog-delete', false);
        await page.keyboard.press('Escape');

        await goRoute(page, '#/new');
        await shot('create');
        await goRoute(page, '#/activity');
        await page.getByTestId('finished-total').waitFor();
        await shot('activity');
        await goRoute(page, '#/settings');
        await shot('settings');

        await context.setOffline(true);
        await goRoute(page, '#/');
        await page.getByRole('status', { name: tr(lang, 'pwa.offlineLabel') }).waitFor();
        await shot('list-offline', false);
        await context.setOffline(false);
      }

      // The empty list, in a second fresh profile's first visit.
      const fresh = await context.browser()!.newContext({
        locale: lang === 'ru' ? 'ru-RU' : 'en-US',
        viewport,
        hasTouch: touch,
      });
      try {
        const empty = await fresh.newPage();
        await openApp(empty, suite.url);
        await settle(empty);
        shots.push(await screenshot(empty, 'list-empty-light', lang));
        await empty.emulateMedia({ colorScheme: 'dark' });
        await settle(empty);
        shots.push(await screenshot(empty, 'list-empty-dark', lang));
      } finally {
        await fresh.close();
      }
      expect(shots).toHaveLength(2 * PER_SCHEME + 2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
