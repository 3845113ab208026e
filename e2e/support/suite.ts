import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensurePwaBuilt } from './build';
import { launchBrowser } from './chromium';
import { type RunningServer, type StartServerOptions, startServer } from './server';

/** What a suite of browser tests shares: one built app, one server, one browser. */
export interface AppSuite {
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * Registers beforeAll/afterAll (call it inside a describe): builds the PWA when stale,
 * starts the real server with a fresh DATA_DIR and launches Chromium. Each test then
 * opens its own browser context, so IndexedDB and the service worker start empty.
 */
export function useAppSuite(options: StartServerOptions = {}): AppSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensurePwaBuilt();
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), server?.stop()]);
  });
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not started (beforeAll failed?)`);
    return v;
  };
  return {
    get url() {
      return need(server, 'the server').url;
    },
    get server() {
      return need(server, 'the server');
    },
    get browser() {
      return need(browser, 'the browser');
    },
  };
}
