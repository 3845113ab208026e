import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  type Lang,
  PHONE,
  PHONE_SETUPS,
  putRows,
  screenshot,
  sidewaysOverflow,
  tr,
  useAppSuite,
  waitForApp,
  withApp,
} from './support';

// Issue 13: the list per army with foldable sections and their totals, a filter by
// army and game, four sorts, and totals in models or points, remembered on the device.
const run = chromiumOrSkip('pwa armies');

type Counts = Partial<Record<'IN_BOX' | 'BUILDING' | 'PRIMING' | 'PAINTING' | 'DONE', number>>;

/** A type record as the app stores it (written behind its back, then reloaded). */
function typeRecord(
  n: number,
  name: string,
  counts: Counts,
  army: string | null,
  game: string | null,
  points: number,
) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name,
    created_at: at,
    name_updated_at: at,
    army,
    army_updated_at: at,
    game,
    game_updated_at: at,
    points_per_model: points,
    points_per_model_updated_at: at,
    notes: '',
    notes_updated_at: at,
    counts: { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0, ...counts },
  };
}

// Orks: 11 of 21 models done (52%), 160 of 250 points (64%). Necrons: 0 of 20.
const TYPES = [
  typeRecord(1, 'Boyz', { IN_BOX: 10, DONE: 10 }, 'Orks', 'Warhammer 40,000', 9),
  typeRecord(2, 'Trukk', { DONE: 1 }, 'orks', 'Kill Team', 70),
  typeRecord(3, 'Warriors', { IN_BOX: 20 }, 'Necrons', 'Kill Team', 1),
  typeRecord(4, 'Zombie', { PAINTING: 1 }, null, null, 1),
  typeRecord(
    5,
    'Наемники с очень длинным названием отряда',
    { BUILDING: 3 },
    'Имперская гвардия Кадии',
    null,
    12,
  ),
];

async function seed(page: Page): Promise<void> {
  await putRows(page, 'types', TYPES);
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('group-head').first().waitFor();
}

/** The list in order: "[Army]" for a heading, the name for a type. */
const listed = (page: Page) =>
  page
    .locator('[data-testid="group-head"] .group-name, [data-testid="type-row"] .type-name')
    .evaluateAll((els) =>
      els.map((el) =>
        el.classList.contains('group-name') ? `[${el.textContent}]` : el.textContent,
      ),
    );

const heading = (page: Page, army: string) =>
  page.getByRole('button', { name: new RegExp(`^${army}:`) });

const viewButton = (page: Page, lang: Lang) =>
  page.getByRole('button', { name: new RegExp(`^${tr(lang, 'list.view.button')}`) });

/** Names A–Z as the browser in `lang` sorts them (ru-RU puts Cyrillic first). */
const aToZ = (lang: Lang, names: string[]) =>
  [...names].sort(
    new Intl.Collator(lang === 'ru' ? 'ru-RU' : 'en-US', { sensitivity: 'base' }).compare,
  );

/** Opens the View panel unless it is open. */
async function openView(page: Page, lang: Lang): Promise<void> {
  const button = viewButton(page, lang);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.tap();
  await page.getByTestId('view-panel').waitFor();
}

async function waitListed(page: Page, expected: string[]): Promise<void> {
  await expect.poll(() => listed(page), { timeout: 5_000 }).toEqual(expected);
}

