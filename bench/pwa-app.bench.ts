// Browser benchmark of the PWA (issues #3 and #9): the production build served by the
// real server, driven in headless Debian Chromium, with IndexedDB seeded with 1 000 and
// 10 000 types × 20 events. Run: npm run bench -- pwa
//
// Two profiles: a desktop (1280×800, full speed) and a phone (390×844, touch, the CPU
// slowed 4× through the DevTools protocol: Emulation.setCPUThrottlingRate). Figures,
// each beside a bare IndexedDB baseline measured in the same page, same run:
// - move: click on a list "→" → Dexie transaction committed → count text changed →
//   next frame; beside a bare IndexedDB put;
// - search: key down in the search box → list changed → next frame; beside a bare
//   read of every type (what a search through IndexedDB would start with);
// - warm start: reload with the service worker in control → first interactive row →
//   next frame, from navigation start; beside a bare open + read of every type;
// - Activity: click on "Activity" → the weekly total and the recent history shown →
//   next frame; beside a bare read of the 12 weeks' events through their time index.
//   Its first opening after seeding (the Activity index is built once) is reported too;
// - Activity views (issue 13): on Activity, a click on week / month / year or models /
//   points → the total's text changed → next frame; beside a bare read of the meta
//   store (the Activity index's rows: what a re-read would start with);
// - initial JS: gzip size of the scripts index.html loads up front;
// - the list per army (issue 13, phone, 10 000 types; bench/pwa-armies.ts): first render,
//   scroll and folding a section. `PWA_BENCH=armies npm run bench -- pwa` runs only that
//   case (results in bench/results/pwa-app-armies.json).
import type { Browser, Page } from 'playwright-core';
import {
  DESKTOP,
  ensurePwaBuilt,
  hasChromium,
  initialJs,
  launchBrowser,
  measureBarePut,
  measureBareRead,
  measureClickToReady,
  measureClickToText,
  measureKeyToPaint,
  measureReload,
  moveOneButton,
  newAppContext,
  openApp,
  PHONE,
  recordListReady,
  seedTypes,
  startServer,
  tr,
  typeRow,
  waitForApp,
} from '../e2e/support';
import { armiesFigures, measureArmies } from './pwa-armies';
import { type Figure, percentile, report, round } from './report';

const EVENTS_PER_TYPE = 20;
const WEEK = 7 * 86_400_000;

interface Profile {
  name: 'desktop' | 'phone';
  viewport: { width: number; height: number };
  cpuRate: number;
}

const PROFILES: Profile[] = [
  { name: 'desktop', viewport: DESKTOP, cpuRate: 1 },
  { name: 'phone', viewport: PHONE, cpuRate: 4 },
];

interface SizeResult {
  profile: Profile;
  types: number;
  seedMs: number;
  move: number[];
  moveDom: number[];
  put: number[];
  search: number[];
  searchDom: number[];
  typesRead: number[];
  warm: number[];
  warmBase: number[];
  warmFromServiceWorker: boolean;
  activityFirst: number;
  activity: number[];
  activityBase: number[];
  activityEvents: number;
  views: number[];
  viewsBase: number[];
}

const stats = (xs: number[]) => ({
  p50: round(percentile(xs, 50)),
  p95: round(percentile(xs, 95)),
});

async function firstRows(page: Page, n: number): Promise<{ id: string; name: string }[]> {
  return page.getByTestId('type-row').evaluateAll(
    (rows, count) =>
      rows.slice(0, count).map((r) => ({
        id: r.getAttribute('data-type-id') ?? '',
        name: r.querySelector('.type-name')?.textContent ?? '',
      })),
    n,
  );
}

/** Opens Activity from the list's navigation and comes back; returns the opening's time. */
async function openActivity(page: Page): Promise<number> {
  const nav = page.getByRole('navigation', { name: tr('en', 'app.nav.label'), exact: true });
  const timing = await measureClickToReady(
    page,
    nav.getByRole('link', { name: tr('en', 'app.nav.activity'), exact: true }),
    ['[data-testid="finished-total"]', '.activity [data-testid="history-group"]'],
  );
  await nav.getByRole('link', { name: tr('en', 'app.nav.list'), exact: true }).click();
  await page.getByTestId('type-row').first().waitFor();
  return timing.paint;
}

