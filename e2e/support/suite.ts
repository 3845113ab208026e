import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import './provided';
import { type AppContextOptions, newAppContext, openApp, trackErrors } from './app';
import { ensurePwaBuilt } from './build';
import { launchBrowser } from './chromium';
import { type RunningServer, type StartServerOptions, startServer } from './server';

/** What a suite of browser tests shares: one built app, one server, one browser. */
export interface AppSuite {
  readonly url: string;
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** What useAppSuite needs beyond the server's own options. */
export interface AppSuiteOptions extends StartServerOptions {
  /**
   * A server of this suite's own, with a fresh DATA_DIR: for suites that sync or read
   * the server's data. Otherwise, and without server options, the run's server
   * (support/global-server.ts) serves the app.
   */
  ownServer?: boolean;
}

/**
 * Registers beforeAll/afterAll (call it inside a describe): builds the PWA when stale,
 * takes the run's server or starts one of its own (see AppSuiteOptions) and launches
 * Chromium. Each test then opens its own browser context, so IndexedDB and the service
 * worker start empty.
 */
export function useAppSuite({ ownServer = false, ...options }: AppSuiteOptions = {}): AppSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const shared = !ownServer && Object.keys(options).length === 0 ? inject('appServer') : '';
  beforeAll(async () => {
    await ensurePwaBuilt();
    const serving: Promise<RunningServer> = shared
      ? Promise.resolve({ ...shared, stop: async () => {} })
      : startServer(options);
    [server, browser] = await Promise.all([serving, launchBrowser()]);
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

/**
 * Opens the app (at `hash`, default the list) in a fresh context with `options`, runs
 * `body`, asserts the page threw no error, and closes the context whatever happened.
 * `prepare` runs on the context before the app loads (say, an init script).
 */
export async function withApp(
  suite: AppSuite,
  options: AppContextOptions & {
    hash?: string;
    prepare?: (context: BrowserContext) => Promise<unknown>;
  },
  body: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  const context = await newAppContext(suite.browser, options);
  try {
    await options.prepare?.(context);
    const page = await context.newPage();
    const errors = trackErrors(page);
    await openApp(page, suite.url, options.hash);
    await body(page, context);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}
