import type { Locator, Page } from 'playwright-core';

/**
 * Installs (before any app script runs) an observer that records, relative to the
 * navigation start, when the first type row with its "→" buttons is in the DOM and
 * the frame after it has begun: the moment the list can be seen and used.
 */
export async function recordListReady(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __listReadyAt?: number };
    // No named inner functions: tsx (used by the benchmarks) wraps them in a __name()
    // helper that does not exist inside the page.
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="type-row"] button')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        w.__listReadyAt = performance.now();
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** Reloads and returns ms from navigation start to an interactive list (see recordListReady). */
export async function measureReload(
  page: Page,
): Promise<{ ms: number; fromServiceWorker: boolean }> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(
    () => (window as unknown as { __listReadyAt?: number }).__listReadyAt !== undefined,
    undefined,
    {
      timeout: 60_000,
    },
  );
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as
      | PerformanceNavigationTiming
      | undefined;
    return {
      ms: (window as unknown as { __listReadyAt: number }).__listReadyAt,
      fromServiceWorker: (nav?.workerStart ?? 0) > 0 && navigator.serviceWorker.controller !== null,
    };
  });
}

/** Timings of one click, from the click event, in ms. */
export interface ClickTiming {
  /** Until the watched text changed: the transaction committed and the DOM updated. */
  dom: number;
  /** Until the next animation frame after that: the change is on screen. */
  paint: number;
}

/**
 * Clicks `button` like a user and times it from the click event to `watched`'s text
 * change and to the frame after it. The app changes the text only after its Dexie
 * transaction committed, so this is click → committed → painted.
 */
export async function measureClickToText(
  page: Page,
  button: Locator,
  watched: Locator,
): Promise<ClickTiming> {
  const handle = await watched.elementHandle();
  await page.evaluate((el) => {
    const w = window as unknown as { __clickDone?: Promise<ClickTiming> };
    w.__clickDone = new Promise<ClickTiming>((resolve) => {
      let start = 0;
      document.addEventListener('click', (e) => (start = e.timeStamp), {
        capture: true,
        once: true,
      });
      const before = el?.textContent;
      const observer = new MutationObserver(() => {
        if (el?.textContent === before) return;
        observer.disconnect();
        const dom = performance.now() - start;
        requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
      });
      if (el) observer.observe(el, { childList: true, characterData: true, subtree: true });
    });
  }, handle);
  await button.click();
  return page.evaluate(
    () => (window as unknown as { __clickDone: Promise<ClickTiming> }).__clickDone,
  );
}

/**
 * Presses one key in the focused field and times it from the key event to the app's
 * first DOM change under `root` in answer to it, and to the frame after that.
 */
export async function measureKeyToPaint(
  page: Page,
  key: string,
  root = 'main',
): Promise<ClickTiming> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __keyDone?: Promise<ClickTiming> };
    w.__keyDone = new Promise<ClickTiming>((resolve, reject) => {
      let start = 0;
      document.addEventListener('keydown', (e) => (start = e.timeStamp), {
        capture: true,
        once: true,
      });
      const target = document.querySelector(sel);
      if (!target) return reject(new Error(`no ${sel}`));
      const observer = new MutationObserver(() => {
        observer.disconnect();
        const dom = performance.now() - start;
        requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
      });
      observer.observe(target, {
        childList: true,
        characterData: true,
        subtree: true,
        attributes: true,
      });
    });
  }, root);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __keyDone: Promise<ClickTiming> }).__keyDone);
}

/**
 * A bare IndexedDB put of one event-sized record in its own read-write transaction,
 * in a scratch database of the same page: the floor any app write sits on. Returns
 * ms from the call to the transaction's complete event.
 */
export function measureBarePut(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as { __benchDb?: IDBDatabase };
    if (!w.__benchDb) {
      w.__benchDb = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('bench-baseline', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('events', { keyPath: 'id' });
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    const db = w.__benchDb;
    const start = performance.now();
    const tx = db.transaction('events', 'readwrite');
    tx.objectStore('events').put({
      id: crypto.randomUUID(),
      type_id: crypto.randomUUID(),
      from_stage: 'IN_BOX',
      to_stage: 'BUILDING',
      qty: 1,
      created_at: new Date().toISOString(),
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    return performance.now() - start;
  });
}

/**
 * Clicks `link` like a user and times it from the click event until every selector in
 * `ready` matches an element in the page, and to the frame after that: for a screen
 * that loads its code and data first (Activity: its total and its history shown).
 */
export async function measureClickToReady(
  page: Page,
  link: Locator,
  ready: readonly string[],
): Promise<ClickTiming> {
  await page.evaluate((selectors) => {
    const w = window as unknown as { __readyDone?: Promise<ClickTiming> };
    w.__readyDone = new Promise<ClickTiming>((resolve) => {
      let start = 0;
      document.addEventListener('click', (e) => (start = e.timeStamp), {
        capture: true,
        once: true,
      });
      const observer = new MutationObserver(() => {
        if (start === 0 || !selectors.every((s) => document.querySelector(s))) return;
        observer.disconnect();
        const dom = performance.now() - start;
        requestAnimationFrame(() => resolve({ dom, paint: performance.now() - start }));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, ready);
  await link.click();
  return page.evaluate(
    () => (window as unknown as { __readyDone: Promise<ClickTiming> }).__readyDone,
  );
}

/**
 * A bare IndexedDB read in the page: opens the app's database and reads one store
 * (all of it, or an index's key range from `lower`), the floor under any screen that
 * shows those rows. Returns ms from the call to the rows in hand, and their number.
 */
export function measureBareRead(
  page: Page,
  read: { store: string; index?: string; lower?: string },
): Promise<{ ms: number; rows: number }> {
  return page.evaluate(async ({ store, index, lower }) => {
    const start = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('miniatures-tracker');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const source = db.transaction(store).objectStore(store);
    const range = lower === undefined ? undefined : IDBKeyRange.lowerBound(lower);
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = (index ? source.index(index) : source).getAll(range);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const ms = performance.now() - start;
    db.close();
    return { ms, rows: rows.length };
  }, read);
}
