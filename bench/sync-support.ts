// Page-side helpers of bench/sync-roundtrip.bench.ts: time a sync from a click to the
// end of its merge, bump the change counter, count stored events, and play another
// device pushing one change. Code passed to page.evaluate defines no named functions:
// tsx (esbuild keepNames) would wrap them in a __name helper the page does not have.
import { randomUUID } from 'node:crypto';
import { type DataFile, readDataFile, stateToDataFile, unwrap } from '@mpt/shared';
import type { Browser, Page } from 'playwright-core';
import { newAppContext, openApp } from '../e2e/support';

/** A timed sync: its total and the time spent per phase and per measured step. */
export interface Timing {
  total: number;
  phases: Record<string, number>;
}

/** Records when the sync status line changes phase (performance.now, in the page). */
export function installPhaseRecorder(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __phases: [string, number][]; __last: string };
    w.__phases = [];
    w.__last = 'idle';
    // Inline callbacks only: tsx (esbuild keepNames) wraps named functions in a
    // __name helper that does not exist in the page.
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="sync-phase"]');
      const phase = el?.getAttribute('data-phase') ?? 'idle';
      if (phase !== w.__last) {
        w.__phases.push([phase, performance.now()]);
        w.__last = phase;
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-phase'],
    });
  });
}

/** Clicks the given control in the page and times the sync it starts, to its end. */
export async function timeSync(page: Page, selector: string): Promise<Timing> {
  const since = await page.evaluate((sel) => {
    const w = window as unknown as { __phases: [string, number][]; __t0: number };
    w.__phases = [];
    performance.clearMeasures();
    const clickedAt = new Date(Date.now() - 1).toISOString();
    w.__t0 = performance.now();
    (document.querySelector(sel) as HTMLElement).click();
    return clickedAt;
  }, selector);
  await page.waitForFunction(
    (s) => {
      const w = window as unknown as { __phases: [string, number][] };
      const record = JSON.parse(localStorage.getItem('mpt.sync.record') ?? '{}');
      const ended = (record.last_sync_at ?? '') > s || (record.last_error?.at ?? '') > s;
      return ended && w.__phases.at(-1)?.[0] === 'idle';
    },
    since,
    { timeout: 120_000, polling: 20 },
  );
  const error = await page.evaluate(
    () => JSON.parse(localStorage.getItem('mpt.sync.record') ?? '{}').last_error,
  );
  if (error) throw new Error(`sync failed: ${JSON.stringify(error)}`);
  return page.evaluate(() => {
    const w = window as unknown as { __phases: [string, number][]; __t0: number };
    const phases: Record<string, number> = {};
    let prev: [string, number] = ['click', w.__t0];
    for (const entry of w.__phases) {
      phases[prev[0]] = (phases[prev[0]] ?? 0) + (entry[1] - prev[1]);
      prev = entry;
    }
    // The User Timing measures the sync code records around its steps.
    for (const m of performance.getEntriesByType('measure')) {
      if (m.name.startsWith('mpt-sync:')) phases[m.name.slice(9)] = m.duration;
    }
    return { total: prev[1] - w.__t0, phases };
  });
}

/**
 * Bumps local_change_seq straight in IndexedDB, as any local write does, so the next
 * sync must read and serialize the state again instead of reusing its last snapshot.
 */
export function bumpChangeSeq(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('miniatures-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          const meta = tx.objectStore('meta');
          const get = meta.get('local_change_seq');
          get.onsuccess = () => {
            const row = get.result as { value?: number } | undefined;
            meta.put({ key: 'local_change_seq', value: (row?.value ?? 0) + 1 });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Another device adds one model to type `n`: pull, add one event, push (Node fetch). */
export async function pushFromAnotherDevice(url: string, n: number): Promise<void> {
  const pulled = (await (await fetch(`${url}/api/v1/sync`)).json()) as { snapshot: DataFile };
  const state = unwrap(readDataFile(pulled.snapshot));
  const type = state.types[n]!;
  type.counts = { ...type.counts, DONE: type.counts.DONE + 1 };
  state.events.push({
    id: randomUUID(),
    type_id: type.id,
    from_stage: null,
    to_stage: 'DONE',
    qty: 1,
    created_at: new Date().toISOString(),
  });
  const res = await fetch(`${url}/api/v1/sync`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
    body: JSON.stringify({ snapshot: stateToDataFile(state, new Date()) }),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`the other device's push failed: ${res.status}`);
}

/** Events stored in the app's IndexedDB, in both its stores (written inline: no named helpers in the page). */
export function countEvents(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('miniatures-tracker');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          // One row each, plus each history row's count `n` (pwa/src/db/event-store.ts).
          const tx = open.result.transaction(['events', 'histories']);
          const own = tx.objectStore('events').count();
          let inRows = 0;
          const counts = tx.objectStore('histories').index('n').openKeyCursor();
          counts.onsuccess = () => {
            if (!counts.result) return;
            inRows += Number(counts.result.key);
            counts.result.continue();
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve(own.result + inRows);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** A fresh browser profile with the app open: one device. */
export async function openDevice(browser: Browser, url: string) {
  const context = await newAppContext(browser, { lang: 'en' });
  const page = await context.newPage();
  await openApp(page, url);
  return { context, page };
}
