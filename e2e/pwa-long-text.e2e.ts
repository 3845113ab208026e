import { defaultTypeFields } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  goRoute,
  importViaUi,
  PHONE_SETUPS,
  sampleDataFile,
  searchBox,
  sidewaysOverflow,
  useAppSuite,
  withApp,
} from './support';

// Found by the newcomer review: text with no place to break (a 120-letter name, an
// 80-letter army, a 300-letter search) made the page wider than the phone, so the
// browser showed it zoomed out. Every screen that shows such text must still fit.
const run = chromiumOrSkip('pwa long text');

const NAME = 'Ж'.repeat(120);
const ARMY = 'Л'.repeat(80);

/** The sample collection as a v2 file whose first type has the longest name and army. */
function longTextFile(): string {
  const file = JSON.parse(sampleDataFile()) as {
    version: number;
    types: { created_at: string; name: string; army?: string | null }[];
  };
  const types = file.types.map((t, i) => ({
    ...t,
    ...defaultTypeFields(t.created_at),
    ...(i === 0 ? { name: NAME, army: ARMY } : {}),
  }));
  return JSON.stringify({ ...file, version: 2, goal: null, goal_updated_at: null, types });
}

describe.skipIf(!run)('PWA with text that has no place to break', () => {
  const suite = useAppSuite();

  it.each(PHONE_SETUPS)(
    '$lang at $viewport.width px: the list, the type page, Activity and a long search fit the screen',
    ({ lang, viewport, scheme }) =>
      withApp(suite, { lang, viewport, colorScheme: scheme }, async (page) => {
        await importViaUi(page, lang, { name: 'long.json', text: longTextFile() });
        await goRoute(page, '#/');
        await page.getByText(NAME.slice(0, 20)).first().waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);

        await page
          .getByRole('link', { name: new RegExp(NAME.slice(0, 20)) })
          .first()
          .click();
        await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);

        await goRoute(page, '#/activity');
        await page.getByText(NAME.slice(0, 20)).first().waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);

        await goRoute(page, '#/');
        await searchBox(page, lang).fill('а'.repeat(300));
        await page
          .getByRole('status')
          .filter({ hasText: 'а'.repeat(40) })
          .first()
          .waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);
      }),
  );
});
