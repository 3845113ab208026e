import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  countOf,
  createTypeViaUi,
  goRoute,
  importViaUi,
  moveForm,
  moveOneButton,
  newAppContext,
  openApp,
  readStoredState,
  sampleDataFile,
  shownCounts,
  stageName,
  tr,
  trackErrors,
  typeRow,
  useAppSuite,
} from './support';

const run = chromiumOrSkip('pwa flows');
const lang = 'en';
const counts = (
  IN_BOX: number,
  BUILDING: number,
  PRIMING: number,
  PAINTING: number,
  DONE: number,
) => ({
  IN_BOX,
  BUILDING,
  PRIMING,
  PAINTING,
  DONE,
});

/**
 * How the weekly chart sits in its card: its width as a share of the card's content
 * width, and the texts (bar numbers, dates) that stick out of the drawing.
 */
const chartFit = (page: Page) =>
  page.locator('svg.week-chart').evaluate((el) => {
    const svg = el as SVGSVGElement;
    const card = svg.closest('.card') as HTMLElement;
    const cs = getComputedStyle(card);
    const inner = card.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const box = svg.viewBox.baseVal;
    const outside = [...svg.querySelectorAll('text')]
      .filter((t) => {
        const b = t.getBBox();
        return b.x < 0 || b.y < 0 || b.x + b.width > box.width || b.y + b.height > box.height;
      })
      .map((t) => t.textContent);
    return { share: svg.getBoundingClientRect().width / inner, outside };
  });

/** The texts of the history groups shown on the page, top to bottom. */
const historyTexts = (page: Page) =>
  page.getByTestId('history-group').evaluateAll((els) => els.map((e) => e.textContent ?? ''));

