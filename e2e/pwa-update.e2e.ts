import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  createTypeViaUi,
  ensurePwaBuilt,
  goRoute,
  launchBrowser,
  newAppContext,
  openApp,
  startServer,
  tr,
  trackErrors,
  typeRow,
  waitForApp,
} from './support';

const run = chromiumOrSkip('pwa update prompt');
const lang = 'en';

describe.skipIf(!run)('PWA: a new version', () => {
  // Its own server over its own copy of the build; only the browser is shared.
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is offered as "a new version is ready — reload" when the app becomes visible, and takes over on Reload', async () => {
    // A private copy of the build, so this test can publish a "new version" of it.
    const dir = mkdtempSync(join(tmpdir(), 'mpt-e2e-update-'));
    cpSync(await ensurePwaBuilt(), dir, { recursive: true });
    const server = await startServer({ staticDir: dir });
    const context = await newAppContext(browser, { lang });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, server.url);
      const id = await createTypeViaUi(page, lang, 'Intercessors', { IN_BOX: 4 });
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await waitForApp(page);
      const first = await page.evaluate(
        () => navigator.serviceWorker.controller?.scriptURL ?? null,
      );
      expect(first).toBe(`${server.url}/sw.js`);
      const prompt = page.getByRole('status').filter({ hasText: tr(lang, 'pwa.updateReady') });
      expect(await prompt.count()).toBe(0);

      // Deploy: a changed service worker script is a new version to the browser.
      appendFileSync(join(dir, 'sw.js'), '\n// next release\n');
      // The app checks for an update when it becomes visible again.
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await prompt.waitFor({ timeout: 20_000 });
      // Until the user agrees, the old worker keeps serving this page.
      expect(
        await page.evaluate(
          async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state,
        ),
      ).toBe('installed');

      await Promise.all([
        page.waitForEvent('framenavigated', { timeout: 20_000 }),
        prompt.getByRole('button', { name: tr(lang, 'pwa.reload'), exact: true }).click(),
      ]);
      await waitForApp(page);
      const after = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return {
          waiting: reg?.waiting ?? null,
          controlled: navigator.serviceWorker.controller !== null,
        };
      });
      expect(after).toEqual({ waiting: null, controlled: true });
      expect(await prompt.count()).toBe(0);
      await goRoute(page, '#/');
      expect(await typeRow(page, id).getByTestId('count-IN_BOX').textContent()).toBe('4');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
