import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  BIG_PILE,
  chromiumOrSkip,
  clippedCounts,
  goRoute,
  importViaUi,
  LANGS,
  type Lang,
  PHONE,
  placeholderContrast,
  SMALL_PHONE,
  sampleDataFile,
  searchBox,
  sidewaysOverflow,
  smallTargets,
  stageName,
  tr,
  typeIdByName,
  useAppSuite,
  withApp,
} from './support';

// Issue 9, "every screen clear and reachable" on phones: each screen at 320 and 390 px,
// in Russian and English, light and dark, with counts of up to five digits.
const run = chromiumOrSkip('pwa on phones');

const COMBOS = LANGS.flatMap((lang) =>
  [SMALL_PHONE, PHONE].flatMap((viewport) =>
    (['light', 'dark'] as const).map((scheme) => ({ lang, viewport, scheme })),
  ),
);

/** The id of the list row named `name`, after searching for `query`. */
async function rowIdOf(page: Page, lang: Lang, name: string, query: string): Promise<string> {
  await searchBox(page, lang).fill(query);
  return typeIdByName(page, name);
}

/**
 * For every row wholly on screen: the part above its counts (name, share done, bar)
 * must open its type wherever it is tapped, over at least 44 px of height.
 */
function rowTopMisses(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.type-row')].flatMap((row) => {
      const r = row.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) return [];
      const link = row.querySelector('a.type-name');
      const counts = row.querySelector('.row-stages')!.getBoundingClientRect();
      const opens = (x: number, y: number) =>
        document.elementFromPoint(x, y)?.closest('a') === link;
      let tall = 0;
      for (let y = Math.ceil(r.top) + 1; y < counts.top - 1; y++)
        if (opens(r.left + r.width / 2, y)) tall++;
      const corners = [
        [r.left + 3, r.top + 3],
        [r.right - 3, r.top + 3],
        [r.left + 3, counts.top - 6],
        [r.right - 3, counts.top - 6],
      ].filter(([x, y]) => !opens(x!, y!));
      return [
        ...corners.map((p) => `${link?.textContent} misses ${p}`),
        ...(tall < 44 ? [`${link?.textContent}: ${tall} px tall`] : []),
      ];
    }),
  );
}

describe.skipIf(!run)('PWA on phones: every screen clear and reachable', () => {
  const suite = useAppSuite();

  it.each(COMBOS)(
    '$lang at $viewport.width px, $scheme: fits, counts readable and named, targets ≥ 44 px',
    ({ lang, viewport, scheme }) =>
      withApp(suite, { lang, viewport, touch: true, colorScheme: scheme }, async (page) => {
        await importViaUi(page, lang, {
          name: 'sample.json',
          text: sampleDataFile(Date.now(), { big: true }),
        });
        const problems: Record<string, unknown> = {};
        const note = (key: string, value: unknown, ok: boolean) => {
          if (!ok) problems[key] = value;
        };

        // The list: no sideways scrolling, "+" in reach, every digit of every count.
        await goRoute(page, '#/');
        const bigId = await rowIdOf(page, lang, BIG_PILE.name, 'gretchin');
        note('list overflow', await sidewaysOverflow(page), (await sidewaysOverflow(page)) === 0);
        const plus = await page
          .getByRole('link', { name: tr(lang, 'app.nav.newType'), exact: true })
          .boundingBox();
        note('+ off screen', plus, plus !== null && plus.x + plus.width <= viewport.width);
        const clipped = await clippedCounts(page);
        note('list counts clipped', clipped, clipped.length === 0);
        expect(await page.getByTestId('count-IN_BOX').textContent()).toBe(
          new Intl.NumberFormat(lang).format(BIG_PILE.counts.IN_BOX),
        );
        // Each count names its stage: a visible short label, and the full name with the
        // exact number for screen readers.
        const labels = await page
          .locator('.cell-label')
          .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.trim()));
        note('unlabelled counts', labels, labels.length === 5 && labels.every((l) => l !== ''));
        for (const stage of ['IN_BOX', 'PAINTING'] as const) {
          const spoken = tr(lang, 'list.countLabel', {
            stage: stageName(lang, stage),
            count: BIG_PILE.counts[stage],
          });
          expect(await page.getByText(spoken, { exact: true }).count()).toBe(1);
        }
        // The top of a row (name, share done, bar) opens the type, and is ≥ 44 px tall.
        await searchBox(page, lang).fill('');
        const misses = await rowTopMisses(page);
        note('row top misses', misses, misses.length === 0);
        // The search placeholder is readable (≥ 4.5:1), in dark mode too.
        const contrast = await placeholderContrast(page, '.search input');
        note('placeholder contrast', contrast, contrast >= 4.5);

        // The type page: fits, moving first (in the first screen), the rest folded.
        await goRoute(page, `#/type/${bigId}`);
        note('type overflow', await sidewaysOverflow(page), (await sidewaysOverflow(page)) === 0);
        const typeClipped = await clippedCounts(page);
        note('type counts clipped', typeClipped, typeClipped.length === 0);
        // Each stage's short name whole, on one line («Сборк» / «а» at 320 px: review).
        const broken = await page
          .locator('.count .label-short')
          .evaluateAll((els) =>
            els
              .filter(
                (el) =>
                  el.getClientRects().length > 1 ||
                  el.scrollWidth > el.parentElement!.parentElement!.clientWidth,
              )
              .map((el) => el.textContent),
          );
        note('stage names broken', broken, broken.length === 0);
        const move = await page
          .getByRole('form', { name: tr(lang, 'type.move.title'), exact: true })
          .boundingBox();
        note('move form below the first screen', move, move !== null && move.y < viewport.height);
        const folded = await page.locator('details.fold:not([open]) h2').allTextContents();
        expect(folded).toEqual([
          tr(lang, 'type.add.title'),
          tr(lang, 'type.remove.title'),
          tr(lang, 'type.rework.title'), // issue 13
          tr(lang, 'type.details.title'), // issue 13
          tr(lang, 'type.rename.title'),
          tr(lang, 'type.delete.title'),
        ]);

        // Activity: fits, numbers grouped, the type links are 44 px targets.
        await goRoute(page, '#/activity');
        await page.getByTestId('finished-total').waitFor();
        note('activity overflow', null, (await sidewaysOverflow(page)) === 0);
        const links = await smallTargets(page, '.history-type');
        note('small activity links', links, links.length === 0);

        for (const hash of ['#/settings', '#/new']) {
          await goRoute(page, hash);
          const overflow = await sidewaysOverflow(page);
          note(`${hash} overflow`, overflow, overflow === 0);
        }
        const nameContrast = await placeholderContrast(page, 'form.create input');
        note('create placeholder contrast', nameContrast, nameContrast >= 4.5);
        expect(problems).toEqual({});
      }),
  );
});
