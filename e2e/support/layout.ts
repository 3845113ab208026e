import type { Page } from 'playwright-core';

/*
 * Layout checks measured in the page (what a user sees), shared by the phone tests.
 * Inline callbacks only inside page.evaluate: tsx wraps named inner functions in a
 * __name() helper that does not exist in the page.
 */

/** How many px the page scrolls sideways (0 when it fits). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/**
 * Counts (`[data-testid^="count-"]`) whose digits do not fit: wider than their own box,
 * sticking out of their cell, overlapping the cell's "→", or outside the viewport.
 */
export function clippedCounts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="count-"]'))
      .filter((el) => el.checkVisibility())
      .flatMap((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const text = range.getBoundingClientRect();
        const cell = (el.closest('.cell, .count') ?? el).getBoundingClientRect();
        const step = el.closest('.cell')?.querySelector('.step')?.getBoundingClientRect();
        const overlaps =
          step &&
          text.right > step.left + 0.5 &&
          text.left < step.right - 0.5 &&
          text.bottom > step.top + 0.5 &&
          text.top < step.bottom - 0.5;
        const problems = [
          text.width > el.clientWidth + 0.5 && 'wider than its box',
          (text.left < cell.left - 0.5 || text.right > cell.right + 0.5) && 'outside its cell',
          overlaps && 'under the →',
          (text.left < 0 || text.right > window.innerWidth) && 'off screen',
        ].filter(Boolean);
        return problems.length > 0 ? [`${el.dataset.testid} "${el.textContent}": ${problems}`] : [];
      }),
  );
}

/** Elements matching `selector` (visible ones) smaller than 44 × 44 CSS px. */
export function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      Array.from(document.querySelectorAll<HTMLElement>(sel))
        .filter((el) => el.checkVisibility())
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 44 || r.height < 44)
        .map(
          ({ el, r }) =>
            `${Math.round(r.width)}×${Math.round(r.height)} ${el.outerHTML.slice(0, 80)}`,
        ),
    selector,
  );
}

/** Parses a computed `rgb(…)` / `rgba(…)` colour. */
function rgb(css: string): [number, number, number, number] {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, a];
}

/** WCAG 2 contrast ratio of two opaque computed colours. */
export function contrastRatio(fg: string, bg: string): number {
  const lum = (css: string) => {
    const [r, g, b] = rgb(css).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The contrast of an input's placeholder against the input's background, with the
 * placeholder's own opacity blended in (Chromium draws it at `opacity` over the field).
 */
export async function placeholderContrast(page: Page, selector: string): Promise<number> {
  const { color, opacity, background } = await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const ph = getComputedStyle(el, '::placeholder');
    return {
      color: ph.color,
      opacity: ph.opacity,
      background: getComputedStyle(el).backgroundColor,
    };
  }, selector);
  const [r, g, b, a] = rgb(color);
  const [br, bgc, bb] = rgb(background);
  const alpha = a * Number(opacity || 1);
  const mix = (f: number, k: number) => Math.round(f * alpha + k * (1 - alpha));
  return contrastRatio(`rgb(${mix(r, br)}, ${mix(g, bgc)}, ${mix(b, bb)})`, background);
}

/** What the header's sync badge shows and where it does not fit, measured in the page. */
export interface HeaderBadge {
  /** The badge's data-state ('' when it is not shown). */
  state: string;
  /** Whether the header's "Offline" indicator shows beside it. */
  offline: boolean;
  word: string;
  problems: string[];
}

/**
 * The header's sync badge: its word cut by its own box (wider or taller than the
 * span), the badge overlapping another item of the header (brand, "Offline", "+",
 * the navigation) or leaving the viewport. With `asIf`, the badge is measured with
 * that word in place of its own (put back in the same task, before the app can
 * render): a state's word the test cannot bring about in this header.
 */
export function headerBadge(page: Page, asIf?: string): Promise<HeaderBadge> {
  return page.evaluate((asIf) => {
    const badge = document.querySelector<HTMLElement>('[data-testid="sync-badge"]');
    const indicator = document.querySelector('.topbar .badge-offline');
    const word = badge?.querySelector<HTMLElement>('.sync-badge-word');
    if (!badge || !word) {
      return { state: '', offline: indicator !== null, word: '', problems: ['no badge'] };
    }
    const own = word.textContent ?? '';
    if (asIf !== undefined) word.textContent = asIf;
    const b = badge.getBoundingClientRect();
    const others: [string, Element | null][] = [
      ['the brand', document.querySelector('.topbar .brand')],
      ['"Offline"', indicator],
      ['"+"', document.querySelector('.topbar .nav-new')],
      ...Array.from(document.querySelectorAll('.topbar nav a')).map((a): [string, Element] => [
        `the link ${a.textContent}`,
        a,
      ]),
    ];
    const overlaps = others.flatMap(([name, el]) => {
      if (!el) return [];
      const r = el.getBoundingClientRect();
      const hit =
        b.right > r.left + 0.5 &&
        b.left < r.right - 0.5 &&
        b.bottom > r.top + 0.5 &&
        b.top < r.bottom - 0.5;
      return hit ? [`overlaps ${name}`] : [];
    });
    const problems = [
      word.scrollWidth > word.clientWidth &&
        `word cut: ${word.scrollWidth} px in ${word.clientWidth} px`,
      word.scrollHeight > word.clientHeight &&
        `word cut: ${word.scrollHeight} px tall in ${word.clientHeight} px`,
      (b.left < 0 || b.right > window.innerWidth) && 'off screen',
      // A second line of the word must stay inside the row the "+" sets (44 px).
      b.height >
        (document.querySelector('.topbar .nav-new')?.getBoundingClientRect().height ?? 44) &&
        `${Math.round(b.height)} px tall: taller than the header's row`,
      ...overlaps,
    ].filter((p): p is string => typeof p === 'string');
    const shown = word.textContent ?? '';
    if (asIf !== undefined) word.textContent = own;
    return { state: badge.dataset.state ?? '', offline: indicator !== null, word: shown, problems };
  }, asIf);
}

/**
 * What the snackbar hides inside `selector` (default `main`), as the page is scrolled
 * now: each line of text and each control (button, link, field) drawn under the
 * snackbar's box, as "tag: text". Empty when no snackbar shows.
 */
export function underSnackbar(page: Page, selector = 'main'): Promise<string[]> {
  return page.evaluate((sel) => {
    const bar = document.querySelector<HTMLElement>('[data-testid="snackbar"]');
    const scope = document.querySelector(sel);
    if (!bar || !scope || bar.classList.contains('snackbar-empty')) return [];
    const b = bar.getBoundingClientRect();
    const hit = (r: DOMRect) =>
      r.width > 0 &&
      r.height > 0 &&
      r.bottom > b.top + 0.5 &&
      r.top < b.bottom - 0.5 &&
      r.right > b.left + 0.5 &&
      r.left < b.right - 0.5;
    const out: string[] = [];
    const control = 'button, a, input, select, textarea, summary';
    const controls = [scope, ...Array.from(scope.querySelectorAll(control))].filter(
      (el): el is HTMLElement => el instanceof HTMLElement && el.matches(control),
    );
    for (const el of controls) {
      if (el.checkVisibility() && hit(el.getBoundingClientRect()))
        out.push(`${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 60)}`);
    }
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      if (!text || !node.parentElement?.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (Array.from(range.getClientRects()).some(hit)) out.push(`text: ${text.slice(0, 60)}`);
    }
    return out;
  }, selector);
}
