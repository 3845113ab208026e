import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  goRoute,
  importViaUi,
  newAppContext,
  openApp,
  sampleDataFile,
  tr,
  trackErrors,
  useAppSuite,
} from './support';

const run = chromiumOrSkip('pwa keyboard and layout');

/**
 * The computed display of Chromium's own clear button inside each search field (a
 * user-agent shadow part, reachable only through the DevTools protocol).
 */
async function nativeSearchCancelDisplays(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type Node = typeof root;
    const parts: Node[] = [];
    const walk = (n: Node): void => {
      const a = n.attributes ?? [];
      const i = a.indexOf('pseudo');
      if (i >= 0 && a[i + 1] === '-webkit-search-cancel-button') parts.push(n);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    walk(root);
    const out: string[] = [];
    for (const n of parts) {
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: n.nodeId });
      out.push(computedStyle.find((p) => p.name === 'display')?.value ?? '');
    }
    return out;
  } finally {
    await cdp.detach();
  }
}
const lang = 'en';

/** Controls with no accessible name (aria-label, labelledby, <label>, text or title). */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')]
      // Shown: not in a folded <details> (which keeps its content's boxes but hides it).
      .filter((el) => el.checkVisibility())
      .filter((el) => {
        const byIds = (el.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join('');
        const labels =
          'labels' in el
            ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join('')
            : '';
        const own = el.tagName === 'INPUT' || el.tagName === 'SELECT' ? '' : el.innerText;
        const name = [el.getAttribute('aria-label'), byIds, labels, own, el.getAttribute('title')]
          .join('')
          .trim();
        return name === '' || /^[+×→−]$/.test(name);
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Visible controls smaller than 44×44 CSS px (the touch-target rule). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a.btn, select, input:not([type="file"])')]
      // Shown: not in a folded <details> (which keeps its content's boxes but hides it).
      .filter((el) => el.checkVisibility())
      .map((el) => {
        // A checkbox's target is its label too (a click on the label toggles it).
        const label =
          el instanceof HTMLInputElement && /checkbox|radio/.test(el.type) ? el.labels?.[0] : null;
        return { el, r: (label ?? el).getBoundingClientRect() };
      })
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ el, r }) => {
        return `${Math.round(r.width)}×${Math.round(r.height)} ${el.outerHTML.slice(0, 90)}`;
      }),
  );
}

const SCREENS = ['#/', '#/new', '#/activity', '#/settings'];

describe.skipIf(!run)('PWA keyboard use, labels and small screens', () => {
  const suite = useAppSuite();

  it('Enter submits the create form, "/" focuses the search, Esc clears it, focus is visible, Enter presses a →', async () => {
    const context = await newAppContext(suite.browser, { lang });
    try {
      const page = await context.newPage();
      const errors = trackErrors(page);
      await openApp(page, suite.url, '#/new');
      await page.getByLabel(tr(lang, 'create.name'), { exact: true }).fill('Ork Boyz');
      await page.getByLabel(tr(lang, 'stages.IN_BOX'), { exact: true }).fill('12');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/type\//);
      await page.getByRole('heading', { level: 1, name: 'Ork Boyz' }).waitFor();

      await goRoute(page, '#/');
      const search = page.getByRole('searchbox', {
        name: tr(lang, 'list.searchLabel'),
        exact: true,
      });
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('/');
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('zz');
      await page
        .getByText(tr(lang, 'list.noResultsTitle', { query: 'zz' }), { exact: true })
        .waitFor();
      // One clear button (the app's ×), not Chromium's own beside it.
      expect(await nativeSearchCancelDisplays(page)).toEqual(['none']);
      expect(
        await page.getByRole('button', { name: tr(lang, 'list.clearSearch'), exact: true }).count(),
      ).toBeGreaterThanOrEqual(1);
      await page.keyboard.press('Escape');
      expect(await search.inputValue()).toBe('');
      await page.getByTestId('type-row').first().waitFor();

      // Every keyboard stop shows where the focus is (outline or ring).
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      const unmarked: string[] = [];
      let visited = 0;
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return 'body';
          const st = getComputedStyle(el);
          const marked =
            (st.outlineStyle !== 'none' && st.outlineWidth !== '0px') || st.boxShadow !== 'none';
          return marked ? '' : el.outerHTML.slice(0, 80);
        });
        if (seen !== 'body') visited++;
        if (seen !== '' && seen !== 'body') unmarked.push(seen);
      }
      expect(visited).toBeGreaterThanOrEqual(10);
      expect(unmarked).toEqual([]);

      // Tab reaches the row's → button and Enter/Space press it.
      const step = page.getByRole('button', {
        name: tr(lang, 'list.moveOne', {
          name: 'Ork Boyz',
          from: tr(lang, 'stages.IN_BOX'),
          to: tr(lang, 'stages.BUILDING'),
        }),
        exact: true,
      });
      await step.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="count-BUILDING"]')?.textContent === '1',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('at 360 px wide: no sideways scrolling, every control named, touch targets ≥ 44 px', async () => {
    const context = await newAppContext(suite.browser, {
      lang,
      viewport: { width: 360, height: 740 },
    });
    try {
      const page = await context.newPage();
      await openApp(page, suite.url);
      await importViaUi(page, lang, { name: 'sample.json', text: sampleDataFile() });
      const typeId = await page.evaluate(async () => {
        location.hash = '#/';
        await new Promise((r) => setTimeout(r, 200));
        return (
          document.querySelector('[data-testid="type-row"]')?.getAttribute('data-type-id') ?? ''
        );
      });
      const problems: Record<string, { overflow: number; unnamed: string[]; small: string[] }> = {};
      for (const hash of [...SCREENS, `#/type/${typeId}`]) {
        await goRoute(page, hash);
        // Unfold what a phone folds (the type page's sections): its controls count too.
        const folded = page.locator('details.fold:not([open]) > summary');
        while ((await folded.count()) > 0) await folded.first().click();
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        const unnamed = await unnamedControls(page);
        const small = await smallTargets(page);
        if (overflow > 0 || unnamed.length > 0 || small.length > 0)
          problems[hash] = { overflow, unnamed, small };
      }
      expect(problems).toEqual({});
    } finally {
      await context.close();
    }
  });
});
