import { describe, expect, it } from 'vitest';
import {
  APP_DB,
  chromiumOrSkip,
  createTypeViaUi,
  goRoute,
  moveOneButton,
  newAppContext,
  openApp,
  readStoredState,
  tr,
  typeRow,
  useAppSuite,
} from './support';

const run = chromiumOrSkip('pwa failed writes and upgrades');
const lang = 'en';

describe.skipIf(!run)('PWA: a failed write and a newer tab', () => {
  const suite = useAppSuite();

  it('shows ERR_STORAGE text when the disk is full, and keeps everything saved before', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      await openApp(page, suite.url);
      const id = await createTypeViaUi(page, lang, 'Intercessors', { IN_BOX: 10 });
      await goRoute(page, '#/');
      await typeRow(page, id).waitFor();
      const before = await readStoredState(page);

      // From now on every IndexedDB write fails as a full disk does.
      await page.evaluate(() => {
        const full = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
        IDBObjectStore.prototype.put = full;
        IDBObjectStore.prototype.add = full;
      });
      await moveOneButton(page, lang, 'Intercessors', 'IN_BOX', 'BUILDING').click();
      await page
        .getByRole('alert')
        .filter({ hasText: tr(lang, 'errors.ERR_STORAGE') })
        .waitFor();
      expect(await typeRow(page, id).getByTestId('count-IN_BOX').textContent()).toBe('10');

      await page.reload();
      await typeRow(page, id).waitFor();
      expect(await readStoredState(page)).toEqual(before);
      expect(await typeRow(page, id).getByTestId('count-BUILDING').textContent()).toBe('0');
    } finally {
      await context.close();
    }
  });

  it('a screen that could not be loaded says so and comes once the network is back (newcomer review)', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      // The Activity screen's code cannot be fetched: offline before the service worker
      // stored it (the review saw "Loading…" for good, even back online).
      const chunk = /\/assets\/ActivityScreen-[^/]*\.js$/;
      await context.route(chunk, (r) => r.abort('internetdisconnected'));
      const page = await context.newPage();
      await openApp(page, suite.url);
      await goRoute(page, '#/activity');
      const failed = page.getByRole('alert').filter({ hasText: tr(lang, 'app.loadFailed') });
      await failed.waitFor();
      expect(await page.getByText(tr(lang, 'app.loading'), { exact: true }).count()).toBe(0);
      // The network is back: the screen comes by itself. Chromium 156 keeps a failed
      // module import failed for the page's life (whatwg/html#6768), so the app reloads.
      await context.unroute(chunk);
      await context.setOffline(true);
      await context.setOffline(false);
      const screen = page.getByRole('heading', { level: 1, name: tr(lang, 'activity.title') });
      await screen.waitFor();
      expect(await failed.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('asks an open tab to reload when another tab upgrades the database, instead of hanging it', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const old = await context.newPage();
      await openApp(old, suite.url);
      await createTypeViaUi(old, lang, 'Ork Boyz', { IN_BOX: 3 });
      const newer = await context.newPage();
      await newer.goto(`${suite.url}/404-not-the-app.txt`).catch(() => undefined);
      // A newer version of the app opens the database with a higher version number.
      const upgraded = await newer.evaluate(
        (name) =>
          new Promise<number>((resolve, reject) => {
            const probe = indexedDB.open(name);
            probe.onsuccess = () => {
              const next = probe.result.version + 10;
              probe.result.close();
              const req = indexedDB.open(name, next);
              req.onsuccess = () => {
                req.result.close();
                resolve(next);
              };
              req.onerror = () => reject(req.error);
              setTimeout(
                () => reject(new Error('the upgrade stayed blocked by the open tab')),
                10_000,
              );
            };
            probe.onerror = () => reject(probe.error);
          }),
        APP_DB,
      );
      expect(upgraded).toBeGreaterThan(10);
      await old
        .getByRole('alertdialog')
        .filter({ hasText: tr(lang, 'app.reloadNeeded') })
        .waitFor();
      await old.getByRole('button', { name: tr(lang, 'app.reload'), exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });
});