describe.skipIf(!run)('PWA flows in Chromium (production build, real server)', () => {
  const suite = useAppSuite();

  async function freshApp() {
    const context = await newAppContext(suite.browser, { lang });
    const page = await context.newPage();
    const errors = trackErrors(page);
    await openApp(page, suite.url);
    return { context, page, errors };
  }

  it('creates a type with 10 in box, makes three quick moves, and disables → at 0', async () => {
    const { context, page, errors } = await freshApp();
    try {
      await page.getByText(tr(lang, 'list.emptyTitle'), { exact: true }).waitFor();
      const id = await createTypeViaUi(page, lang, 'Intercessors', { IN_BOX: 10 });
      expect(await shownCounts(page)).toEqual(counts(10, 0, 0, 0, 0));

      await goRoute(page, '#/');
      const row = typeRow(page, id);
      expect(await shownCounts(row)).toEqual(counts(10, 0, 0, 0, 0));
      const inBoxStep = moveOneButton(page, lang, 'Intercessors', 'IN_BOX', 'BUILDING');
      const buildingStep = moveOneButton(page, lang, 'Intercessors', 'BUILDING', 'PRIMING');
      expect(await buildingStep.isDisabled()).toBe(true);
      // Three taps as fast as the browser takes them: none may be lost or doubled.
      await inBoxStep.click();
      await inBoxStep.click();
      await inBoxStep.click();
      await page.waitForFunction(
        (el) => el?.textContent === '3',
        await countOf(row, 'BUILDING').elementHandle(),
      );
      expect(await shownCounts(row)).toEqual(counts(7, 3, 0, 0, 0));
      expect(await buildingStep.isDisabled()).toBe(false);
      // Stages at 0 keep their → disabled; DONE has none.
      for (const [from, to] of [
        ['PRIMING', 'PAINTING'],
        ['PAINTING', 'DONE'],
      ] as const) {
        expect(await moveOneButton(page, lang, 'Intercessors', from, to).isDisabled()).toBe(true);
      }
      await expect(row.getByRole('button').count()).resolves.toBe(4);

      const stored = await readStoredState(page);
      expect(stored.types.map((t) => t.counts)).toEqual([counts(7, 3, 0, 0, 0)]);
      expect(stored.events.filter((e) => e.from_stage === 'IN_BOX')).toHaveLength(3);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('moves with a quantity (+/−, skipping a stage) and with "All", and shows grouped history', async () => {
    const { context, page, errors } = await freshApp();
    try {
      const id = await createTypeViaUi(page, lang, 'Ork Boyz', { IN_BOX: 10 });
      const form = moveForm(page, lang);
      await form.getByLabel(tr(lang, 'type.move.from'), { exact: true }).selectOption('IN_BOX');
      await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption('PRIMING');
      const more = form.getByRole('button', { name: tr(lang, 'type.move.more'), exact: true });
      const less = form.getByRole('button', { name: tr(lang, 'type.move.less'), exact: true });
      await more.click();
      await more.click();
      await more.click();
      await less.click();
      const qty = form.getByLabel(tr(lang, 'type.move.qty'), { exact: true });
      expect(await qty.inputValue()).toBe('3');
      await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-PRIMING"]')?.textContent === '3',
      );
      expect(await shownCounts(page)).toEqual(counts(7, 0, 3, 0, 0));

      // A typed quantity, then "All" takes every model left at the source.
      await form.getByLabel(tr(lang, 'type.move.from'), { exact: true }).selectOption('IN_BOX');
      await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption('DONE');
      await qty.fill('2');
      await form.getByRole('button', { name: tr(lang, 'type.move.all'), exact: true }).click();
      expect(await qty.inputValue()).toBe('7');
      await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-DONE"]')?.textContent === '7',
      );
      expect(await shownCounts(page)).toEqual(counts(0, 0, 3, 0, 7));
      // Nothing left in the box: the form cannot submit a move from it.
      await form.getByLabel(tr(lang, 'type.move.from'), { exact: true }).selectOption('IN_BOX');
      expect(
        await form
          .getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true })
          .isDisabled(),
      ).toBe(true);

      // Three one-model moves within 300 s make one history group.
      await form.getByLabel(tr(lang, 'type.move.from'), { exact: true }).selectOption('PRIMING');
      await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption('PAINTING');
      for (let i = 1; i <= 3; i++) {
        await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).click();
        await page.waitForFunction(
          (n) =>
            document.querySelector('[data-testid="count-PAINTING"]')?.textContent === String(n),
          i,
        );
      }
      const models = (n: number) => tr(lang, 'common.models', { count: n });
      const texts = await historyTexts(page);
      expect(texts).toHaveLength(4); // newest first
      expect(texts[0]).toContain(
        tr(lang, 'history.moved', {
          models: models(3),
          from: stageName(lang, 'PRIMING'),
          to: stageName(lang, 'PAINTING'),
        }),
      );
      expect(texts[0]).toContain(tr(lang, 'history.steps', { count: 3 }));
      expect(texts[1]).toContain(
        tr(lang, 'history.moved', {
          models: models(7),
          from: stageName(lang, 'IN_BOX'),
          to: stageName(lang, 'DONE'),
        }),
      );
      expect(texts[2]).toContain(
        tr(lang, 'history.moved', {
          models: models(3),
          from: stageName(lang, 'IN_BOX'),
          to: stageName(lang, 'PRIMING'),
        }),
      );
      expect(texts[3]).toContain(
        tr(lang, 'history.added', { models: models(10), to: stageName(lang, 'IN_BOX') }),
      );

      const stored = await readStoredState(page);
      expect(stored.types.find((t) => t.id === id)?.counts).toEqual(counts(0, 0, 0, 3, 7));
      expect(stored.events).toHaveLength(6);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('renames (a taken name is refused) and deletes after confirming', async () => {
    const { context, page, errors } = await freshApp();
    try {
      await createTypeViaUi(page, lang, 'Hormagaunts', { IN_BOX: 5 });
      const id = await createTypeViaUi(page, lang, 'Termagants', { IN_BOX: 10, DONE: 2 });
      const rename = page.getByRole('form', { name: tr(lang, 'type.rename.title'), exact: true });
      const nameBox = rename.getByLabel(tr(lang, 'type.rename.name'), { exact: true });
      const submit = rename.getByRole('button', {
        name: tr(lang, 'type.rename.submit'),
        exact: true,
      });

      await nameBox.fill('  HORMAGAUNTS ');
      await submit.click();
      await rename.getByRole('alert').waitFor();
      expect(await rename.getByRole('alert').textContent()).toContain(
        tr(lang, 'errors.ERR_NAME_TAKEN'),
      );

      await nameBox.fill('Termagants   (Old   Sculpt)');
      await submit.click();
      await page
        .getByRole('heading', { level: 1, name: 'Termagants (Old Sculpt)', exact: true })
        .waitFor();
      await goRoute(page, '#/');
      await typeRow(page, id)
        .getByRole('link', { name: 'Termagants (Old Sculpt)', exact: true })
        .waitFor();

      await goRoute(page, `#/type/${id}`);
      const del = page.getByRole('button', { name: tr(lang, 'type.delete.button'), exact: true });
      const dialog = page.getByRole('dialog', {
        name: tr(lang, 'type.delete.confirmTitle', { name: 'Termagants (Old Sculpt)' }),
      });
      // Cancel (and Esc) keep the type.
      await del.click();
      await dialog.waitFor();
      await dialog.getByRole('button', { name: tr(lang, 'common.cancel'), exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await del.click();
      // The dialog focuses its Cancel button when its key handling is in place.
      await dialog
        .getByRole('button', { name: tr(lang, 'common.cancel'), exact: true })
        .and(page.locator(':focus'))
        .waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect((await readStoredState(page)).types).toHaveLength(2);

      await del.click();
      await dialog
        .getByRole('button', { name: tr(lang, 'type.delete.confirm'), exact: true })
        .click();
      await page.waitForURL(/#\/$/);
      await page.getByTestId('type-row').first().waitFor();
      expect(await page.getByTestId('type-row').count()).toBe(1);
      expect(await typeRow(page, id).count()).toBe(0);

      const stored = await readStoredState(page);
      expect(stored.types.map((t) => t.name)).toEqual(['Hormagaunts']);
      expect(stored.events.some((e) => e.type_id === id)).toBe(false);
      expect(stored.tombstones.map((t) => t.id)).toEqual([id]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows models finished per week for 12 weeks and the recent history across types', async () => {
    const { context, page, errors } = await freshApp();
    try {
      await goRoute(page, '#/activity');
      await page.getByText(tr(lang, 'activity.empty'), { exact: true }).waitFor();
      // The sample finished 6, 3, 4, 2 and 10 models on five days in the last 12 weeks.
      await importViaUi(page, lang, { name: 'sample.json', text: sampleDataFile() });
      await goRoute(page, '#/activity');
      const bars = page.getByTestId('week-bar');
      await bars.first().waitFor();
      expect(await bars.count()).toBe(12);
      const counts = await bars.evaluateAll((els) =>
        els.map((e) => Number(e.getAttribute('data-count'))),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(25);
      expect([...counts].filter((n) => n > 0).sort((a, b) => a - b)).toEqual([2, 3, 4, 6, 10]);
      expect(await page.getByTestId('finished-total').textContent()).toContain(
        tr(lang, 'activity.finished', { count: 25 }),
      );
      // The chart fills its card, and no number or date is cut off, on desktop and phone.
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
        const fit = await chartFit(page);
        expect(fit.share, `chart width share at ${width}px`).toBeGreaterThan(0.95);
        expect(fit.outside, `texts outside the chart at ${width}px`).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      const recent = await historyTexts(page);
      expect(recent.length).toBeGreaterThan(5);
      // Newest first, each entry names its type.
      expect(recent[0]).toContain('Ork Boyz');
      expect(recent[0]).toContain(
        tr(lang, 'history.moved', {
          models: tr(lang, 'common.models', { count: 3 }),
          from: stageName(lang, 'IN_BOX'),
          to: stageName(lang, 'BUILDING'),
        }),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens every other screen at the top and keeps the list where it was on coming back', async () => {
    const context = await newAppContext(suite.browser, {
      lang,
      viewport: { width: 390, height: 500 },
    });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, suite.url);
      await importViaUi(page, lang, { name: 'sample.json', text: sampleDataFile() });
      await goRoute(page, '#/');
      await page.getByTestId('type-row').first().waitFor();
      const scrollY = () => page.evaluate(() => Math.round(window.scrollY));
      await page.evaluate(() => window.scrollTo(0, 240));
      const listY = await scrollY();
      expect(listY).toBeGreaterThan(100);
      await goRoute(page, '#/activity');
      await page.getByTestId('week-bar').first().waitFor();
      expect(await scrollY()).toBe(0);
      await page.evaluate(() => window.scrollTo(0, 200));
      await goRoute(page, '#/settings');
      expect(await scrollY()).toBe(0);
      await goRoute(page, '#/');
      await page.getByTestId('type-row').first().waitFor();
      expect(await scrollY()).toBe(listY);
      const typeId = await page
        .getByTestId('type-row')
        .first()
        .evaluate((el) => el.getAttribute('data-type-id') ?? '');
      await goRoute(page, `#/type/${typeId}`);
      expect(await scrollY()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
