import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  countOf,
  createTypeViaUi,
  goRoute,
  type Lang,
  moveForm,
  moveOneButton,
  PHONE,
  readStoredState,
  SMALL_PHONE,
  screenshot,
  seedTypes,
  shownCounts,
  stageName,
  tr,
  typeIdByName,
  typeRow,
  underSnackbar,
  useAppSuite,
  waitForApp,
  withApp,
} from './support';

// Issue 13: undo after every change (the snackbar, and each history entry of the last
// 24 h) and rework, on phones in RU and EN.
const run = chromiumOrSkip('pwa undo and rework');

/** The snackbar's text for a change, as the app words it (plural forms included). */
function snackText(lang: Lang, key: string, params: Record<string, string | number>): string {
  const models =
    typeof params.count === 'number' ? tr(lang, 'common.models', { count: params.count }) : '';
  return tr(lang, key, { ...params, models });
}

/** A history entry's text ("Moved 2 models from In box to Done"). */
function entryText(lang: Lang, key: string, qty: number, from: string | null, to: string | null) {
  return tr(lang, key, {
    models: tr(lang, 'common.models', { count: qty }),
    from: from ? stageName(lang, from) : '',
    to: to ? stageName(lang, to) : '',
  });
}

const snackbar = (page: Page) => page.getByTestId('snackbar');

async function expectSnack(page: Page, text: string): Promise<void> {
  await snackbar(page).getByText(text, { exact: true }).waitFor();
}

const undoButton = (page: Page, lang: Lang) =>
  snackbar(page).getByRole('button', { name: tr(lang, 'undo.action'), exact: true });

/** Unfolds a folded section of the type page (phones) by its heading. */
async function unfold(page: Page, lang: Lang, key: string): Promise<void> {
  const summary = page.locator('summary').filter({ hasText: tr(lang, key) });
  const details = page.locator('details.fold').filter({ has: summary });
  if ((await details.getAttribute('open')) === null) await summary.tap();
}

const SETUPS = [
  { lang: 'en' as Lang, viewport: PHONE },
  { lang: 'ru' as Lang, viewport: PHONE },
];

