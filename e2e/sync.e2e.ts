// Two devices (two browser contexts, each with its own IndexedDB and localStorage)
// syncing through one real server process that also serves the production build.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  createTypeViaUi,
  enableSync,
  goRoute,
  headerBadge,
  holdSyncLock,
  LANGS,
  type Lang,
  lastSyncAt,
  moveForm,
  moveOneButton,
  newAppContext,
  openApp,
  PHONE,
  readStoredState,
  recordSyncRequests,
  releaseSyncLock,
  SMALL_PHONE,
  type StoredState,
  screenshot,
  shownCounts,
  syncNow,
  tr,
  trackErrors,
  useAppSuite,
  waitForQueuedSync,
  waitForSync,
} from './support';

const run = chromiumOrSkip('sync between devices');
const lang: Lang = 'en';

async function move(page: Page, typeId: string, from: string, to: string, qty: number) {
  await goRoute(page, `#/type/${typeId}`);
  const form = moveForm(page, lang);
  await form.getByLabel(tr(lang, 'type.move.from'), { exact: true }).selectOption(from);
  await form.getByLabel(tr(lang, 'type.move.to'), { exact: true }).selectOption(to);
  await form.getByLabel(tr(lang, 'type.move.qty'), { exact: true }).fill(String(qty));
  const before = await page.getByTestId(`count-${to}`).textContent();
  await form.getByRole('button', { name: tr(lang, 'type.move.submit'), exact: true }).click();
  await page.waitForFunction(
    ([stage, old]) => document.querySelector(`[data-testid="count-${stage}"]`)?.textContent !== old,
    [to, before] as const,
  );
}

const historyTexts = (page: Page) =>
  page.getByTestId('history-group').evaluateAll((els) => els.map((e) => e.textContent ?? ''));

const conflictTitles = (page: Page) =>
  page
    .getByTestId('sync-conflict')
    .evaluateAll((els) => els.map((e) => e.querySelector('strong')?.textContent ?? ''));

