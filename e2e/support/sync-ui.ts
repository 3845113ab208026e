import { randomUUID } from 'node:crypto';
import { defaultTypeFields, stateToDataFile, type TrackerState } from '@mpt/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { goRoute } from './app';
import { type Lang, tr } from './texts';

/** When this device last synced successfully (from the sync record in localStorage). */
export const lastSyncAt = (page: Page) =>
  page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem('mpt.sync.record') ?? '{}') as { last_sync_at?: string })
        .last_sync_at ?? '',
  );

/** Waits until a sync that ends after `since` has finished on this device. */
export async function waitForSync(page: Page, since: string): Promise<void> {
  await page.waitForFunction(
    (s) => {
      const record = JSON.parse(localStorage.getItem('mpt.sync.record') ?? '{}') as {
        last_sync_at?: string;
      };
      const badge = document.querySelector('[data-testid="sync-badge"]');
      return (record.last_sync_at ?? '') > s && badge?.getAttribute('data-state') !== 'syncing';
    },
    since,
    { timeout: 30_000 },
  );
}

/** Opens Settings, turns sync on (the server is the app's own origin) and waits for the first sync. */
export async function enableSync(page: Page, lang: Lang): Promise<void> {
  await goRoute(page, '#/settings');
  const since = await lastSyncAt(page);
  await page.getByLabel(tr(lang, 'sync.enable'), { exact: true }).check();
  await waitForSync(page, since);
}

/** Clicks "Sync now" in Settings and waits for that sync to finish. */
export async function syncNow(page: Page, lang: Lang): Promise<void> {
  await goRoute(page, '#/settings');
  const button = page.getByRole('button', { name: tr(lang, 'sync.now'), exact: true });
  // A sync already running keeps the button off (aria-disabled) until it ends: the
  // sync waited for below must be the one this click starts, not that one.
  await page.locator('[data-testid="sync-now"]:not([aria-disabled="true"])').waitFor();
  const since = await lastSyncAt(page);
  await button.click();
  await waitForSync(page, since);
}

/**
 * Sets every page of the context to a clock running `ms` ahead (Date and Date.now; the
 * timers run as usual), as a device whose date is set wrong. `setClockShift` moves it
 * later, e.g. to 0 when the user fixes the date.
 */
export async function shiftClock(context: BrowserContext, ms: number): Promise<void> {
  await context.addInitScript((shift) => {
    const w = window as unknown as { __clockShift: number };
    w.__clockShift = shift;
    const RealDate = Date;
    const Shifted = new Proxy(RealDate, {
      construct: (target, args) =>
        args.length === 0
          ? new target(RealDate.now() + w.__clockShift)
          : new target(...(args as [])),
      apply: () => new RealDate(RealDate.now() + w.__clockShift).toString(),
      get: (target, key) =>
        key === 'now' ? () => RealDate.now() + w.__clockShift : Reflect.get(target, key),
    });
    (globalThis as { Date: DateConstructor }).Date = Shifted;
  }, ms);
}

/** Moves a shifted page clock (see shiftClock). */
export const setClockShift = (page: Page, ms: number) =>
  page.evaluate((shift) => {
    (window as unknown as { __clockShift: number }).__clockShift = shift;
  }, ms);

/** Every sync request a page sends, as `METHOD path`. */
export function recordSyncRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/api/v1/sync')) seen.push(`${req.method()} ${path}`);
  });
  return seen;
}

/**
 * Another device's push straight to the server (Node fetch, delta protocol, since:
 * null): `types` new types named `<prefix> <n>`, each bought `eventsPerType` times one
 * model. Returns the ids of the types.
 */
export async function pushTypesToServer(
  url: string,
  types: number,
  eventsPerType: number,
  prefix: string,
): Promise<string[]> {
  const state: TrackerState = { types: [], events: [], tombstones: [] };
  const t0 = Date.now() - 86_400_000;
  for (let i = 0; i < types; i++) {
    const id = randomUUID();
    const created = new Date(t0 + i).toISOString();
    state.types.push({
      id,
      name: `${prefix} ${i}`,
      created_at: created,
      name_updated_at: created,
      ...defaultTypeFields(created),
      counts: { IN_BOX: eventsPerType, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 },
    });
    for (let j = 0; j < eventsPerType; j++) {
      state.events.push({
        id: randomUUID(),
        type_id: id,
        from_stage: null,
        to_stage: 'IN_BOX',
        qty: 1,
        created_at: new Date(t0 + i + j * 1000).toISOString(),
      });
    }
  }
  const res = await fetch(`${url}/api/v1/sync/changes`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
      'X-Device': 'e2e seed',
    },
    body: JSON.stringify({ since: null, changes: stateToDataFile(state, new Date()) }),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`seeding the server failed: ${res.status}`);
  return state.types.map((t) => t.id);
}

/** What the sync status line said, in order, each change once: [data-phase, text, progress]. */
export type SeenPhase = [phase: string, text: string, progress: number | null];

/** Starts noting every change of the sync status line (read it with seenPhases). */
export function recordPhases(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __seen: [string, string, number | null][] };
    w.__seen = [];
    // Inline callbacks only: tsx wraps named functions in a __name helper the page lacks.
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="sync-phase"]');
      if (!el) return;
      const bar = document.querySelector<HTMLProgressElement>('.sync-progress');
      const entry: [string, string, number | null] = [
        el.getAttribute('data-phase') ?? '',
        el.textContent ?? '',
        bar?.hasAttribute('value') ? bar.value : null,
      ];
      const last = w.__seen.at(-1);
      if (!last || last[0] !== entry[0] || last[1] !== entry[1] || last[2] !== entry[2]) {
        w.__seen.push(entry);
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

/** What recordPhases noted so far. */
export const seenPhases = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: SeenPhase[] }).__seen);

/**
 * Takes the app's sync lock in the page and keeps it (as another tab syncing for a long
 * time would), until releaseSyncLock. Resolves once it is held.
 */
export async function holdSyncLock(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __syncLock?: () => void; __syncLockHeld?: boolean };
    w.__syncLockHeld = false;
    void navigator.locks.request('mpt-sync', () => {
      w.__syncLockHeld = true;
      return new Promise<void>((resolve) => {
        w.__syncLock = resolve;
      });
    });
  });
  await page.waitForFunction(
    () => (window as unknown as { __syncLockHeld?: boolean }).__syncLockHeld === true,
  );
}

/** Lets go of the lock holdSyncLock took. */
export const releaseSyncLock = (page: Page) =>
  page.evaluate(() => (window as unknown as { __syncLock?: () => void }).__syncLock?.());

/** Waits until a sync of the app queues for the lock holdSyncLock holds. */
export async function waitForQueuedSync(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () =>
          (await navigator.locks.query()).pending?.some((l) => l.name === 'mpt-sync'),
        ),
      // A local change waits 3 s for quiet, a retry up to its backoff.
      { timeout: 20_000 },
    )
    .toBe(true);
}
