import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDataFileText } from '@mpt/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  artifactsDir,
  chromiumOrSkip,
  countRows,
  createTypeViaUi,
  goRoute,
  importViaUi,
  moveOneButton,
  newAppContext,
  openApp,
  readStoredState,
  sampleDataFile,
  tr,
  trackErrors,
  useAppSuite,
} from './support';

const run = chromiumOrSkip('pwa export/import');
const lang = 'en';
const downloads = join(artifactsDir, 'downloads');

/** Clicks Export on Settings and returns the downloaded file's text and name. */
async function exportViaUi(page: Page, as: string): Promise<{ name: string; text: string }> {
  await goRoute(page, '#/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: tr(lang, 'settings.backup.export'), exact: true }).click(),
  ]);
  mkdirSync(downloads, { recursive: true });
  const path = join(downloads, as);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** The data file without the one field that differs between two exports. */
function withoutExportedAt(text: string): unknown {
  const { exported_at: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}

/** Picks a file in the import field of Settings. */
async function pickImportFile(page: Page, file: { name: string; text: string }): Promise<void> {
  await page.getByLabel(tr(lang, 'settings.backup.import'), { exact: true }).setInputFiles({
    name: file.name,
    mimeType: 'application/json',
    buffer: Buffer.from(file.text),
  });
}

describe.skipIf(!run)('PWA export and import in Chromium', () => {
  const suite = useAppSuite();

  it('exports a file, imports it into an empty database (dry run first) and gets the same data back', async () => {
    const source = await newAppContext(suite.browser, { lang });
    const target = await newAppContext(suite.browser, { lang });
    try {
      const a = await source.newPage();
      const errors = trackErrors(a);
      await openApp(a, suite.url);
      await createTypeViaUi(a, lang, 'Intercessors', { IN_BOX: 10, DONE: 2 });
      await createTypeViaUi(a, lang, 'Ork Boyz', { IN_BOX: 20 });
      await createTypeViaUi(a, lang, 'Doomed', { PRIMING: 1 });
      await a.getByRole('button', { name: tr(lang, 'type.delete.button'), exact: true }).click();
      await a.getByRole('button', { name: tr(lang, 'type.delete.confirm'), exact: true }).click();
      await a.waitForURL(/#\/$/);
      await moveOneButton(a, lang, 'Ork Boyz', 'IN_BOX', 'BUILDING').click();
      await moveOneButton(a, lang, 'Ork Boyz', 'IN_BOX', 'BUILDING').click();
      await a.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="count-BUILDING"]')].some(
          (e) => e.textContent === '2',
        ),
      );
      const before = await readStoredState(a);

      const exported = await exportViaUi(a, 'export-a.json');
      expect(exported.name).toMatch(/^miniatures-tracker-\d{4}-\d{2}-\d{2}\.json$/);
      const parsed = parseDataFileText(exported.text);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.value.types.map((t) => t.name)).toEqual(['Intercessors', 'Ork Boyz']);
      expect(parsed.value.tombstones).toHaveLength(1);
      await a.getByRole('status').filter({ hasText: exported.name }).waitFor();

      // "Clear": a second browser profile with an empty IndexedDB.
      const b = await target.newPage();
      const errorsB = trackErrors(b);
      await openApp(b, suite.url, '#/settings');
      await pickImportFile(b, exported);
      const report = b.getByTestId('import-report');
      await report.waitFor();
      expect(await b.getByTestId('report-created').textContent()).toBe(
        tr(lang, 'settings.backup.created', { count: 2, n: '2' }),
      );
      expect(await b.getByTestId('report-added').textContent()).toBe(
        tr(lang, 'settings.backup.eventsAdded', {
          count: before.events.length,
          n: String(before.events.length),
        }),
      );
      // The dry run wrote nothing.
      expect((await readStoredState(b)).types).toEqual([]);
      await b
        .getByRole('button', { name: tr(lang, 'settings.backup.confirm'), exact: true })
        .click();
      await b.getByTestId('import-done').waitFor();
      // B held nothing: no restore point of nothing is kept, and none is claimed.
      expect(await b.getByTestId('import-done').textContent()).toBe(
        tr(lang, 'settings.backup.importedNoPoint'),
      );
      expect(await countRows(b, 'restore_points')).toBe(0);

      expect(await readStoredState(b)).toEqual(before);
      const again = await exportViaUi(b, 'export-b.json');
      expect(withoutExportedAt(again.text)).toEqual(withoutExportedAt(exported.text));
      await goRoute(b, '#/');
      expect(await b.getByTestId('type-row').count()).toBe(2);
      expect([...errors, ...errorsB]).toEqual([]);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('rejects broken files with error text and changes nothing', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, suite.url);
      const id = await createTypeViaUi(page, lang, 'Termagants', { IN_BOX: 4 });
      const before = await readStoredState(page);
      const good = JSON.parse((await exportViaUi(page, 'export-c.json')).text) as {
        types: { counts: Record<string, number>; history: unknown[] }[];
      };
      const points = await countRows(page, 'restore_points');

      const wrongCounts = structuredClone(good);
      wrongCounts.types[0]!.counts.DONE = 3; // counts no longer equal the replay of history
      const newer = { ...good, version: 3 }; // this app reads versions 1 and 2 (SPEC §9)
      const cases: { name: string; text: string; code: string }[] = [
        {
          name: 'truncated.json',
          text: JSON.stringify(good).slice(0, 80),
          code: 'ERR_IMPORT_INVALID',
        },
        { name: 'not-ours.json', text: '{"hello":"world"}', code: 'ERR_IMPORT_INVALID' },
        { name: 'counts.json', text: JSON.stringify(wrongCounts), code: 'ERR_IMPORT_INCONSISTENT' },
        { name: 'v3.json', text: JSON.stringify(newer), code: 'ERR_IMPORT_UNSUPPORTED_VERSION' },
      ];
      const failed = tr(lang, 'settings.backup.failed', { error: '' }).trim();
      for (const c of cases) {
        // Leave and come back, so no alert from the previous file can satisfy this one.
        await goRoute(page, '#/');
        await goRoute(page, '#/settings');
        await pickImportFile(page, c);
        const alert = page.getByTestId('import-error');
        await alert.waitFor();
        const text = (await alert.textContent()) ?? '';
        expect(text, c.name).toContain(failed);
        expect(text, c.name).toContain(tr(lang, `errors.${c.code}`));
        expect(await page.getByTestId('import-report').count(), c.name).toBe(0);
      }
      expect(await readStoredState(page)).toEqual(before);
      expect(await countRows(page, 'restore_points')).toBe(points);
      await goRoute(page, `#/type/${id}`);
      expect(await page.getByTestId('count-IN_BOX').textContent()).toBe('4');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps a restore point before an import, and restoring it gives back the exact earlier data', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, suite.url);
      await createTypeViaUi(page, lang, 'Intercessors', { IN_BOX: 10 });
      await goRoute(page, '#/');
      await moveOneButton(page, lang, 'Intercessors', 'IN_BOX', 'BUILDING').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-BUILDING"]')?.textContent === '1',
      );
      const before = await readStoredState(page);

      await importViaUi(page, lang, { name: 'sample.json', text: sampleDataFile() });
      const imported = await readStoredState(page);
      expect(imported.types.length).toBeGreaterThan(before.types.length);
      const point = page.getByTestId('restore-point').first();
      await point.waitFor();
      expect(await point.textContent()).toContain(tr(lang, 'settings.restore.reason.import'));

      await point.getByRole('button').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: tr(lang, 'settings.restore.confirm'), exact: true })
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: tr(lang, 'settings.restore.done') })
        .waitFor();
      const restored = await readStoredState(page);
      expect(restored.types).toEqual(before.types);
      expect(restored.events).toEqual(before.events);
      expect(restored.tombstones).toEqual(before.tombstones);
      // The state replaced by the restore is itself kept, so the restore can be undone.
      expect(await page.getByTestId('restore-point').count()).toBe(2);
      await goRoute(page, '#/');
      expect(await page.getByTestId('type-row').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
