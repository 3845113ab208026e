import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  createTypeViaUi,
  goRoute,
  importViaUi,
  type Lang,
  moveForm,
  moveOneButton,
  PHONE_SETUPS,
  sampleDataFile,
  tr,
  useAppSuite,
  withApp,
} from './support';

// Issue 9, items 9–11: forms in the app's language, Back and the search after creating
// or deleting, and the small ones (touch, offline, favicon, plurals).
const run = chromiumOrSkip('pwa phone forms');

const PHONES = PHONE_SETUPS;

const other = (lang: Lang): Lang => (lang === 'ru' ? 'en' : 'ru');

/** The hash route the page shows. */
const hashOf = (page: Page) => page.evaluate(() => location.hash);

describe.skipIf(!run)('PWA forms, Back and details on phones', () => {
  const suite = useAppSuite();

  it.each(PHONES)(
    'forms ($lang app in a $viewport.width px browser of the other language): inline errors in the app language; an empty type says why Move is off',
    ({ lang, viewport, scheme }) =>
      withApp(
        suite,
        {
          // The browser speaks the other language; the app was set to `lang` in Settings.
          lang: other(lang),
          viewport,
          colorScheme: scheme,
          hash: '#/new',
          prepare: (c) => c.addInitScript((l) => localStorage.setItem('mpt.language', l), lang),
        },
        async (page) => {
          const create = page.getByRole('form', { name: tr(lang, 'create.title'), exact: true });
          expect(await create.evaluate((f) => (f as HTMLFormElement).noValidate)).toBe(true);
          await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).click();
          // A blank name: said as such, not as a length rule (found by review).
          await page.getByText(tr(lang, 'errors.reasons.name_blank'), { exact: true }).waitFor();

          // An empty type: Move is disabled, and the page says why.
          await createTypeViaUi(page, lang, 'Empty box');
          const form = moveForm(page, lang);
          const move = form.getByRole('button', {
            name: tr(lang, 'type.move.submit'),
            exact: true,
          });
          expect(await move.isDisabled()).toBe(true);
          await form.getByText(tr(lang, 'type.move.nothing'), { exact: true }).waitFor();
          expect(await move.getAttribute('aria-describedby')).toBe('move-why');

          // A typed 1.5, then more than there is: the app's text under the field.
          await createTypeViaUi(page, lang, 'Boyz', { IN_BOX: 10 });
          const qty = moveForm(page, lang).getByLabel(tr(lang, 'type.move.qty'), { exact: true });
          await qty.fill('1.5');
          await move.click();
          await page.getByText(tr(lang, 'errors.ERR_INVALID_QTY'), { exact: true }).waitFor();
          expect(await qty.getAttribute('aria-invalid')).toBe('true');
          await qty.fill('11');
          await move.click();
          await page.getByText(tr(lang, 'errors.ERR_INSUFFICIENT_QTY'), { exact: true }).waitFor();
          expect(await page.getByTestId('count-IN_BOX').textContent()).toBe('10');
        },
      ),
  );

  it.each(PHONES)(
    'Back ($lang, $viewport.width px): after creating, not the empty form; after deleting, not "does not exist"; a new type the search hides clears it',
    ({ lang, viewport }) =>
      withApp(suite, { lang, viewport, touch: true }, async (page) => {
        await page.getByRole('link', { name: tr(lang, 'app.nav.newType'), exact: true }).tap();
        await page.getByLabel(tr(lang, 'create.name'), { exact: true }).fill('Orks');
        await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: 'Orks' }).waitFor();
        await page.goBack();
        await page.waitForFunction(() => location.hash === '#/');
        expect(await page.getByRole('link', { name: 'Orks', exact: true }).count()).toBe(1);

        // With "eld" typed in the search, a new "Orks 2" clears it rather than hide.
        const search = page.getByRole('searchbox', {
          name: tr(lang, 'list.searchLabel'),
          exact: true,
        });
        await search.fill('eld');
        await page.getByRole('link', { name: tr(lang, 'app.nav.newType'), exact: true }).tap();
        await page.getByLabel(tr(lang, 'create.name'), { exact: true }).fill('Orks 2');
        await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: 'Orks 2' }).waitFor();
        await page.goBack();
        await page.getByRole('link', { name: 'Orks 2', exact: true }).waitFor();
        expect(await search.inputValue()).toBe('');

        // Open "Orks" from the list and delete it: Back leaves, it does not show it gone.
        await page.getByRole('link', { name: 'Orks', exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: 'Orks' }).waitFor();
        await page.getByText(tr(lang, 'type.delete.title'), { exact: true }).tap(); // unfold
        await page.getByRole('button', { name: tr(lang, 'type.delete.button'), exact: true }).tap();
        await page
          .getByRole('button', { name: tr(lang, 'type.delete.confirm'), exact: true })
          .tap();
        await page.waitForFunction(() => location.hash === '#/');
        await page.getByRole('link', { name: 'Orks 2', exact: true }).waitFor();
        await page.goBack().catch(() => null); // may leave the app: that is fine
        await page.waitForTimeout(300);
        const hash = await hashOf(page).catch(() => '');
        expect(hash.startsWith('#/type/')).toBe(false);
        expect(await page.getByText(tr(lang, 'type.notFound'), { exact: true }).count()).toBe(0);
      }),
  );

  it.each(PHONES)(
    'small ones ($lang, $viewport.width px): a tapped → is not left lit; offline "Test connection"; no favicon requests; "1 type"',
    ({ lang, viewport, scheme }) =>
      withApp(
        suite,
        { lang, viewport, touch: true, colorScheme: scheme },
        async (page, context) => {
          // A touch screen: no hover (what a phone's browser reports).
          const cdp = await context.newCDPSession(page);
          await cdp.send('Emulation.setEmulatedMedia', {
            features: [
              { name: 'hover', value: 'none' },
              { name: 'pointer', value: 'coarse' },
            ],
          });
          // One type, then an import: its restore point holds 1 type with 1 history entry.
          await createTypeViaUi(page, lang, 'Solo', { IN_BOX: 3 });
          await importViaUi(page, lang, { name: 'sample.json', text: sampleDataFile() });
          const summary = await page.getByTestId('restore-point').first().textContent();
          expect(summary).toContain(
            tr(lang, 'settings.restore.summary', {
              types: tr(lang, 'settings.restore.types', { count: 1 }),
              entries: tr(lang, 'settings.restore.entries', { count: 1 }),
              size: '',
            }).replace(/, $/, ''),
          );

          await goRoute(page, '#/');
          const tapped = moveOneButton(page, lang, 'Intercessors', 'PRIMING', 'PAINTING');
          const idle = await tapped.evaluate((el) => getComputedStyle(el).backgroundColor);
          await tapped.tap();
          await page.waitForTimeout(200);
          // Still the resting colour: no hover style left behind by the tap.
          expect(await tapped.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(idle);
          await goRoute(page, '#/settings');

          // Offline: "Test connection" says so; screen changes fetch no favicon.
          const icons: string[] = [];
          context.on('request', (r) => {
            if (r.url().includes('/icons/')) icons.push(r.url());
          });
          await context.setOffline(true);
          await page.getByRole('button', { name: tr(lang, 'sync.test'), exact: true }).tap();
          const reason = tr(lang, 'sync.reason.offline');
          await page
            .getByTestId('sync-test-result')
            .getByText(reason.charAt(0).toUpperCase() + reason.slice(1), { exact: false })
            .waitFor();
          for (const hash of ['#/', '#/activity', '#/new', '#/settings', '#/'])
            await goRoute(page, hash);
          expect(icons).toEqual([]);
          await context.setOffline(false);
        },
      ),
  );
});