describe.skipIf(!run)('sync between two devices (Chromium, real server)', () => {
  const suite = useAppSuite({ ownServer: true });

  async function newDevice() {
    const context = await newAppContext(suite.browser, { lang });
    const page = await context.newPage();
    const errors = trackErrors(page);
    const requests = recordSyncRequests(page);
    await openApp(page, suite.url);
    return { context, page, errors, requests };
  }

  it('offline moves on A and conflicting moves on B converge; the refused move is listed; restore undoes A’s sync', async () => {
    const a = await newDevice();
    const b = await newDevice();
    try {
      await enableSync(a.page, lang);
      await enableSync(b.page, lang);
      const id = await createTypeViaUi(a.page, lang, 'Intercessors', { IN_BOX: 5 });
      await syncNow(a.page, lang);
      await syncNow(b.page, lang);
      await goRoute(b.page, `#/type/${id}`);
      expect(await shownCounts(b.page)).toMatchObject({ IN_BOX: 5 });

      // A goes offline and moves 4 of the 5 to Done: nothing is sent.
      await a.context.setOffline(true);
      await move(a.page, id, 'IN_BOX', 'DONE', 4);
      await goRoute(a.page, '#/settings');
      await a.page
        .getByTestId('sync-badge')
        .and(a.page.locator('[data-state="offline"]'))
        .waitFor();
      await a.page.getByText(tr(lang, 'sync.pending', { count: 1 }), { exact: true }).waitFor();

      // B, later, moves 3 of the same 5 to Priming and syncs.
      await move(b.page, id, 'IN_BOX', 'PRIMING', 3);
      await syncNow(b.page, lang);

      // A's state before its sync, to compare with the restore point.
      const aBefore: StoredState = await readStoredState(a.page);
      const pointsBefore = await a.page.getByTestId('restore-point').count();

      // A comes back: the `online` event alone starts its sync.
      const since = await lastSyncAt(a.page);
      await a.context.setOffline(false);
      await waitForSync(a.page, since);
      await syncNow(b.page, lang);

      // Both devices hold exactly the same data, and show the same counts and history.
      const stateA = await readStoredState(a.page);
      const stateB = await readStoredState(b.page);
      expect(stateA).toEqual(stateB);
      expect(stateA.events).toHaveLength(3); // the add, A's move and B's (refused) move
      await goRoute(a.page, `#/type/${id}`);
      await goRoute(b.page, `#/type/${id}`);
      const countsA = await shownCounts(a.page);
      expect(countsA).toEqual({ IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 4 });
      expect(await shownCounts(b.page)).toEqual(countsA);
      expect(await historyTexts(a.page)).toEqual(await historyTexts(b.page));

      // B made the move that could not be applied: B lists it as a conflict.
      await goRoute(b.page, '#/settings');
      expect(await conflictTitles(b.page)).toEqual([
        'Intercessors: move 3 models from In box to Priming',
      ]);
      await b.page
        .getByTestId('sync-badge')
        .and(b.page.locator('[data-state="conflicts"]'))
        .waitFor();
      await screenshot(b.page, 'sync-conflict', lang);
      // Every control of the section, the conflict's Dismiss included, is a 44 px target.
      const small = await b.page.getByTestId('sync-settings').evaluate((section) =>
        [...section.querySelectorAll<HTMLElement>('button, input')]
          .map((el) => {
            const label =
              el instanceof HTMLInputElement && el.type === 'checkbox' ? el.labels?.[0] : null;
            const r = (label ?? el).getBoundingClientRect();
            return r.width < 44 || r.height < 44 ? el.outerHTML.slice(0, 80) : '';
          })
          .filter((x) => x !== ''),
      );
      expect(small).toEqual([]);

      // A's sync changed A's data, so A kept a restore point of its state just before.
      await goRoute(a.page, '#/settings');
      const points = a.page.getByTestId('restore-point');
      await expect.poll(() => points.count()).toBe(pointsBefore + 1);
      expect(await points.first().textContent()).toContain(
        tr(lang, 'settings.restore.reason.sync'),
      );
      // Turn sync off first: otherwise the next sync merges the server's data back in.
      await a.page.getByLabel(tr(lang, 'sync.enable'), { exact: true }).uncheck();
      await points
        .first()
        .getByRole('button', { name: new RegExp(`^${tr(lang, 'settings.restore.button')}`) })
        .click();
      const dialog = a.page.getByRole('dialog');
      await dialog
        .getByRole('button', { name: tr(lang, 'settings.restore.confirm'), exact: true })
        .click();
      await a.page.getByText(tr(lang, 'settings.restore.done'), { exact: true }).waitFor();
      expect(await readStoredState(a.page)).toEqual(aBefore);

      expect(a.errors).toEqual([]);
      expect(b.errors).toEqual([]);
      // Every sync went over the delta protocol (SPEC §10), none as a full snapshot.
      for (const d of [a, b]) {
        const posts = d.requests.filter((r) => r.startsWith('POST'));
        expect(posts.length).toBeGreaterThanOrEqual(3);
        expect(new Set(posts)).toEqual(new Set(['POST /api/v1/sync/changes']));
      }
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('speaks Russian on a phone: pending changes while offline, then synced', async () => {
    const ru: Lang = 'ru';
    const context = await newAppContext(suite.browser, { lang: ru, viewport: PHONE });
    const page = await context.newPage();
    const errors = trackErrors(page);
    try {
      await openApp(page, suite.url);
      await enableSync(page, ru);
      await createTypeViaUi(page, ru, 'Ork Boyz', { IN_BOX: 20 });
      await goRoute(page, '#/settings');
      await page.getByText(tr(ru, 'sync.pendingNone'), { exact: true }).waitFor();

      // Offline, a quick move on the list (whose code is already loaded) stays pending.
      await context.setOffline(true);
      await goRoute(page, '#/');
      await moveOneButton(page, ru, 'Ork Boyz', 'IN_BOX', 'BUILDING').click();
      await goRoute(page, '#/settings');
      await page.getByText(tr(ru, 'sync.pending', { count: 1 }), { exact: true }).waitFor();
      await page.getByText(tr(ru, 'sync.offline'), { exact: true }).waitFor();
      const badge = page.getByTestId('sync-badge');
      expect(await badge.textContent()).toBe(`${tr(ru, 'sync.badge.offline')} · 1`);
      await screenshot(page, 'sync-offline', ru);

      const since = await lastSyncAt(page);
      await context.setOffline(false);
      await waitForSync(page, since);
      await page.getByText(tr(ru, 'sync.pendingNone'), { exact: true }).waitFor();
      expect(await badge.textContent()).toBe(tr(ru, 'sync.badge.ok'));
      // The badge shares the first row with "+": the header stays two rows (the brand's
      // name gives way first; every state's word beside "Offline": the tests below).
      await goRoute(page, '#/');
      const [brand, plus, nav] = await Promise.all([
        page.getByRole('link', { name: tr(ru, 'app.title'), exact: true }).boundingBox(),
        page.getByRole('link', { name: tr(ru, 'app.nav.newType'), exact: true }).boundingBox(),
        page.getByRole('navigation', { name: tr(ru, 'app.nav.label'), exact: true }).boundingBox(),
      ]);
      expect(plus?.y).toBe(brand?.y);
      expect(nav!.y).toBeGreaterThanOrEqual(plus!.y + plus!.height);
      // The badge is a 23 px pill, but a tap 21 px above or below its middle still opens
      // the sync settings (a 44 px target; review), and none lands on the navigation.
      const hits = await page.evaluate(() => {
        const link = document.querySelector('[data-testid="sync-badge"]')!;
        const r = link.getBoundingClientRect();
        const mid = r.top + r.height / 2;
        return [-21, 21].map(
          (dy) => document.elementFromPoint(r.left + r.width / 2, mid + dy)?.closest('a') === link,
        );
      });
      expect(hits).toEqual([true, true]);
      await screenshot(page, 'sync-header', ru);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // The header's worst case on a phone: the sync badge beside "Offline", in each state
  // that shows it there (review: Russian words were cut with "…" at 320 and 390 px).
  // The narrowest phone in each language: the header only gains room at 390 px, and the
  // two wider runs cost 18 s of a CI kept under 20 minutes.
  it.each(LANGS.map((lang) => ({ lang, viewport: SMALL_PHONE })))(
    '$lang at $viewport.width px: the sync badge says every state whole, beside "Offline" too',
    async ({ lang, viewport }) => {
      const context = await newAppContext(suite.browser, { lang, viewport, touch: true });
      const page = await context.newPage();
      const errors = trackErrors(page);
      const name = `Badge ${lang} ${viewport.width}`;
      const word = (key: string, count?: number) =>
        count === undefined
          ? tr(lang, key)
          : `${tr(lang, key)} · ${new Intl.NumberFormat(lang).format(count)}`;
      /**
       * Waits for the badge in `state` (with "Offline" beside it or not), then checks its
       * word and that it fits; softly, so one run tells every state that does not.
       */
      async function fits(state: string, offline: boolean, text: string) {
        let shown = await headerBadge(page);
        // The count follows the database a moment after a move: wait for the word too;
        // a word that never comes is told below, with the rest.
        await expect
          .poll(async () => (shown = await headerBadge(page)), { timeout: 20_000 })
          .toMatchObject({ state, offline, word: text })
          .catch(() => {});
        expect(shown).toMatchObject({ state, offline });
        const what = `${state}${offline ? ' beside "Offline"' : ''}`;
        expect.soft(shown.word, what).toBe(text);
        expect.soft(shown.problems, what).toEqual([]);
      }
      /** RU at 320 px and EN at 390 px: the header (scrolled back into view) and below. */
      async function shot(what: string) {
        if ((lang === 'ru') !== (viewport.width === SMALL_PHONE.width)) return;
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `sync-badge-${what}`, lang, { fullPage: false });
      }
      try {
        await openApp(page, suite.url);
        await enableSync(page, lang);
        await createTypeViaUi(page, lang, name, { IN_BOX: 20 });
        await syncNow(page, lang);
        await goRoute(page, '#/');
        const moveOne = () => moveOneButton(page, lang, name, 'IN_BOX', 'BUILDING').click();
        await fits('ok', false, word('sync.badge.ok'));

        // Offline, two moves wait: the badge says how many, as "pending" does.
        await context.setOffline(true);
        await moveOne();
        await moveOne();
        await fits('offline', true, word('sync.badge.offline', 2));
        await shot('offline');

        // Another tab holds the sync lock: back online, the moves stay pending.
        await holdSyncLock(page);
        await context.setOffline(false);
        await fits('pending', false, word('sync.badge.pending', 2));
        // A third move's sync queues behind that lock; the network drops while it waits.
        await moveOne();
        await waitForQueuedSync(page);
        await context.setOffline(true);
        await fits('pending', true, word('sync.badge.pending', 3));
        await shot('pending');

        // The server cannot be reached.
        await page.route('**/api/v1/sync/changes', (route) => route.abort());
        await context.setOffline(false);
        await releaseSyncLock(page);
        await fits('error', false, word('sync.badge.error'));
        // Its retry queues behind another tab's lock; the network drops while it waits.
        await holdSyncLock(page);
        await waitForQueuedSync(page);
        await context.setOffline(true);
        await fits('error', true, word('sync.badge.error'));
        await shot('error');

        // A sync under way (the server keeps its answer), and the network drops during it.
        await page.unroute('**/api/v1/sync/changes');
        await page.route('**/api/v1/sync/changes', () => {});
        await context.setOffline(false);
        await releaseSyncLock(page);
        await fits('syncing', false, word('sync.badge.syncing'));
        await context.setOffline(true);
        await fits('syncing', true, word('sync.badge.syncing'));
        await shot('syncing');
        // The words of the states this flow does not reach, and a count in the thousands
        // (a second line, not a cut), in the same header beside "Offline".
        for (const text of [
          word('sync.badge.unauthorized'),
          word('sync.badge.conflicts'),
          word('sync.badge.doubles'),
          word('sync.badge.clock'),
          word('sync.badge.ok'),
          word('sync.badge.offline', 12_345),
          word('sync.badge.pending', 12_345),
        ]) {
          expect.soft((await headerBadge(page, text)).problems, text).toEqual([]);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
