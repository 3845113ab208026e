import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  createTypeViaUi,
  goRoute,
  type Lang,
  moveOneButton,
  newAppContext,
  openApp,
  searchBox,
  tr,
  trackErrors,
  useAppSuite,
} from './support';

const run = chromiumOrSkip('pwa language switch');

/** A data file with one type nobody has yet, so importing it keeps a restore point. */
function oneTypeFile(name: string): string {
  const at = '2026-11-01T10:00:00.000Z';
  return JSON.stringify({
    format: 'miniatures-tracker',
    version: 1,
    exported_at: at,
    types: [
      {
        id: randomUUID(),
        name,
        created_at: at,
        name_updated_at: at,
        counts: { IN_BOX: 3, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
        history: [
          { id: randomUUID(), from_stage: null, to_stage: 'IN_BOX', qty: 3, created_at: at },
        ],
      },
    ],
    tombstones: [],
  });
}

/** Goes to a screen the way a user does: the navigation link in the header. */
async function nav(page: Page, lang: Lang, key: 'list' | 'activity' | 'settings'): Promise<void> {
  const navBar = page.getByRole('navigation', { name: tr(lang, 'app.nav.label'), exact: true });
  await navBar.getByRole('link', { name: tr(lang, `app.nav.${key}`), exact: true }).click();
}

/** Opens the Restore confirmation of the newest restore point. */
async function openRestoreDialog(page: Page, lang: Lang) {
  await page.getByTestId('restore-point').first().getByRole('button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: tr(lang, 'common.cancel'), exact: true }).waitFor();
  return dialog;
}

/**
 * Switches the language in Settings while a modal dialog covers the page. The select
 * is driven directly (as assistive technology or a keyboard shortcut could), because
 * the dialog's backdrop keeps the mouse away from it; what is under test is that the
 * switch re-renders in place and keeps the dialog and the typed search.
 */
async function switchLanguageUnderDialog(page: Page, from: Lang, to: Lang): Promise<void> {
  await page
    .getByRole('combobox', { name: tr(from, 'settings.language.label'), exact: true })
    .selectOption(to, { force: true });
  await page.waitForFunction((lng) => document.documentElement.lang === lng, to);
}

describe.skipIf(!run)('PWA language: first visit, live switch, remembered', () => {
  const suite = useAppSuite();

  it('follows a Russian browser, switches RU↔EN live keeping the search text and an open dialog, and remembers it', async () => {
    const context = await newAppContext(suite.browser, { lang: 'ru' });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, suite.url);
      // First visit: the browser's language.
      await page.getByText(tr('ru', 'list.emptyTitle'), { exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');

      await createTypeViaUi(page, 'ru', 'Интерсессоры', { IN_BOX: 10 });
      await createTypeViaUi(page, 'ru', 'Орки', { IN_BOX: 20 });
      await nav(page, 'ru', 'settings');
      await page.getByLabel(tr('ru', 'settings.backup.import'), { exact: true }).setInputFiles({
        name: 'more.json',
        mimeType: 'application/json',
        buffer: Buffer.from(oneTypeFile('Некроны')),
      });
      await page
        .getByRole('button', { name: tr('ru', 'settings.backup.confirm'), exact: true })
        .click();
      await page.getByTestId('import-done').waitFor();
      await page.getByTestId('restore-point').first().waitFor();

      // Search text typed on the list…
      await nav(page, 'ru', 'list');
      await searchBox(page, 'ru').fill('инт');
      await page
        .getByText(tr('ru', 'list.shown', { shown: 1, total: 3 }), { exact: true })
        .waitFor();

      // …and a dialog open in Settings: switch RU → EN.
      await nav(page, 'ru', 'settings');
      let dialog = await openRestoreDialog(page, 'ru');
      await switchLanguageUnderDialog(page, 'ru', 'en');
      expect(await dialog.count()).toBe(1);
      await dialog.getByRole('button', { name: tr('en', 'common.cancel'), exact: true }).waitFor();
      await dialog
        .getByRole('button', { name: tr('en', 'settings.restore.confirm'), exact: true })
        .waitFor();
      expect(await dialog.getByRole('heading').textContent()).toMatch(/^Restore the data of /);
      await page
        .getByRole('heading', { level: 1, name: tr('en', 'settings.title'), exact: true })
        .waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await nav(page, 'en', 'list');
      expect(await searchBox(page, 'en').inputValue()).toBe('инт');
      await page
        .getByText(tr('en', 'list.shown', { shown: 1, total: 3 }), { exact: true })
        .waitFor();
      await moveOneButton(page, 'en', 'Интерсессоры', 'IN_BOX', 'BUILDING').waitFor();

      // Remembered: a reload stays in English although the browser says Russian.
      await page.reload();
      await page
        .getByRole('navigation', { name: tr('en', 'app.nav.label'), exact: true })
        .waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      // And back EN → RU, again with a search typed and the dialog open.
      await searchBox(page, 'en').fill('орк');
      await page
        .getByText(tr('en', 'list.shown', { shown: 1, total: 3 }), { exact: true })
        .waitFor();
      await nav(page, 'en', 'settings');
      dialog = await openRestoreDialog(page, 'en');
      await switchLanguageUnderDialog(page, 'en', 'ru');
      await dialog.getByRole('button', { name: tr('ru', 'common.cancel'), exact: true }).waitFor();
      await dialog.getByRole('button', { name: tr('ru', 'common.cancel'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await goRoute(page, '#/');
      expect(await searchBox(page, 'ru').inputValue()).toBe('орк');
      await page
        .getByText(tr('ru', 'list.shown', { shown: 1, total: 3 }), { exact: true })
        .waitFor();
      await moveOneButton(page, 'ru', 'Орки', 'IN_BOX', 'BUILDING').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('uses Russian plural forms', async () => {
    const context = await newAppContext(suite.browser, { lang: 'ru' });
    try {
      const page = await context.newPage();
      await openApp(page, suite.url);
      const names = ['Один', 'Два', 'Три', 'Четыре', 'Пять'];
      const seen = new Set<string>();
      for (const [i, name] of names.entries()) {
        await createTypeViaUi(page, 'ru', name, { IN_BOX: i + 1 });
        // On the type page: "1 модель", "2 модели", "5 моделей" in total.
        const total = tr('ru', 'type.total', { count: i + 1 });
        expect(
          await page
            .getByRole('heading', { level: 2, name: tr('ru', 'type.counts') })
            .textContent(),
        ).toContain(total);
        await goRoute(page, '#/');
        const types = tr('ru', 'list.types', { count: i + 1 });
        expect(await page.getByTestId('totals').textContent()).toContain(types);
        seen.add(types.replace(/\d+/, 'N'));
      }
      // one (1), few (2–4) and many (5) really differ.
      expect(seen.size).toBe(3);
    } finally {
      await context.close();
    }
  });
});
