// The list per army (issue 13) on the phone profile at 10 000 types: first render,
// scroll and folding a section, each beside a baseline measured in the same run (the
// same list without sections, or a "→" move in the same list). Part of pwa-app.bench.ts;
// `PWA_BENCH=armies npm run bench -- pwa` runs only this case.
import type { Browser, Page } from 'playwright-core';
import {
  measureClickToText,
  measureReload,
  moveOneButton,
  newAppContext,
  openApp,
  recordListReady,
  seedTypes,
  typeRow,
  waitForApp,
} from '../e2e/support';
import { type Figure, percentile, round } from './report';

/** Samples of the list per army and their baselines, in ms. */
export interface ArmiesResult {
  types: number;
  armies: number;
  firstGrouped: number[];
  firstFlat: number[];
  scrollGrouped: number[];
  scrollFlat: number[];
  toggle: number[];
  move: number[];
}

const VIEW_KEY = 'mpt.listView';

/** Gives every seeded type one of `armies` armies, a game and points, behind the app's back. */
function assignArmies(page: Page, armies: number): Promise<void> {
  return page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('miniatures-tracker');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('types', 'readwrite');
    const store = tx.objectStore('types');
    const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const req = store.getAll();
      req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
      req.onerror = () => reject(req.error);
    });
    all.forEach((t, i) => {
      // Every 9th type has no army: the "No army" section is there too.
      t.army = i % 9 === 0 ? null : `Army ${String(i % n).padStart(2, '0')}`;
      t.game = i % 2 === 0 ? 'Warhammer 40,000' : 'Kill Team';
      t.points_per_model = (i % 10) + 1;
      store.put(t);
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, armies);
}

const setGrouped = (page: Page, group: boolean) =>
  page.evaluate(
    ([key, g]) =>
      localStorage.setItem(
        key as string,
        JSON.stringify({
          group: g,
          army: null,
          game: null,
          sort: 'name',
          metric: 'points',
          folded: [],
        }),
      ),
    [VIEW_KEY, group] as const,
  );

/** Scrolls the page by `dy` px and times it to the list's re-rendered rows and the next frame. */
function measureScroll(page: Page, dy: number): Promise<number> {
  return page.evaluate(
    (by) =>
      new Promise<number>((resolve) => {
        const list = document.getElementById('type-list');
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        if (list) observer.observe(list, { childList: true, subtree: true });
        window.scrollBy(0, by);
      }),
    dy,
  );
}

/** Clicks the first section's heading and times it to aria-expanded flipped and the next frame. */
async function measureToggle(page: Page): Promise<number> {
  const button = page.getByTestId('group-head').first().getByRole('button');
  const handle = await button.elementHandle();
  await page.evaluate((el) => {
    const w = window as unknown as { __toggleDone?: Promise<number> };
    w.__toggleDone = new Promise<number>((resolve) => {
      let start = 0;
      document.addEventListener('click', (e) => (start = e.timeStamp), {
        capture: true,
        once: true,
      });
      const before = el?.getAttribute('aria-expanded');
      const observer = new MutationObserver(() => {
        if (el?.getAttribute('aria-expanded') === before) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      });
      if (el) observer.observe(el, { attributes: true });
    });
  }, handle);
  await button.click();
  return page.evaluate(() => (window as unknown as { __toggleDone: Promise<number> }).__toggleDone);
}

/** Measures the list per army in a phone context (390×844, touch, CPU slowed `cpuRate`×). */
export async function measureArmies(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  cpuRate: number,
  types = 10_000,
  armies = 40,
): Promise<ArmiesResult> {
  const context = await newAppContext(browser, { lang: 'en', viewport, touch: true });
  try {
    const page = await context.newPage();
    await recordListReady(page);
    await openApp(page, url);
    await seedTypes(page, types, 20);
    await assignArmies(page, armies);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await waitForApp(page);
    await page.getByTestId('group-head').first().waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });

    const r: ArmiesResult = {
      types,
      armies,
      firstGrouped: [],
      firstFlat: [],
      scrollGrouped: [],
      scrollFlat: [],
      toggle: [],
      move: [],
    };
    // First render: a warm start into the list, with and without sections, alternately.
    for (let i = 0; i < 8; i++) {
      for (const group of [true, false]) {
        await setGrouped(page, group);
        const { ms } = await measureReload(page);
        if (i >= 2) (group ? r.firstGrouped : r.firstFlat).push(ms);
      }
    }
    // Scroll: 12 jumps of 1 500 px down the list, with and without sections.
    for (const group of [true, false]) {
      await setGrouped(page, group);
      await measureReload(page);
      for (let i = 0; i < 12; i++) {
        const ms = await measureScroll(page, 1_500);
        (group ? r.scrollGrouped : r.scrollFlat).push(ms);
      }
    }
    // Fold and unfold the first section; beside it a "→" move in the same list.
    await setGrouped(page, true);
    await measureReload(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (let i = 0; i < 12; i++) {
      const ms = await measureToggle(page);
      if (i >= 2) r.toggle.push(ms);
    }
    // A row on screen with models in the box to move.
    const { id, name, inBox } = await page.evaluate(() => {
      for (const row of Array.from(document.querySelectorAll('[data-testid="type-row"]'))) {
        const n = Number(
          row.querySelector('[data-testid="count-IN_BOX"]')?.textContent?.replace(/\D/g, ''),
        );
        if (n > 0) {
          return {
            id: row.getAttribute('data-type-id') ?? '',
            name: row.querySelector('.type-name')?.textContent ?? '',
            inBox: n,
          };
        }
      }
      return { id: '', name: '', inBox: 0 };
    });
    for (let i = 0; i < Math.min(10, inBox); i++) {
      const ms = await measureClickToText(
        page,
        moveOneButton(page, 'en', name, 'IN_BOX', 'BUILDING'),
        typeRow(page, id).getByTestId('count-BUILDING'),
      );
      if (i >= 2) r.move.push(ms.paint);
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return r;
  } finally {
    await context.close();
  }
}

const pair = (name: string, own: number[], baseName: string, base: number[]): Figure[] =>
  (['p50', 'p95'] as const).map((at) => {
    const p = at === 'p50' ? 50 : 95;
    return {
      name: `${name}_${at}_10k`,
      value: round(percentile(own, p)),
      unit: 'ms',
      baseline: { name: `${baseName} ${at}`, value: round(percentile(base, p)) },
    };
  });

/** The figures of the list per army, each beside its baseline. */
export function armiesFigures(r: ArmiesResult): Figure[] {
  return [
    ...pair(
      'phone_armies_warm_start_to_interactive_list',
      r.firstGrouped,
      'the same list without sections',
      r.firstFlat,
    ),
    ...pair(
      'phone_armies_scroll_to_paint',
      r.scrollGrouped,
      'the same list without sections',
      r.scrollFlat,
    ),
    ...pair('phone_armies_fold_click_to_paint', r.toggle, 'a "→" move in the same list', r.move),
  ];
}
