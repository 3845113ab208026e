import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  countOf,
  createTypeViaUi,
  goRoute,
  moveOneButton,
  newAppContext,
  openApp,
  openTwoTabs,
  readStoredState,
  shownCounts,
  startServer,
  tr,
  trackErrors,
  typeRow,
  useAppSuite,
  waitForApp,
} from './support';

const run = chromiumOrSkip('pwa offline and installable');
const lang = 'en';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Resolves once a service worker controls the page (reloading once if needed). */
async function waitForControl(page: Page): Promise<string> {
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => undefined),
      new Promise((_, reject) =>
        setTimeout(async () => {
          // Say what state the registration is in, not only that it timed out.
          const regs = await navigator.serviceWorker.getRegistrations();
          const states = regs.map((r) =>
            [r.installing, r.waiting, r.active].map((w) => w?.state ?? '-').join('/'),
          );
          const sw = await fetch('/sw.js')
            .then((r) => r.status)
            .catch(String);
          reject(
            new Error(
              `no active service worker after 30 s: document ${document.readyState}, registrations ${JSON.stringify(states)}, GET /sw.js ${sw}`,
            ),
          );
        }, 30_000),
      ),
    ]),
  );
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) {
    await page.reload();
    await waitForApp(page);
  }
  return page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
}

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: { src: string; sizes?: string; type?: string; purpose?: string }[];
}

