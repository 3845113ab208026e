import { describe, expect, it } from 'vitest';
import { chromiumOrSkip, launchBrowser } from './chromium';
import { freePort } from './server';

const run = chromiumOrSkip('e2e harness');

describe.skipIf(!run)('e2e harness', () => {
  it('launches headless Debian Chromium and runs a page', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent('<button aria-label="go">→</button>');
      await expect(page.getByRole('button', { name: 'go' }).textContent()).resolves.toBe('→');
    } finally {
      await browser.close();
    }
  });

  it('finds a free loopback port', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
  });
});