describe.skipIf(!run)('PWA undo and rework on phones', () => {
  const suite = useAppSuite();

  it.each(SETUPS)(
    'undo ($lang, $viewport.width px): the snackbar after a move, a rework, a rename and a delete; a history entry; Activity counts none of the undone',
    ({ lang, viewport }) =>
      withApp(suite, { lang, viewport, touch: true }, async (page) => {
        const name = 'Ork Boyz';
        await createTypeViaUi(page, lang, name, { IN_BOX: 5 });
        expect(await snackbar(page).count()).toBe(0); // creating offers nothing to undo

        // A quick "→" on the list, undone from the snackbar.
        await goRoute(page, '#/');
        const id = await typeIdByName(page, name);
        await moveOneButton(page, lang, name, 'IN_BOX', 'BUILDING').tap();
        const moved = snackText(lang, 'undo.moved', {
          count: 1,
          name,
          to: stageName(lang, 'BUILDING'),
        });
        await expectSnack(page, moved);
        expect(await countOf(typeRow(page, id), 'BUILDING').textContent()).toBe('1');
        await screenshot(page, 'undo-snackbar-list', lang, { fullPage: false });
        await undoButton(page, lang).tap();
        await expectSnack(page, tr(lang, 'undo.done'));
        await page.waitForFunction(
          (sel) => document.querySelector(sel)?.textContent === '0',
          `[data-type-id="${id}"] [data-testid="count-BUILDING"]`,
        );
        expect(await countOf(typeRow(page, id), 'IN_BOX').textContent()).toBe('5');
        // "Undone." goes by itself.
        await snackbar(page)
          .getByText(tr(lang, 'undo.done'), { exact: true })
          .waitFor({ state: 'detached', timeout: 10_000 });

        // On the type page: 2 moved to Done, undone from its history entry.
        await page.getByRole('link', { name, exact: true }).tap();
        await page.getByRole('heading', { level: 1, name }).waitFor();
        const form = moveForm(page, lang);
        await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption('DONE');
        await form.getByLabel(tr(lang, 'type.move.qty'), { exact: true }).fill('2');
        await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).tap();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="count-DONE"]')?.textContent === '2',
        );
        const entry = page.getByTestId('history-group').first();
        const movedText = entryText(lang, 'history.moved', 2, 'IN_BOX', 'DONE');
        await entry.getByText(movedText, { exact: true }).waitFor();
        await entry.scrollIntoViewIfNeeded();
        await screenshot(page, 'undo-history-entry', lang, { fullPage: false });
        await entry
          .getByRole('button', {
            name: tr(lang, 'history.undoLabel', { what: movedText }),
            exact: true,
          })
          .tap();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="count-DONE"]')?.textContent === '0',
        );
        await expectSnack(page, tr(lang, 'undo.done'));
        expect(await page.getByTestId('history-group').count()).toBe(1); // only "Added 5"

        // Finish 3, then send 2 back from Done to Priming for rework.
        await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption('DONE');
        await form.getByLabel(tr(lang, 'type.move.qty'), { exact: true }).fill('3');
        await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).tap();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="count-DONE"]')?.textContent === '3',
        );
        await unfold(page, lang, 'type.rework.title');
        const rework = page.getByRole('form', { name: tr(lang, 'type.rework.title'), exact: true });
        expect(
          await rework.getByLabel(tr(lang, 'type.rework.from'), { exact: true }).inputValue(),
        ).toBe('DONE');
        await rework
          .getByLabel(tr(lang, 'type.rework.to'), { exact: true })
          .selectOption('PRIMING');
        await rework.getByLabel(tr(lang, 'type.rework.qty'), { exact: true }).fill('2');
        await rework
          .getByRole('button', { name: tr(lang, 'type.rework.submit'), exact: true })
          .tap();
        await expectSnack(
          page,
          snackText(lang, 'undo.reworked', { count: 2, name, to: stageName(lang, 'PRIMING') }),
        );
        await page.waitForFunction(
          () => document.querySelector('[data-testid="count-PRIMING"]')?.textContent === '2',
        );
        expect(await shownCounts(page)).toEqual({
          IN_BOX: 2,
          BUILDING: 0,
          PRIMING: 2,
          PAINTING: 0,
          DONE: 1,
        });
        const reworkText = entryText(lang, 'history.reworked', 2, 'DONE', 'PRIMING');
        await page.getByTestId('history-group').first().getByText(reworkText).waitFor();
        await rework.scrollIntoViewIfNeeded();
        await screenshot(page, 'rework-type', lang, { fullPage: false });

        // Activity: 3 finished less 2 reworked; the undone move counts nowhere.
        await goRoute(page, '#/activity');
        await page
          .getByTestId('finished-total')
          .getByText(tr(lang, 'activity.finished', { count: 1 }), { exact: true })
          .waitFor();
        const recent = await page.getByTestId('history-group').allTextContents();
        expect(recent.some((t) => t.includes(reworkText))).toBe(true);
        expect(recent.some((t) => t.includes(movedText))).toBe(false);
        expect(
          recent.filter((t) => t.includes(entryText(lang, 'history.moved', 3, 'IN_BOX', 'DONE'))),
        ).toHaveLength(1);
        await screenshot(page, 'undo-activity', lang);

        // Rename, undone.
        await goRoute(page, `#/type/${id}`);
        await unfold(page, lang, 'type.rename.title');
        await page.getByLabel(tr(lang, 'type.rename.name'), { exact: true }).fill('Boyz');
        await page.getByRole('button', { name: tr(lang, 'type.rename.submit'), exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: 'Boyz' }).waitFor();
        await expectSnack(page, snackText(lang, 'undo.renamed', { from: name, to: 'Boyz' }));
        await undoButton(page, lang).tap();
        await page.getByRole('heading', { level: 1, name }).waitFor();

        // Delete, undone: back with its counts and history.
        await unfold(page, lang, 'type.delete.title');
        await page.getByRole('button', { name: tr(lang, 'type.delete.button'), exact: true }).tap();
        await page
          .getByRole('button', { name: tr(lang, 'type.delete.confirm'), exact: true })
          .tap();
        await page.waitForFunction(() => location.hash === '#/');
        await expectSnack(page, snackText(lang, 'undo.deleted', { name }));
        await screenshot(page, 'undo-snackbar-deleted', lang, { fullPage: false });
        await undoButton(page, lang).tap();
        await page.getByRole('link', { name, exact: true }).waitFor();
        const back = await typeIdByName(page, name);
        expect(back).not.toBe(id);
        expect(await shownCounts(typeRow(page, back))).toEqual({
          IN_BOX: 2,
          BUILDING: 0,
          PRIMING: 2,
          PAINTING: 0,
          DONE: 1,
        });

        // What is stored: the undos as events that revert theirs, the rework marked.
        const stored = await readStoredState(page);
        expect(stored.types.map((t) => t.id)).toEqual([back]);
        expect(stored.tombstones.map((t) => t.id)).toEqual([id]);
        const reverts = stored.events.filter((e) => e.reverts !== undefined);
        expect(reverts).toHaveLength(2);
        for (const r of reverts) {
          const target = stored.events.find((e) => e.id === r.reverts)!;
          expect([r.from_stage, r.to_stage, r.qty]).toEqual([
            target.to_stage,
            target.from_stage,
            target.qty,
          ]);
        }
        expect(stored.events.filter((e) => e.rework)).toHaveLength(1);
      }),
  );

  // Review (sync conflicts at 320×640): a snackbar hid the end of a page. Here the change
  // is made at the page's end itself: the list's last row, the type page's last entry.
  it.each([SMALL_PHONE, PHONE])(
    'ru at $width px: a change at the end of the list and of the type page leaves that end in view above the snackbar',
    (viewport) =>
      withApp(suite, { lang: 'ru', viewport, touch: true }, async (page) => {
        await seedTypes(page, 8, 1);
        await page.reload();
        await waitForApp(page);
        const last = 'Seeded type 00007';
        await page.getByRole('link', { name: last, exact: true }).waitFor({ state: 'attached' });
        const toEnd = () =>
          page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await toEnd();
        const row = typeRow(page, await typeIdByName(page, last));
        await moveOneButton(page, 'ru', last, 'IN_BOX', 'BUILDING').tap();
        await undoButton(page, 'ru').waitFor();
        expect(await underSnackbar(page)).toEqual([]);
        // Its "→" is still there to tap again.
        await moveOneButton(page, 'ru', last, 'IN_BOX', 'BUILDING').tap();
        await page.waitForFunction(
          (id) =>
            document.querySelector(`[data-type-id="${id}"] [data-testid="count-IN_BOX"]`)
              ?.textContent === '0',
          await row.getAttribute('data-type-id'),
        );
        expect(await underSnackbar(page)).toEqual([]);
        await screenshot(page, 'undo-snackbar-list-end', 'ru', { fullPage: false });

        // The type page: the two moves undone from their history entry, at the page's foot.
        await row.getByRole('link', { name: last, exact: true }).tap();
        await page.getByRole('heading', { level: 1, name: last }).waitFor();
        const entries = page.getByTestId('history-group');
        await expect.poll(() => entries.count()).toBe(2); // the moves; the seeded add
        await toEnd();
        await entries
          .getByRole('button', { name: /^Отменить/ })
          .last()
          .tap();
        await expectSnack(page, tr('ru', 'undo.done'));
        await expect.poll(() => entries.count()).toBe(1);
        expect(await underSnackbar(page)).toEqual([]);
        await screenshot(page, 'undo-snackbar-type-end', 'ru', { fullPage: false });
      }),
  );

  it('at 320 px the snackbar fits, its Undo is a 44 px target, and the page does not scroll sideways', () =>
    withApp(suite, { lang: 'ru', viewport: SMALL_PHONE, touch: true }, async (page) => {
      const name = 'Космодесант первой роты';
      await createTypeViaUi(page, 'ru', name, { IN_BOX: 12 });
      await goRoute(page, '#/');
      await moveOneButton(page, 'ru', name, 'IN_BOX', 'BUILDING').tap();
      const undo = undoButton(page, 'ru');
      await undo.waitFor();
      const box = (await undo.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      const bar = (await snackbar(page).boundingBox())!;
      expect(bar.x).toBeGreaterThanOrEqual(0);
      expect(bar.x + bar.width).toBeLessThanOrEqual(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
      await screenshot(page, 'undo-snackbar-list', 'ru', { fullPage: false });
    }));
});