describe.skipIf(!run)('PWA: installable, offline, live across tabs', () => {
  const suite = useAppSuite();

  it('links a valid web manifest whose icons (192, 512, maskable) exist', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      await openApp(page, suite.url);
      const href = await page.evaluate(
        () => document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? null,
      );
      expect(href, 'index.html links a manifest').not.toBeNull();
      const res = await fetch(href!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/(manifest\+)?json/);
      const manifest = (await res.json()) as Manifest;
      expect(manifest.name).toBeTruthy();
      expect(manifest.short_name).toBeTruthy();
      expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
      const start = new URL(manifest.start_url ?? '', href!);
      const scope = new URL(manifest.scope ?? '.', href!);
      expect(start.origin).toBe(new URL(suite.url).origin);
      expect(start.href.startsWith(scope.href)).toBe(true);
      expect((await fetch(start)).status).toBe(200);

      const icons = manifest.icons ?? [];
      const purposes = (i: { purpose?: string }) => (i.purpose ?? 'any').split(/\s+/);
      const need = [
        { size: 192, purpose: 'any' },
        { size: 512, purpose: 'any' },
        { size: 512, purpose: 'maskable' },
      ];
      for (const n of need) {
        const icon = icons.find(
          (i) =>
            i.sizes?.split(/\s+/).includes(`${n.size}x${n.size}`) &&
            purposes(i).includes(n.purpose),
        );
        expect(icon, `${n.size} ${n.purpose} icon`).toBeDefined();
        const img = await fetch(new URL(icon!.src, href!));
        expect(img.status).toBe(200);
        expect(pngSize(Buffer.from(await img.arrayBuffer())), icon!.src).toEqual({
          width: n.size,
          height: n.size,
        });
      }
    } finally {
      await context.close();
    }
  });

  it('is controlled by its service worker, and after going offline reloads with its data', async () => {
    // Its own server, so it can be stopped: offline then means no server at all, not
    // only Chromium's emulation (which a service worker's own fetches may bypass).
    const server = await startServer();
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, server.url);
      const id = await createTypeViaUi(page, lang, 'Intercessors', { IN_BOX: 10 });
      await goRoute(page, '#/');
      await moveOneButton(page, lang, 'Intercessors', 'IN_BOX', 'BUILDING').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-BUILDING"]')?.textContent === '1',
      );
      const consoleLines: string[] = [];
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      const script = await waitForControl(page).catch((e: Error) => {
        throw new Error(
          `${e.message}\npage errors: ${errors.join(' | ')}\nconsole: ${consoleLines.join(' | ')}`,
        );
      });
      expect(script).toBe(`${server.url}/sw.js`);
      // Visit every screen once while online, as a user would before the cellar.
      for (const hash of ['#/activity', '#/settings', `#/type/${id}`, '#/new', '#/']) {
        await goRoute(page, hash);
      }

      await server.stop();
      await context.setOffline(true);
      await page.getByRole('status', { name: tr(lang, 'pwa.offlineLabel') }).waitFor();
      await page.reload();
      await waitForApp(page);
      // Chromium 156's offline emulation leaves navigator.onLine true in a page reloaded
      // from its service worker (crbug.com/678075): said again, as a phone's network
      // state would be.
      if (await page.evaluate(() => navigator.onLine)) {
        await context.setOffline(false);
        await context.setOffline(true);
      }
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await shownCounts(typeRow(page, id))).toEqual({
        IN_BOX: 9,
        BUILDING: 1,
        PRIMING: 0,
        PAINTING: 0,
        DONE: 0,
      });
      await page.getByRole('status', { name: tr(lang, 'pwa.offlineLabel') }).waitFor();
      // Still works offline: a move, and every lazily loaded screen.
      await moveOneButton(page, lang, 'Intercessors', 'BUILDING', 'PRIMING').click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-PRIMING"]')?.textContent === '1',
      );
      await goRoute(page, `#/type/${id}`);
      expect(await countOf(page, 'PRIMING').textContent()).toBe('1');
      for (const [hash, heading] of [
        ['#/activity', tr(lang, 'activity.title')],
        ['#/settings', tr(lang, 'settings.title')],
        ['#/new', tr(lang, 'create.title')],
      ] as const) {
        await goRoute(page, hash);
        await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      }
      // A cold start with no network: a new tab of the installed app.
      const cold = await context.newPage();
      await cold.goto(`${server.url}/`);
      await waitForApp(cold);
      expect(await typeRow(cold, id).count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  it('shows a move made in one tab in the other at once, without a reload', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const [one, two] = await openTwoTabs(context, suite.url);
      const id = await createTypeViaUi(one, lang, 'Ork Boyz', { IN_BOX: 20 });
      // Created in tab one: appears in tab two's list.
      await typeRow(two, id).waitFor();
      const marker = await two.evaluate(() => {
        (window as unknown as { __noReload: boolean }).__noReload = true;
        return performance.timeOrigin;
      });

      await goRoute(one, '#/');
      await moveOneButton(one, lang, 'Ork Boyz', 'IN_BOX', 'BUILDING').click();
      await two.waitForFunction(
        (rowId) =>
          document.querySelector(`[data-type-id="${rowId}"] [data-testid="count-BUILDING"]`)
            ?.textContent === '1',
        id,
        { timeout: 5_000 },
      );
      expect(await shownCounts(typeRow(two, id))).toMatchObject({ IN_BOX: 19, BUILDING: 1 });

      // And back: a move on tab two's type page shows in tab one's list.
      await two.bringToFront();
      await goRoute(two, `#/type/${id}`);
      const form = two.getByRole('form', { name: tr(lang, 'type.move.title'), exact: true });
      await form.getByLabel(tr(lang, 'type.move.from'), { exact: true }).selectOption('IN_BOX');
      await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption('DONE');
      await form.getByLabel(tr(lang, 'type.move.qty'), { exact: true }).fill('5');
      await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).click();
      await one.waitForFunction(
        (rowId) =>
          document.querySelector(`[data-type-id="${rowId}"] [data-testid="count-DONE"]`)
            ?.textContent === '5',
        id,
        { timeout: 5_000 },
      );
      expect(await shownCounts(typeRow(one, id))).toEqual({
        IN_BOX: 14,
        BUILDING: 1,
        PRIMING: 0,
        PAINTING: 0,
        DONE: 5,
      });
      const same = await two.evaluate(
        () =>
          (window as unknown as { __noReload?: boolean }).__noReload === true &&
          performance.timeOrigin,
      );
      expect(same).toBe(marker);
    } finally {
      await context.close();
    }
  });

  it('lets two tabs race for the last model: one move wins, the other says why, no count goes negative', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const [one, two] = await openTwoTabs(context, suite.url);
      const id = await createTypeViaUi(one, lang, 'Last Model', { BUILDING: 1 });
      await goRoute(one, '#/');
      await typeRow(two, id).waitFor();
      const label = tr(lang, 'list.moveOne', {
        name: 'Last Model',
        from: tr(lang, 'stages.BUILDING'),
        to: tr(lang, 'stages.PRIMING'),
      });
      // Both clicks are dispatched inside the pages, a few ms apart, before either
      // transaction can have committed.
      const press = (page: Page) =>
        page.evaluate((name) => {
          const button = document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
          const enabled = button !== null && !button.disabled;
          button?.click();
          return enabled;
        }, label);
      const [a, b] = await Promise.all([press(one), press(two)]);
      await one.waitForFunction(
        (rowId) =>
          document.querySelector(`[data-type-id="${rowId}"] [data-testid="count-PRIMING"]`)
            ?.textContent === '1',
        id,
      );
      const stored = await readStoredState(one);
      expect(stored.types[0]?.counts).toEqual({
        IN_BOX: 0,
        BUILDING: 0,
        PRIMING: 1,
        PAINTING: 0,
        DONE: 0,
      });
      expect(stored.events.filter((e) => e.from_stage === 'BUILDING')).toHaveLength(1);
      if (a && b) {
        const refused = tr(lang, 'errors.ERR_INSUFFICIENT_QTY');
        await Promise.race([
          one.getByRole('alert').filter({ hasText: refused }).waitFor(),
          two.getByRole('alert').filter({ hasText: refused }).waitFor(),
        ]);
      }
      for (const page of [one, two]) {
        await page.waitForFunction(
          (rowId) =>
            document.querySelector(`[data-type-id="${rowId}"] [data-testid="count-BUILDING"]`)
              ?.textContent === '0',
          id,
        );
      }
    } finally {
      await context.close();
    }
  });
});