async function measureSize(
  browser: Browser,
  url: string,
  profile: Profile,
  types: number,
): Promise<SizeResult> {
  const context = await newAppContext(browser, {
    lang: 'en',
    viewport: profile.viewport,
    touch: profile.name === 'phone',
  });
  try {
    const page = await context.newPage();
    await recordListReady(page);
    await openApp(page, url);
    // The histories lie in the last 12 weeks, so Activity has all of them to show.
    const now = Date.now();
    const seeded = await seedTypes(page, types, EVENTS_PER_TYPE, {
      from: now - 11 * WEEK,
      overMs: 10 * WEEK,
    });
    // The worker was registered on the first load; the reload puts it in control.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await waitForApp(page);
    await page.getByTestId('type-row').first().waitFor();
    // Seeded behind the app's back: its Activity index is built on the first opening.
    // That is timed at full speed on its own, before the CPU is slowed.
    const activityFirst = await openActivity(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });

    const warm: number[] = [];
    const warmBase: number[] = [];
    let warmFromServiceWorker = true;
    for (let i = 0; i < (types <= 1000 ? 12 : 6); i++) {
      const r = await measureReload(page);
      warmFromServiceWorker &&= r.fromServiceWorker;
      const base = await measureBareRead(page, { store: 'types' });
      if (i >= 2) {
        warm.push(r.ms); // the first two warm the caches and the JIT
        warmBase.push(base.ms);
      }
    }

    const move: number[] = [];
    const moveDom: number[] = [];
    const put: number[] = [];
    const rows = await firstRows(page, 6);
    for (let round = 0; round < 8; round++) {
      for (const row of rows) {
        const button = moveOneButton(page, 'en', row.name, 'IN_BOX', 'BUILDING');
        const watched = typeRow(page, row.id).getByTestId('count-BUILDING');
        const timing = await measureClickToText(page, button, watched);
        const base = await measureBarePut(page);
        if (round > 0) {
          move.push(timing.paint);
          moveDom.push(timing.dom);
          put.push(base);
        }
      }
    }

    const search: number[] = [];
    const searchDom: number[] = [];
    const typesRead: number[] = [];
    const box = page.getByRole('searchbox', { name: tr('en', 'list.searchLabel'), exact: true });
    await box.click();
    for (const digits of ['137', '248', '359', '461', '572', '683', '794', '815', '926']) {
      const keys = [...digits, 'Backspace', 'Backspace', 'Backspace'];
      for (const key of keys) {
        const timing = await measureKeyToPaint(page, key);
        search.push(timing.paint);
        searchDom.push(timing.dom);
      }
      typesRead.push((await measureBareRead(page, { store: 'types' })).ms);
    }

    const activity: number[] = [];
    const activityBase: number[] = [];
    let activityEvents = 0;
    const since = new Date(now - 12 * WEEK).toISOString();
    for (let i = 0; i < 8; i++) {
      const ms = await openActivity(page);
      const base = await measureBareRead(page, {
        store: 'events',
        index: 'created_at',
        lower: since,
      });
      activityEvents = base.rows;
      if (i >= 1) {
        activity.push(ms);
        activityBase.push(base.ms);
      }
    }
    const views: number[] = [];
    const viewsBase: number[] = [];
    const nav = page.getByRole('navigation', { name: tr('en', 'app.nav.label'), exact: true });
    await nav.getByRole('link', { name: tr('en', 'app.nav.activity'), exact: true }).click();
    const total = page.getByTestId('finished-total');
    await total.waitFor();
    for (let round = 0; round < 3; round++) {
      for (const [group, key] of [
        ['period', 'month'],
        ['metric', 'points'],
        ['period', 'year'],
        ['metric', 'models'],
        ['period', 'week'],
      ] as const) {
        const choice = page
          .getByTestId(`${group}-choice`)
          .getByLabel(tr('en', `activity.view.${key}`), { exact: true });
        const timing = await measureClickToText(page, choice, total);
        const base = await measureBareRead(page, { store: 'meta' });
        if (round > 0) {
          views.push(timing.paint);
          viewsBase.push(base.ms);
        }
      }
    }
    await nav.getByRole('link', { name: tr('en', 'app.nav.list'), exact: true }).click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      profile,
      types,
      seedMs: seeded.ms,
      move,
      moveDom,
      put,
      search,
      searchDom,
      typesRead,
      warm,
      warmBase,
      warmFromServiceWorker,
      activityFirst,
      activity,
      activityBase,
      activityEvents,
      views,
      viewsBase,
    };
  } finally {
    await context.close();
  }
}

/** What a figure is judged against: a limit on its p50 or p95 (and maybe more). */
interface Check {
  at: 'p50' | 'p95';
  limit: number;
  text?: string;
  also?: boolean;
}

/**
 * The p50 and p95 of `samples` (named `<name>_p50_<size>`…), each beside the same
 * percentile of the baseline's.
 */
function percentiles(
  name: string,
  size: string,
  samples: number[],
  base: { name: string; samples: number[] },
  check?: Check,
): Figure[] {
  const own = stats(samples);
  const theirs = stats(base.samples);
  return (['p50', 'p95'] as const).map((at) => ({
    name: `${name}_${at}_${size}`,
    value: own[at],
    unit: 'ms',
    baseline: { name: `${base.name} ${at}`, value: theirs[at] },
    ...(check?.at === at
      ? {
          target: check.text ?? `≤ ${check.limit} ms`,
          met: own[at] <= check.limit && (check.also ?? true),
        }
      : {}),
  }));
}

