import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium: the only browser the e2e suites and browser benchmarks drive. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Flags that keep a headless run quiet and off the network (QUIC and background
// services would otherwise try to reach Google from a loopback-only machine).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when Debian's Chromium is installed where the suites expect it. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Returns whether the browser suites can run, and when they cannot, prints the one
 * "skipped: …" line the README promises so a green run never hides a skipped suite.
 */
export function chromiumOrSkip(suite: string): boolean {
  const ok = hasChromium();
  if (!ok) console.warn(`[${suite}] skipped: Chromium not found at ${CHROMIUM_PATH}`);
  return ok;
}

/** Launches headless Debian Chromium through playwright-core. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
