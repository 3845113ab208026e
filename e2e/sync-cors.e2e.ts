// A sync server at another address than the app that does not list the app's origin in
// CORS_ORIGINS: the browser refuses to let the app read its answers, a failure that looks
// exactly like a dead server. "Test connection" must say the server answers and name the
// app's address to add; after the server is restarted with it listed, the test connects.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  type Lang,
  PHONE,
  type RunningServer,
  SMALL_PHONE,
  screenshot,
  sidewaysOverflow,
  startServer,
  tr,
  useAppSuite,
  withApp,
} from './support';

const run = chromiumOrSkip('sync with a server that refuses the app (CORS)');

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The error's text when the server refuses the app at `origin` (it answers: no "cannot be reached"). */
const corsError = (lang: Lang, origin: string) =>
  capitalize(tr(lang, 'sync.reason.cors', { origin }));

/** What "Test connection" says then. */
const corsText = (lang: Lang, origin: string) =>
  tr(lang, 'sync.testFailed', { error: corsError(lang, origin) });

/** Types the server's address into Settings → Sync (saved on leaving the field). */
async function setServer(page: Page, lang: Lang, url: string): Promise<void> {
  const field = page.getByLabel(tr(lang, 'sync.url'), { exact: true });
  await field.fill(url);
  await field.blur();
}

/** Taps "Test connection" and returns what it said once it is done. */
async function testConnection(page: Page, lang: Lang): Promise<string> {
  await page.getByRole('button', { name: tr(lang, 'sync.test'), exact: true }).tap();
  const result = page.getByTestId('sync-test-result');
  await result.locator('.ok, .form-error').waitFor({ timeout: 20_000 });
  return (await result.textContent()) ?? '';
}

describe.skipIf(!run)('a sync server that does not allow the app’s origin (CORS)', () => {
  // The run's server serves the app; each test starts a second one on another port.
  const suite = useAppSuite();

  it.each([
    { lang: 'ru' as Lang, viewport: PHONE },
    { lang: 'en' as Lang, viewport: SMALL_PHONE },
  ])(
    '$lang at $viewport.width px: "answers but does not allow this app", then connects once listed',
    async ({ lang, viewport }) => {
      const elsewhere = 'http://tracker.example.org';
      let other: RunningServer | null = await startServer({ env: { CORS_ORIGINS: elsewhere } });
      try {
        const url = other.url;
        await withApp(suite, { lang, viewport, touch: true, hash: '#/settings' }, async (page) => {
          const origin = await page.evaluate(() => location.origin);
          expect(origin).toBe(suite.url);
          expect(new URL(url).origin).not.toBe(origin);
          await setServer(page, lang, url);
          expect(await testConnection(page, lang)).toBe(corsText(lang, origin));
          expect(await sidewaysOverflow(page)).toBe(0);
          await page.getByTestId('sync-test-result').scrollIntoViewIfNeeded();
          await screenshot(page, 'sync-cors', lang, { fullPage: false });
          // The status line of a sync says the same.
          await page.getByLabel(tr(lang, 'sync.enable'), { exact: true }).check();
          const error = page.getByTestId('sync-error');
          await error.waitFor({ timeout: 20_000 });
          expect(await error.textContent()).toBe(
            tr(lang, 'sync.lastError', { error: corsError(lang, origin) }),
          );

          // A server that is really gone still reads "nothing answered".
          await other?.stop();
          other = null;
          const nothing = await testConnection(page, lang);
          expect(nothing).toContain(capitalize(tr(lang, 'sync.reason.network')));
          expect(nothing).not.toContain('CORS_ORIGINS');

          // The self-hoster does what it says: the same server, restarted on its address
          // with the app's origin added to CORS_ORIGINS.
          other = await startServer({
            port: Number(new URL(url).port),
            env: { CORS_ORIGINS: `${elsewhere},${origin}` },
          });
          expect(await testConnection(page, lang)).toBe(tr(lang, 'sync.testOk'));
        });
      } finally {
        await other?.stop();
      }
    },
  );
});
