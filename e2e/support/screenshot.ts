import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactsDir } from './paths';

/** Where screenshots land: e2e/artifacts/screenshots (git-ignored). */
export const screenshotsDir = join(artifactsDir, 'screenshots');

/**
 * Saves a screenshot as `<name>-<lang>-<w>x<h>.png` and returns its path: the whole
 * page by default, only the viewport with `fullPage: false` (for modal dialogs, whose
 * fixed backdrop covers the viewport, not the page).
 */
export async function screenshot(
  page: Page,
  name: string,
  lang: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const size = page.viewportSize() ?? { width: 0, height: 0 };
  const path = join(screenshotsDir, `${name}-${lang}-${size.width}x${size.height}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}
