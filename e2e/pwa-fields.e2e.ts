import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  createTypeViaUi,
  goRoute,
  type Lang,
  PHONE,
  readStoredState,
  screenshot,
  tr,
  useAppSuite,
  withApp,
} from './support';

// Issue 13: army, game, points per model and notes in Create and on the type page,
// with suggestions; renaming an army on all its types at once. Phones, RU and EN.
const run = chromiumOrSkip('pwa fields');

/** Unfolds a folded section of the type page (phones) by its heading. */
async function unfold(page: Page, lang: Lang, key: string): Promise<void> {
  const summary = page.locator('summary').filter({ hasText: tr(lang, key) });
  const details = page.locator('details').filter({ has: summary });
  if ((await details.first().getAttribute('open')) === null) await summary.first().tap();
}

describe.skipIf(!run)('PWA type fields on phones', () => {
  const suite = useAppSuite();

  it.each(['en', 'ru'] as Lang[])(
    'fields (%s, 390 px): set in Create with a suggestion, edited on the type page, the army renamed on all its types',
    (lang) =>
      withApp(suite, { lang, viewport: PHONE, touch: true }, async (page) => {
        await createTypeViaUi(page, lang, 'Boyz', { IN_BOX: 10 });
        // Create, with the fields unfolded.
        await goRoute(page, '#/new');
        await page.getByLabel(tr(lang, 'create.name'), { exact: true }).fill('Nobz');
        await unfold(page, lang, 'create.more');
        await page.getByLabel(tr(lang, 'fields.army'), { exact: true }).fill('Orks');
        await page.getByLabel(tr(lang, 'fields.game'), { exact: true }).fill('Warhammer 40,000');
        await page.getByLabel(tr(lang, 'fields.points'), { exact: true }).fill('1001');
        await page.getByLabel(tr(lang, 'fields.notes'), { exact: true }).fill('Goff black');
        await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).tap();
        await page.getByText(tr(lang, 'errors.ERR_INVALID_POINTS'), { exact: true }).waitFor();
        await screenshot(page, 'fields-create-error', lang);
        await page.getByLabel(tr(lang, 'fields.points'), { exact: true }).fill('18');
        await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: 'Nobz' }).waitFor();
        await page
          .getByTestId('type-subtitle')
          .getByText(
            `Orks · Warhammer 40,000 · ${tr(lang, 'type.pointsPerModel', { count: 18 })}`,
            { exact: true },
          )
          .waitFor();

        // Boyz joins the army: the suggestions hold "Orks".
        await goRoute(page, '#/');
        await page.getByRole('link', { name: 'Boyz', exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: 'Boyz' }).waitFor();
        await unfold(page, lang, 'type.details.title');
        const form = page.getByRole('form', { name: tr(lang, 'type.details.title'), exact: true });
        const army = form.getByLabel(tr(lang, 'fields.army'), { exact: true });
        const options = await page
          .locator(`datalist#${await army.getAttribute('list').then((l) => cssEscape(l!))} option`)
          .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(options).toEqual(['Orks']);
        await army.fill('Orks');
        await form.getByLabel(tr(lang, 'fields.points'), { exact: true }).fill('6');
        await form
          .getByRole('button', { name: tr(lang, 'type.details.submit'), exact: true })
          .tap();
        await form.getByText(tr(lang, 'type.details.saved'), { exact: true }).waitFor();

        // Renamed for both types of the army, on request.
        await army.fill('Goff Orks');
        const all = form.getByLabel(tr(lang, 'type.details.scopeAll', { count: 2, army: 'Orks' }), {
          exact: true,
        });
        expect(
          await form.getByLabel(tr(lang, 'type.details.scopeOne'), { exact: true }).isChecked(),
        ).toBe(true);
        await all.check();
        await form.scrollIntoViewIfNeeded();
        await screenshot(page, 'fields-type-army', lang, { fullPage: false });
        await form
          .getByRole('button', { name: tr(lang, 'type.details.submit'), exact: true })
          .tap();
        // Says how many types it changed.
        await form
          .getByText(tr(lang, 'type.details.savedAll', { count: 2 }), { exact: true })
          .waitFor();
        const { types } = await readStoredState(page);
        expect(types.map((t) => [t.name, t.army, t.points_per_model]).sort()).toEqual([
          ['Boyz', 'Goff Orks', 6],
          ['Nobz', 'Goff Orks', 18],
        ]);
        expect(types.find((t) => t.name === 'Nobz')!.notes).toBe('Goff black');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          390,
        );
      }),
  );
});

/** An id for a CSS selector (useId's ids hold colons). */
function cssEscape(id: string): string {
  return id.replace(/([^\w-])/g, '\\$1');
}