describe.skipIf(!run)('PWA list per army on phones', () => {
  const suite = useAppSuite();

  it.each(['en', 'ru'] as Lang[])(
    'armies (%s, 390 px): sections with totals, fold, filters, sorts, models or points remembered',
    (lang) =>
      withApp(suite, { lang, viewport: PHONE, touch: true }, async (page) => {
        await seed(page);
        const noArmy = tr(lang, 'list.noArmy');
        const mercs = 'Наемники с очень длинным названием отряда';
        // Sections in the alphabet of the page's language (ru-RU puts Cyrillic first), each
        // with its types, No army last; a folded section shows its heading only.
        const members: Record<string, string[]> = {
          Necrons: ['Warriors'],
          Orks: ['Boyz', 'Trukk'],
          'Имперская гвардия Кадии': [mercs],
        };
        const inSections = (folded: string | null = null) => [
          ...aToZ(lang, Object.keys(members)).flatMap((army) => [
            `[${army}]`,
            ...(army === folded ? [] : members[army]!),
          ]),
          `[${noArmy}]`,
          'Zombie',
        ];
        await waitListed(page, inSections());
        const orks = heading(page, 'Orks');
        const summary = tr(lang, 'list.groupModels', { done: 11, total: 21, count: 21 });
        const types = tr(lang, 'list.types', { count: 2 });
        expect(await orks.getAttribute('aria-label')).toBe(
          tr(lang, 'list.groupLabel', { army: 'Orks', summary, percent: 52, types }),
        );
        expect(await orks.getAttribute('aria-expanded')).toBe('true');
        await expect.poll(() => orks.textContent()).toContain(`${summary} · ${types}`);
        expect(await sidewaysOverflow(page)).toBe(0);
        await screenshot(page, 'armies-list', lang);

        // Fold and unfold a section.
        await orks.tap();
        await waitListed(page, inSections('Orks'));
        expect(await orks.getAttribute('aria-expanded')).toBe('false');
        await orks.tap();
        await waitListed(page, inSections());

        // The View panel: filter by army, then by game.
        await viewButton(page, lang).tap();
        const panel = page.getByTestId('view-panel');
        await panel
          .getByLabel(tr(lang, 'list.view.army'), { exact: true })
          .selectOption({ label: 'Orks' });
        await waitListed(page, ['[Orks]', 'Boyz', 'Trukk']);
        await screenshot(page, 'armies-view-panel', lang, { fullPage: false });
        await panel
          .getByLabel(tr(lang, 'list.view.game'), { exact: true })
          .selectOption({ label: 'Kill Team' });
        await waitListed(page, ['[Orks]', 'Trukk']);
        // Nothing of the filter matches the search: said, with a way out.
        await page.getByRole('searchbox', { name: tr(lang, 'list.searchLabel') }).fill('boyz');
        await page
          .getByText(
            tr(lang, 'list.filteredSearchTitle', { filter: 'Orks · Kill Team', query: 'boyz' }),
            {
              exact: true,
            },
          )
          .waitFor();
        await screenshot(page, 'armies-filtered-empty', lang);
        await page.getByRole('button', { name: tr(lang, 'list.clearFilter'), exact: true }).tap();
        await waitListed(page, ['[Orks]', 'Boyz']);
        await page.getByRole('searchbox', { name: tr(lang, 'list.searchLabel') }).fill('');

        // Each sort (flat, to read the order across armies).
        await openView(page, lang);
        await panel.getByLabel(tr(lang, 'list.view.group'), { exact: true }).uncheck();
        const sort = panel.getByLabel(tr(lang, 'list.view.sort'), { exact: true });
        await sort.selectOption('done');
        // Ties (0% done) keep A–Z.
        await waitListed(page, ['Trukk', 'Boyz', ...aToZ(lang, [mercs, 'Warriors', 'Zombie'])]);
        await sort.selectOption('inBox');
        await waitListed(page, ['Warriors', 'Boyz', ...aToZ(lang, [mercs, 'Trukk', 'Zombie'])]);
        await sort.selectOption('recent');
        await waitListed(
          page,
          ['Zombie', 'Warriors', 'Trukk', 'Boyz', mercs].sort(
            (a, b) =>
              // Created one minute apart in TYPES' order: newest first.
              TYPES.findIndex((x) => x.name === b) - TYPES.findIndex((x) => x.name === a),
          ),
        );
        await panel.getByRole('button', { name: tr(lang, 'list.view.close'), exact: true }).tap();
        // A move is a change: Boyz moves up to the top.
        await page
          .getByRole('button', {
            name: tr(lang, 'list.moveOne', {
              name: 'Boyz',
              from: tr(lang, 'stages.IN_BOX'),
              to: tr(lang, 'stages.BUILDING'),
            }),
          })
          .tap();
        await expect.poll(async () => (await listed(page))[0], { timeout: 5_000 }).toBe('Boyz');
        await openView(page, lang);
        await sort.selectOption('name');
        await panel.getByLabel(tr(lang, 'list.view.group'), { exact: true }).check();

        // Points: totals and headings, remembered after a reload.
        await panel
          .getByRole('radio', { name: tr(lang, 'list.view.metricPoints'), exact: true })
          .check();
        const pointsTotal = tr(lang, 'list.doneSharePoints', {
          done: 160,
          total: 307,
          percent: 52,
          count: 307,
        });
        await page.getByTestId('totals-done').getByText(pointsTotal, { exact: true }).waitFor();
        await page.reload();
        await waitForApp(page);
        await page.getByTestId('totals-done').getByText(pointsTotal, { exact: true }).waitFor();
        await expect
          .poll(() => heading(page, 'Orks').textContent())
          .toContain(tr(lang, 'list.groupPoints', { done: 160, total: 250, count: 250 }));
        expect(await viewButton(page, lang).textContent()).toBe(
          tr(lang, 'list.view.buttonActive', { count: 1 }),
        );
        await screenshot(page, 'armies-points', lang);
      }),
  );

  it.each(PHONE_SETUPS)(
    'armies ($lang, $viewport.width px, $scheme): headings and the View panel fit without sideways scrolling',
    ({ lang, viewport, scheme }) =>
      withApp(suite, { lang, viewport, colorScheme: scheme, touch: true }, async (page) => {
        await seed(page);
        expect(await sidewaysOverflow(page)).toBe(0);
        await screenshot(page, 'armies-list', lang, { fullPage: false });
        // Keyboard: Tab from View reaches the first heading, in sight; Enter folds it.
        await viewButton(page, lang).focus();
        await page.keyboard.press('Tab');
        const first = aToZ(lang, ['Necrons', 'Orks', 'Имперская гвардия Кадии'])[0]!;
        const firstHeading = heading(page, first);
        expect(await firstHeading.evaluate((el) => el === document.activeElement)).toBe(true);
        const hidden = await firstHeading.evaluate((el) => {
          const r = el.getBoundingClientRect();
          let covered = 0;
          for (const bar of document.querySelectorAll<HTMLElement>('.topbar, .list-tools')) {
            if (getComputedStyle(bar).position === 'sticky')
              covered = Math.max(covered, bar.getBoundingClientRect().bottom);
          }
          return r.top < covered - 1 || r.bottom > window.innerHeight + 1;
        });
        expect(hidden).toBe(false);
        await page.keyboard.press('Enter');
        await expect.poll(() => firstHeading.getAttribute('aria-expanded')).toBe('false');
        await page.keyboard.press(' ');
        await expect.poll(() => firstHeading.getAttribute('aria-expanded')).toBe('true');
        await viewButton(page, lang).tap();
        await page.getByTestId('view-panel').waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);
        await screenshot(page, 'armies-view-panel', lang, { fullPage: false });
      }),
  );
});