function figuresFor(r: SizeResult): Figure[] {
  const k = r.types >= 10_000 ? '10k' : '1k';
  const phone = r.profile.name === 'phone';
  const p = phone ? 'phone_' : '';
  const put = stats(r.put);
  // Issue 3 set the desktop targets; issue 9 the phone's (4× slower CPU) and Activity's.
  const moveLimit = phone ? 50 : 16;
  const searchLimit = phone ? (r.types >= 10_000 ? 100 : null) : r.types >= 10_000 ? 50 : 16;
  const warmLimit = phone ? 1000 : r.types <= 1000 ? 300 : null;
  const activityLimit = phone ? 1000 : r.types >= 10_000 ? 300 : null;
  const move = percentiles(
    `${p}move_click_to_paint`,
    k,
    r.move,
    { name: 'bare IndexedDB put', samples: r.put },
    {
      at: 'p95',
      limit: moveLimit,
      ...(phone
        ? {}
        : {
            text: `≤ ${moveLimit} ms and ≤ 3× the bare put`,
            also: stats(r.move).p95 <= 3 * put.p95,
          }),
    },
  );
  const search = percentiles(
    `${p}search_key_to_paint`,
    k,
    r.search,
    { name: 'bare IndexedDB read of all types', samples: r.typesRead },
    searchLimit === null ? undefined : { at: 'p95', limit: searchLimit },
  );
  const warm = percentiles(
    `${p}warm_start_to_interactive_list`,
    k,
    r.warm,
    { name: 'bare IndexedDB open + read of all types', samples: r.warmBase },
    warmLimit === null ? undefined : { at: 'p50', limit: warmLimit, also: r.warmFromServiceWorker },
  );
  const activity = percentiles(
    `${p}activity_click_to_paint`,
    k,
    r.activity,
    {
      name: `bare IndexedDB read of the 12 weeks' ${r.activityEvents} events`,
      samples: r.activityBase,
    },
    activityLimit === null ? undefined : { at: 'p95', limit: activityLimit },
  );
  const views = percentiles(
    `${p}activity_view_click_to_paint`,
    k,
    r.views,
    { name: 'bare IndexedDB read of the meta store (the Activity index)', samples: r.viewsBase },
    phone && r.types >= 10_000 ? { at: 'p95', limit: 100 } : undefined,
  );
  return [
    ...move,
    { name: `${p}move_click_to_dom_p95_${k}`, value: stats(r.moveDom).p95, unit: 'ms' },
    ...search,
    { name: `${p}search_key_to_dom_p95_${k}`, value: stats(r.searchDom).p95, unit: 'ms' },
    ...warm,
    ...activity,
    ...views,
    {
      name: `${p}activity_first_open_building_its_index_${k}`,
      value: round(r.activityFirst),
      unit: 'ms',
    },
  ];
}

async function main(): Promise<void> {
  if (!hasChromium()) {
    console.warn('skipped: Chromium not found at /usr/bin/chromium');
    return;
  }
  const dist = await ensurePwaBuilt();
  const js = initialJs(dist);
  const jsGzip = js.reduce((n, c) => n + c.gzipBytes, 0);
  const server = await startServer();
  const browser = await launchBrowser();
  const phone = PROFILES.find((p) => p.name === 'phone')!;
  if (process.env.PWA_BENCH === 'armies') {
    try {
      const armies = await measureArmies(browser, server.url, phone.viewport, phone.cpuRate);
      report('pwa-app-armies', armiesFigures(armies), {
        browser: `chromium ${browser.version()} headless`,
        profile: phone,
        types: armies.types,
        armies: armies.armies,
      });
    } finally {
      await browser.close();
      await server.stop();
    }
    return;
  }
  try {
    const results: SizeResult[] = [];
    for (const profile of PROFILES) {
      for (const types of [1000, 10_000]) {
        console.log(`… ${profile.name}: ${types} types × ${EVENTS_PER_TYPE} events`);
        results.push(await measureSize(browser, server.url, profile, types));
      }
    }
    console.log(`… ${phone.name}: the list per army at 10000 types`);
    const armies = await measureArmies(browser, server.url, phone.viewport, phone.cpuRate);
    const figures: Figure[] = [
      ...results.flatMap(figuresFor),
      ...armiesFigures(armies),
      {
        name: 'initial_js_gzip',
        value: round(jsGzip / 1024),
        unit: 'KB',
        target: '≤ 60 KB',
        met: jsGzip / 1024 <= 60,
      },
    ];
    report('pwa-app', figures, {
      browser: `chromium ${browser.version()} headless`,
      events_per_type: EVENTS_PER_TYPE,
      profiles: PROFILES,
      samples: Object.fromEntries(
        results.map((r) => [
          `${r.profile.name}_${r.types}`,
          {
            move: r.move.length,
            search: r.search.length,
            warm: r.warm.length,
            activity: r.activity.length,
            activity_views: r.views.length,
            activity_events_in_12_weeks: r.activityEvents,
            seed_ms: round(r.seedMs),
            warm_from_service_worker: r.warmFromServiceWorker,
          },
        ]),
      ),
      initial_js: js,
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
