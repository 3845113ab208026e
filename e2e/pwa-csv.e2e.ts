import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactsDir,
  chromiumOrSkip,
  createTypeViaUi,
  goRoute,
  type Lang,
  PHONE,
  SMALL_PHONE,
  screenshotsDir,
  stageName,
  tr,
  useAppSuite,
  withApp,
} from './support';

// Issue 13: a CSV for spreadsheets from Settings, in RU (';') and EN (','), at 390 px.
const run = chromiumOrSkip('pwa csv export');
const downloads = join(artifactsDir, 'downloads');

interface Fields {
  army?: string;
  game?: string;
  points?: number;
}

/** Creates a type through Create with its army, game and points (the folded part). */
async function createWithFields(
  page: Page,
  lang: Lang,
  name: string,
  counts: Record<string, number>,
  fields: Fields,
): Promise<void> {
  await goRoute(page, '#/new');
  await page.getByLabel(tr(lang, 'create.name'), { exact: true }).fill(name);
  for (const [stage, n] of Object.entries(counts)) {
    await page.getByLabel(stageName(lang, stage), { exact: true }).fill(String(n));
  }
  await page
    .locator('summary')
    .filter({ hasText: tr(lang, 'create.more') })
    .tap();
  if (fields.army)
    await page.getByLabel(tr(lang, 'fields.army'), { exact: true }).fill(fields.army);
  if (fields.game)
    await page.getByLabel(tr(lang, 'fields.game'), { exact: true }).fill(fields.game);
  if (fields.points !== undefined) {
    await page.getByLabel(tr(lang, 'fields.points'), { exact: true }).fill(String(fields.points));
  }
  await page.getByRole('button', { name: tr(lang, 'create.submit'), exact: true }).tap();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe.skipIf(!run)('PWA CSV export', () => {
  const suite = useAppSuite();

  it.each(['en', 'ru'] as Lang[])(
    'CSV (%s, 390 px): BOM, the language separator, CRLF, header in the language, live types A–Z, formulas defused',
    (lang) =>
      withApp(suite, { lang, viewport: PHONE, touch: true }, async (page) => {
        const sep = lang === 'ru' ? ';' : ',';
        await createWithFields(
          page,
          lang,
          '=HYPERLINK("http://x";"Boyz")',
          { IN_BOX: 3, DONE: 1 },
          { army: 'Orks; "Goff"', game: 'Warhammer 40,000', points: 12 },
        );
        await createWithFields(
          page,
          lang,
          'Ёжики, зелёные 🐸',
          { PAINTING: 1, DONE: 2 },
          { army: 'Орки' },
        );
        await createTypeViaUi(page, lang, 'boyz', { BUILDING: 2 });
        // A deleted type is not in the file.
        await createTypeViaUi(page, lang, 'Gone', { IN_BOX: 1 });
        await page
          .locator('summary')
          .filter({ hasText: tr(lang, 'type.delete.title') })
          .tap();
        await page.getByRole('button', { name: tr(lang, 'type.delete.button'), exact: true }).tap();
        await page
          .getByRole('button', { name: tr(lang, 'type.delete.confirm'), exact: true })
          .tap();
        await page.waitForURL(/#\/$/);

        await goRoute(page, '#/settings');
        const section = page.getByRole('region', { name: tr(lang, 'settings.backup.title') });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          section.getByRole('button', { name: tr(lang, 'settings.csv.export'), exact: true }).tap(),
        ]);
        const name = download.suggestedFilename();
        expect(name).toMatch(/^miniatures-\d{4}-\d{2}-\d{2}\.csv$/);
        // The local date of the browser, not the UTC one.
        const today = await page.evaluate(() => {
          const d = new Date();
          const pad = (n: number) => String(n).padStart(2, '0');
          return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
        });
        expect(name).toBe(`miniatures-${today}.csv`);
        mkdirSync(downloads, { recursive: true });
        const path = join(downloads, `csv-${lang}.csv`);
        await download.saveAs(path);
        const bytes = readFileSync(path);
        await section.getByText(tr(lang, 'settings.backup.exported', { file: name })).waitFor();

        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = bytes.subarray(3).toString('utf8');
        // Every line ends with CRLF; no bare LF anywhere (no cell holds one here).
        expect(text.endsWith('\r\n')).toBe(true);
        expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
        const lines = text.slice(0, -2).split('\r\n');
        expect(lines[0]).toBe(
          [
            tr(lang, 'settings.csv.name'),
            tr(lang, 'fields.army'),
            tr(lang, 'fields.game'),
            tr(lang, 'fields.points'),
            ...['IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE'].map((s) => stageName(lang, s)),
            tr(lang, 'settings.csv.percentDone'),
          ].join(sep),
        );

        const parsed = Papa.parse<string[]>(text.slice(0, -2), { delimiter: sep });
        expect(parsed.errors).toEqual([]);
        const rows = parsed.data.slice(1);
        const expected: Record<string, string[]> = {
          '=HYPERLINK("http://x";"Boyz")': [
            `'=HYPERLINK("http://x";"Boyz")`,
            'Orks; "Goff"',
            'Warhammer 40,000',
            '12',
            '3',
            '0',
            '0',
            '0',
            '1',
            '25',
          ],
          'Ёжики, зелёные 🐸': [
            'Ёжики, зелёные 🐸',
            'Орки',
            '',
            '1',
            '0',
            '0',
            '0',
            '1',
            '2',
            '66',
          ],
          boyz: ['boyz', '', '', '1', '0', '2', '0', '0', '0', '0'],
        };
        // A–Z as the list sorts them, by the browser's own collator, a leading symbol aside
        // ("=HYPERLINK…" under H).
        const order = await page.evaluate((names) => {
          const c = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
          const key = (n: string) => n.replace(/^[^\p{L}\p{N}]+/u, '');
          return [...names].sort((a, b) => c.compare(key(a), key(b)) || c.compare(a, b));
        }, Object.keys(expected));
        expect(rows).toEqual(order.map((n) => expected[n]));

        await section.scrollIntoViewIfNeeded();
        mkdirSync(screenshotsDir, { recursive: true });
        await section.screenshot({
          path: join(screenshotsDir, `settings-csv-${lang}-${PHONE.width}x${PHONE.height}.png`),
          animations: 'disabled',
        });
      }),
  );

  it('at 320 px (RU) both saved file names fit: no sideways scroll', () =>
    withApp(
      suite,
      { lang: 'ru', viewport: SMALL_PHONE, touch: true, hash: '#/settings' },
      async (page) => {
        const section = page.getByRole('region', { name: tr('ru', 'settings.backup.title') });
        for (const key of ['settings.backup.export', 'settings.csv.export']) {
          await Promise.all([
            page.waitForEvent('download'),
            section.getByRole('button', { name: tr('ru', key), exact: true }).tap(),
          ]);
        }
        await section.getByText(/\.json\.$/).waitFor();
        await section.getByText(/\.csv\.$/).waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBe(0);
        await section.screenshot({
          path: join(
            screenshotsDir,
            `settings-csv-ru-${SMALL_PHONE.width}x${SMALL_PHONE.height}.png`,
          ),
          animations: 'disabled',
        });
      },
    ));
});
