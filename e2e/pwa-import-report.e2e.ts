import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  countRows,
  createTypeViaUi,
  goRoute,
  LANGS,
  type Lang,
  moveOneButton,
  newAppContext,
  openApp,
  PHONE,
  readStoredState,
  screenshot,
  tr,
  trackErrors,
  useAppSuite,
} from './support';

// Issue 8, item 11: the import report tells the whole truth, Cancel really cancels,
// and a file with nothing new says so and claims no restore point.
const run = chromiumOrSkip('pwa import report');

/** Picks a file in Settings' import field and waits for the dry-run report. */
async function pickFile(page: Page, lang: Lang, text: string, name = 'file.json') {
  await goRoute(page, '#/');
  await goRoute(page, '#/settings');
  await page.getByLabel(tr(lang, 'settings.backup.import'), { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await page.getByTestId('import-report').waitFor();
}

const importButton = (page: Page, lang: Lang) =>
  page.getByRole('button', { name: tr(lang, 'settings.backup.confirm'), exact: true });

/** A data file (v1) of `n` types with one add each, created a day ago. */
function bigFile(n: number): string {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const types = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    name: `Bulk ${String(i).padStart(5, '0')}`,
    created_at: at,
    name_updated_at: at,
    counts: { IN_BOX: 3, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
    history: [{ id: randomUUID(), from_stage: null, to_stage: 'IN_BOX', qty: 3, created_at: at }],
  }));
  return JSON.stringify({
    format: 'miniatures-tracker',
    version: 1,
    exported_at: new Date().toISOString(),
    types,
    tombstones: [],
  });
}

describe.skipIf(!run)('PWA import report and flow in Chromium', () => {
  const suite = useAppSuite();

  for (const lang of LANGS) {
    it(`names the types a file deletes and folds, with their history (${lang}, phone)`, async () => {
      const context = await newAppContext(suite.browser, { lang, viewport: PHONE });
      try {
        const page = await context.newPage();
        const errors = trackErrors(page);
        await openApp(page, suite.url);
        const orks = await createTypeViaUi(page, lang, 'Orks', { IN_BOX: 10 });
        await createTypeViaUi(page, lang, 'Eldar', { IN_BOX: 2 });
        await goRoute(page, '#/');
        for (let i = 0; i < 3; i++) {
          await moveOneButton(page, lang, 'Orks', 'IN_BOX', 'BUILDING').click();
        }
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid="count-BUILDING"]')[1]?.textContent === '3',
        );
        const before = await readStoredState(page);
        const later = new Date(Date.now() + 1000).toISOString();
        const file = JSON.stringify({
          format: 'miniatures-tracker',
          version: 1,
          exported_at: later,
          types: [
            {
              id: randomUUID(),
              name: 'ELDAR',
              created_at: later,
              name_updated_at: later,
              counts: { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 5 },
              history: [
                { id: randomUUID(), from_stage: null, to_stage: 'DONE', qty: 5, created_at: later },
              ],
            },
            {
              // Half of an emoji, as a broken exporter writes it: read as “�”, and said.
              id: randomUUID(),
              name: 'Banner \ud83c',
              created_at: later,
              name_updated_at: later,
              counts: { IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
              history: [],
            },
          ],
          tombstones: [{ id: orks, deleted_at: later, merged_into: null }],
        });
        await pickFile(page, lang, file);
        expect(await page.getByTestId('report-unreadable').textContent()).toBe(
          tr(lang, 'settings.backup.ofTypes', {
            count: 1,
            what: tr(lang, 'settings.backup.unreadable', { count: 1, n: '1' }),
            types: tr(lang, 'common.quoted', { name: 'Banner \uFFFD' }),
          }),
        );
        const deleted = page.getByTestId('import-report');
        const text = (await deleted.textContent()) ?? '';
        // By name, with the local history that goes with it (1 add + 3 moves).
        expect(text).toContain(
          tr(lang, 'settings.backup.deleted', { type: 'Orks', count: 4, n: '4' }),
        );
        expect(text).toContain(
          tr(lang, 'settings.backup.folded', { type: 'ELDAR', into: 'Eldar', count: 1, n: '1' }),
        );
        await screenshot(page, 'import-report', lang);
        expect(await readStoredState(page)).toEqual(before);
        await importButton(page, lang).click();
        await page.getByTestId('import-done').waitFor();
        const after = await readStoredState(page);
        expect(after.types.map((t) => [t.name, t.counts.DONE]).sort()).toEqual([
          ['Banner \uFFFD', 0],
          ['Eldar', 5],
        ]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('says "nothing new" for a file it already holds, and keeps no restore point', async () => {
    const lang = 'ru';
    const context = await newAppContext(suite.browser, { lang, viewport: PHONE });
    try {
      const page = await context.newPage();
      await openApp(page, suite.url);
      const file = bigFile(13);
      await pickFile(page, lang, file);
      await importButton(page, lang).click();
      await page.getByTestId('import-done').waitFor();
      const points = await countRows(page, 'restore_points');
      const before = await readStoredState(page);

      await pickFile(page, lang, file);
      expect(await page.getByTestId('report-nothing').textContent()).toBe(
        tr(lang, 'settings.backup.nothingNew', { file: 'file.json' }),
      );
      // Nothing to confirm: no Import button, only Close.
      expect(await importButton(page, lang).count()).toBe(0);
      await screenshot(page, 'import-nothing-new', lang);
      await page
        .getByRole('button', { name: tr(lang, 'settings.backup.close'), exact: true })
        .click();
      expect(await countRows(page, 'restore_points')).toBe(points);
      expect(await readStoredState(page)).toEqual(before);
    } finally {
      await context.close();
    }
  });

  it('Cancel while a 10 000-type import is written really cancels: nothing changes', async () => {
    const lang = 'en';
    const context = await newAppContext(suite.browser, { lang, viewport: PHONE });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, suite.url);
      await createTypeViaUi(page, lang, 'Mine', { IN_BOX: 1 });
      const before = await readStoredState(page);
      const points = await countRows(page, 'restore_points');
      await pickFile(page, lang, bigFile(10_000), 'big.json');
      // A slow phone: the write takes long enough to be cancelled half-way.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 2 });
      await importButton(page, lang).click();
      // Once rows are being written (the transaction is open and has written some).
      const writing = tr(lang, 'settings.backup.stepWriting', { count: 2, done: '', total: '' });
      await page.waitForFunction(
        (start) =>
          document.querySelector('[data-testid="import-progress"]')?.textContent?.startsWith(start),
        writing.slice(0, writing.indexOf(' ', writing.indexOf(':') + 2)),
        { timeout: 60_000, polling: 50 },
      );
      // Tapped like a user would, between two of the page's tasks (no actionability
      // wait for animation frames, which a throttled busy page hands out rarely).
      await page
        .getByRole('button', { name: tr(lang, 'settings.backup.cancel'), exact: true })
        .evaluate((button) => (button as HTMLButtonElement).click());
      await page.getByTestId('import-cancelled').waitFor({ timeout: 90_000 });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      expect(await page.getByTestId('import-done').count()).toBe(0);
      // Really cancelled: the write was rolled back, not finished in the background.
      await page.waitForTimeout(3000);
      expect(await readStoredState(page)).toEqual(before);
      expect(await countRows(page, 'restore_points')).toBe(points);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
