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

  it('upgrades a version 1 database to canonical values, loading the upgrade code on demand', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      // Same origin, not the app: the database is written as an app of version 1 left it.
      await page.goto(`${suite.url}/404-not-the-app.txt`).catch(() => undefined);
      const typeId = 'A1B2C3D4-0000-4000-8000-00000000000A';
      await page.evaluate(
        ({ name, typeId }) =>
          new Promise<void>((resolve, reject) => {
            const req = indexedDB.open(name, 10); // Dexie's version 1
            req.onupgradeneeded = () => {
              const db = req.result;
              db.createObjectStore('types', { keyPath: 'id' });
              const events = db.createObjectStore('events', { keyPath: 'id' });
              events.createIndex('type_id', 'type_id');
              events.createIndex('created_at', 'created_at');
              events.createIndex('[type_id+created_at]', ['type_id', 'created_at']);
              db.createObjectStore('tombstones', { keyPath: 'id' });
              db.createObjectStore('restore_points', { keyPath: 'id' }).createIndex(
                'created_at',
                'created_at',
              );
              db.createObjectStore('meta', { keyPath: 'key' });
            };
            req.onsuccess = () => {
              const db = req.result;
              const tx = db.transaction(['types', 'events'], 'readwrite');
              const at = '2026-11-20T10:00:00.000Z';
              tx.objectStore('types').put({
                id: typeId,
                name: 'Or\u200bks  Boyz',
                created_at: at,
                name_updated_at: at,
                counts: { IN_BOX: 3, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
              });
              tx.objectStore('events').put({
                id: 'B1B2C3D4-0000-4000-8000-00000000000B',
                type_id: typeId,
                from_stage: null,
                to_stage: 'IN_BOX',
                qty: 3,
                created_at: at,
              });
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
            req.onerror = () => reject(req.error);
          }),
        { name: APP_DB, typeId },
      );
      await openApp(page, suite.url);
      const id = typeId.toLowerCase();
      await typeRow(page, id).waitFor();
      const state = await readStoredState(page);
      expect(state.types.map((t) => [t.id, t.name])).toEqual([[id, 'Orks Boyz']]);
      expect(state.events.map((e) => [e.id, e.type_id])).toEqual([
        ['b1b2c3d4-0000-4000-8000-00000000000b', id],
      ]);
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
