import { type Period, periodStart } from '@mpt/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumOrSkip,
  goRoute,
  type HistoryStep,
  historyFile,
  importViaUi,
  type Lang,
  moveOneButton,
  PHONE,
  SMALL_PHONE,
  sidewaysOverflow,
  tr,
  useAppSuite,
  withApp,
} from './support';
import { screenshot } from './support/screenshot';

// Issue 13, Activity: week / month / year of models or points finished, the pile's
// balance, the goal with its progress and forecast, the army filter, an undone tap not
// counted. Chromium phones, RU and EN.
const run = chromiumOrSkip('pwa activity');

const MIN = 60_000;
const DAY = 86_400_000;

interface Kind {
  name: string;
  army: string | null;
  points: number;
  history: HistoryStep[];
}

// Orks and ORKS are one army (identity key); Elves have none. Each has finished models
// in two weeks at least 7 days apart (so there is a pace to forecast from), and recent
// buys.
const KINDS: Kind[] = [
  {
    name: 'Ork Boyz',
    army: 'Orks',
    points: 5,
    history: [
      [null, 'IN_BOX', 30, 30 * DAY],
      ['IN_BOX', 'DONE', 4, 14 * DAY],
      ['IN_BOX', 'DONE', 3, 5 * MIN],
    ],
  },
  {
    name: 'Gretchin',
    army: 'ORKS',
    points: 1,
    history: [
      [null, 'IN_BOX', 10, 20 * DAY],
      ['IN_BOX', 'DONE', 2, 4 * MIN],
    ],
  },
  {
    name: 'Elf Rangers',
    army: null,
    points: 20,
    history: [
      [null, 'IN_BOX', 5, 6 * MIN],
      ['IN_BOX', 'PAINTING', 2, 3 * MIN],
      ['PAINTING', 'DONE', 1, 2 * MIN],
    ],
  },
];

/** The kinds as a data file, their army and points set. */
const fileOf = (kinds: Kind[], now: number): string =>
  historyFile(
    kinds.map((k) => ({
      name: k.name,
      history: k.history,
      fields: { army: k.army, points_per_model: k.points },
    })),
    now,
  );

/**
 * What the current `period` holds, worked out here from the file with the app's own
 * period rule (shared's periodStart, this machine's time zone as the browser's): models
 * or points bought and finished.
 */
function expected(
  kinds: Kind[],
  now: number,
  period: Period,
  metric: 'models' | 'points',
  keep: (k: Kind) => boolean = () => true,
) {
  const start = periodStart(new Date(now), period).getTime();
  let bought = 0;
  let finished = 0;
  for (const k of kinds.filter(keep)) {
    const w = metric === 'points' ? k.points : 1;
    for (const [from, to, qty, ago] of k.history) {
      if (now - ago < start) continue;
      if (from === null) bought += qty * w;
      if (to === 'DONE') finished += qty * w;
    }
  }
  return { bought, finished };
}

const amount = (lang: Lang, metric: 'models' | 'points', count: number) =>
  tr(lang, `common.${metric}`, { count });

function balanceLine(lang: Lang, metric: 'models' | 'points', period: Period, change: number) {
  const when = tr(lang, `activity.when.${period}`);
  if (change === 0) return tr(lang, 'activity.balance.same', { when });
  return tr(lang, change < 0 ? 'activity.balance.shrank' : 'activity.balance.grew', {
    amount: amount(lang, metric, Math.abs(change)),
    when,
  });
}

async function choose(page: Page, lang: Lang, group: 'period' | 'metric', key: string) {
  await page
    .getByTestId(`${group}-choice`)
    .getByLabel(tr(lang, `activity.view.${key}`), { exact: true })
    .check();
}

const text = (page: Page, id: string) => page.getByTestId(id).textContent();

const SETUPS = [
  { lang: 'en' as Lang, viewport: PHONE, scheme: 'light' as const },
  { lang: 'ru' as Lang, viewport: PHONE, scheme: 'dark' as const },
];

describe.skipIf(!run)('PWA Activity views, pile balance, goal and army filter', () => {
  const suite = useAppSuite();

  it.each(SETUPS)(
    'Activity ($lang, $viewport.width px, $scheme): views, balance, goal, army filter, an undone tap not counted',
    ({ lang, viewport, scheme }) =>
      withApp(suite, { lang, viewport, colorScheme: scheme, touch: true }, async (page) => {
        const now = Date.now();
        await importViaUi(page, lang, { name: 'activity.json', text: fileOf(KINDS, now) });

        // A tap on the list moves one Elf to Done, then is undone: Activity counts none.
        await goRoute(page, '#/');
        await moveOneButton(page, lang, 'Elf Rangers', 'PAINTING', 'DONE').tap();
        await page
          .getByTestId('snackbar')
          .getByRole('button', { name: tr(lang, 'undo.action'), exact: true })
          .tap();
        await page
          .getByTestId('snackbar')
          .getByText(tr(lang, 'undo.done'), { exact: true })
          .waitFor();

        await goRoute(page, '#/activity');
        await page.getByTestId('finished-total').waitFor({ timeout: 60_000 });

        // Week, models (the default): the 12 weeks' total, the week's balance in words.
        const all12 = 4 + 3 + 2 + 1;
        expect(await text(page, 'finished-total')).toBe(
          tr(lang, 'activity.finished', { count: all12 }),
        );
        const week = expected(KINDS, now, 'week', 'models');
        expect(await text(page, 'pile-balance')).toBe(
          balanceLine(lang, 'models', 'week', week.bought - week.finished),
        );
        expect(await text(page, 'pile-flow')).toBe(
          tr(lang, 'activity.balance.flow', {
            bought: amount(lang, 'models', week.bought),
            finished: amount(lang, 'models', week.finished),
          }),
        );
        // Not done: Orks 23, Gretchin 8, Elves 4; two busy weeks give a pace.
        expect(await text(page, 'pile-left')).toBe(
          tr(lang, 'activity.balance.left', { amount: amount(lang, 'models', 35) }),
        );
        expect(await page.getByTestId('pile-forecast').count()).toBe(1);
        const bars = await page
          .getByTestId('week-bar')
          .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
        expect(bars).toHaveLength(12);
        expect(bars.reduce((a, b) => a + b, 0)).toBe(all12);
        await screenshot(page, 'activity-week-models', `${lang}-${scheme}`);

        // Month, points: Orks 5 each, Gretchin 1, Elves 20.
        await choose(page, lang, 'period', 'month');
        await choose(page, lang, 'metric', 'points');
        const month = expected(KINDS, now, 'month', 'points');
        expect(await text(page, 'pile-balance')).toBe(
          balanceLine(lang, 'points', 'month', month.bought - month.finished),
        );
        const monthBars = await page
          .getByTestId('week-bar')
          .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
        expect(monthBars).toHaveLength(12);
        expect(monthBars.reduce((a, b) => a + b, 0)).toBe(7 * 5 + 2 + 20);
        expect(await text(page, 'finished-total')).toBe(
          tr(lang, 'activity.totalIn', {
            amount: amount(lang, 'points', 57),
            span: tr(lang, 'activity.span.month'),
          }),
        );

        // Year: five bars.
        await choose(page, lang, 'period', 'year');
        expect(await page.getByTestId('week-bar').count()).toBe(5);
        const year = expected(KINDS, now, 'year', 'points');
        expect(await text(page, 'pile-balance')).toBe(
          balanceLine(lang, 'points', 'year', year.bought - year.finished),
        );

        // The army filter: "Orks" takes in "ORKS" too; "No army" only the Elves.
        const army = page.getByLabel(tr(lang, 'activity.view.army'), { exact: true });
        const options = await army.locator('option').allTextContents();
        // One army for both spellings, shown as most of its types spell it (ties: the
        // smaller in code-point order: ORKS), "No army" last.
        expect(options).toEqual([
          tr(lang, 'activity.view.allArmies'),
          'ORKS',
          tr(lang, 'activity.view.noArmy'),
        ]);
        await army.selectOption({ label: tr(lang, 'activity.view.noArmy') });
        expect(await text(page, 'finished-total')).toBe(
          tr(lang, 'activity.totalIn', {
            amount: amount(lang, 'points', 20),
            span: tr(lang, 'activity.span.year'),
          }),
        );
        await army.selectOption({ index: 1 });
        await choose(page, lang, 'metric', 'models');
        expect(await text(page, 'pile-left')).toBe(
          tr(lang, 'activity.balance.left', { amount: amount(lang, 'models', 31) }),
        );

        // Remembered on the device: after a reload, the same view.
        await page.reload();
        await page.getByTestId('finished-total').waitFor({ timeout: 60_000 });
        expect(
          await page
            .getByTestId('period-choice')
            .getByLabel(tr(lang, 'activity.view.year'), { exact: true })
            .isChecked(),
        ).toBe(true);
        expect(await page.getByTestId('week-bar').count()).toBe(5);
        await army.selectOption({ index: 0 });
        await choose(page, lang, 'period', 'week');

        // A goal: 20 models a month; 10 this month so far (this machine's month).
        const goal = page.getByTestId('goal-card');
        expect(await goal.textContent()).toContain(tr(lang, 'activity.goal.none'));
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.set'), exact: true }).tap();
        await goal.getByLabel(tr(lang, 'activity.goal.target'), { exact: true }).fill('20');
        await goal
          .getByLabel(tr(lang, 'activity.goal.period'), { exact: true })
          .selectOption({ label: tr(lang, 'activity.view.month') });
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.save'), exact: true }).tap();
        await goal.getByTestId('goal-summary').waitFor();
        expect(await text(page, 'goal-summary')).toBe(
          tr(lang, 'activity.goal.summary', {
            amount: amount(lang, 'models', 20),
            per: tr(lang, 'activity.goal.per.month'),
          }),
        );
        const inMonth = expected(KINDS, now, 'month', 'models').finished;
        expect(await text(page, 'goal-progress')).toBe(
          tr(lang, 'activity.goal.progress', {
            done: amount(lang, 'models', inMonth),
            when: tr(lang, 'activity.when.month'),
            percent: String(Math.floor((inMonth * 100) / 20)),
          }),
        );
        expect(await page.getByTestId('goal-forecast').textContent()).toMatch(
          new RegExp(`^${tr(lang, 'activity.forecast.goal', { duration: 'X' }).split('X')[0]}`),
        );
        expect(await sidewaysOverflow(page)).toBe(0);
        await screenshot(page, 'activity-goal', `${lang}-${scheme}`);

        // Changed to 5 a week: reached, said kindly, no forecast; then cleared.
        await goal
          .getByRole('button', { name: tr(lang, 'activity.goal.change'), exact: true })
          .tap();
        await goal.getByLabel(tr(lang, 'activity.goal.target'), { exact: true }).fill('5');
        await goal
          .getByLabel(tr(lang, 'activity.goal.period'), { exact: true })
          .selectOption({ label: tr(lang, 'activity.view.week') });
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.save'), exact: true }).tap();
        const inWeek = expected(KINDS, now, 'week', 'models').finished;
        if (inWeek >= 5) {
          await goal
            .getByText(tr(lang, 'activity.goal.reached', { when: tr(lang, 'activity.when.week') }))
            .waitFor();
          expect(await page.getByTestId('goal-forecast').count()).toBe(0);
        }
        await goal
          .getByRole('button', { name: tr(lang, 'activity.goal.change'), exact: true })
          .tap();
        await goal
          .getByRole('button', { name: tr(lang, 'activity.goal.clear'), exact: true })
          .tap();
        await goal.getByText(tr(lang, 'activity.goal.none')).waitFor();
        // A bad target is refused with its text, nothing saved.
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.set'), exact: true }).tap();
        await goal.getByLabel(tr(lang, 'activity.goal.target'), { exact: true }).fill('0');
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.save'), exact: true }).tap();
        await goal.getByRole('alert').getByText(tr(lang, 'errors.ERR_INVALID_GOAL')).waitFor();
      }),
  );

  it.each([
    { lang: 'ru' as Lang, scheme: 'light' as const },
    { lang: 'en' as Lang, scheme: 'dark' as const },
  ])('Activity at 320 px ($lang, $scheme): nothing spills sideways', ({ lang, scheme }) =>
    withApp(
      suite,
      { lang, viewport: SMALL_PHONE, colorScheme: scheme, touch: true },
      async (page) => {
        await importViaUi(page, lang, { name: 'activity.json', text: fileOf(KINDS, Date.now()) });
        await goRoute(page, '#/activity');
        await page.getByTestId('finished-total').waitFor({ timeout: 60_000 });
        await choose(page, lang, 'period', 'month');
        const goal = page.getByTestId('goal-card');
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.set'), exact: true }).tap();
        await goal.getByLabel(tr(lang, 'activity.goal.target'), { exact: true }).fill('40');
        await goal.getByRole('button', { name: tr(lang, 'activity.goal.save'), exact: true }).tap();
        await goal.getByTestId('goal-summary').waitFor();
        expect(await sidewaysOverflow(page)).toBe(0);
        await screenshot(page, 'activity-month', `${lang}-${scheme}`);
      },
    ),
  );
  it.each([
    { lang: 'ru' as Lang, viewport: SMALL_PHONE },
    { lang: 'en' as Lang, viewport: SMALL_PHONE },
    { lang: 'en' as Lang, viewport: PHONE },
  ])(
    'the weekly chart with four-digit weeks ($lang, $viewport.width px): no number touches another, the latest is shown, titles say all',
    ({ lang, viewport }) =>
      withApp(suite, { lang, viewport, touch: true }, async (page) => {
        // Bought and finished per week, oldest first: 1,250 beside 2,000 and the like.
        const bought = [2000, 1500, 2000, 0, 1200, 2000, 3000, 2000, 1234, 2000, 999, 2000];
        const done = [1250, 1250, 2000, 0, 1100, 1999, 1250, 1800, 1234, 1250, 1500, 1250];
        const WEEK = 7 * DAY;
        const history: HistoryStep[] = [[null, 'IN_BOX', 5000, 13 * WEEK]];
        for (let k = 0; k < 12; k++) {
          const ago = (11 - k) * WEEK;
          if (bought[k]) history.push([null, 'IN_BOX', bought[k]!, ago + 2 * MIN]);
          if (done[k]) history.push(['IN_BOX', 'DONE', done[k]!, ago + MIN]);
        }
        const file = historyFile([{ name: 'Ork Boyz', history }], Date.now());
        await importViaUi(page, lang, { name: 'busy.json', text: file });
        await goRoute(page, '#/activity');
        await page.getByTestId('finished-total').waitFor({ timeout: 60_000 });
        const chart = await page.locator('svg.week-chart').evaluate((svg) => {
          // Glyphs as drawn: the text's own width; digits' height (cap height) above the
          // baseline, a comma's tail below it.
          const numbers = [...svg.querySelectorAll('text.bar-value, text.bar-value-bought')].map(
            (el) => {
              const t = el as SVGTextElement;
              const box = t.getBBox();
              const y = Number(t.getAttribute('y'));
              const size = Number.parseFloat(getComputedStyle(t).fontSize);
              const bar = t.closest('[data-testid="week-bar"]')!;
              return {
                text: t.textContent ?? '',
                finished: t.classList.contains('bar-value'),
                bar: [...svg.querySelectorAll('[data-testid="week-bar"]')].indexOf(bar),
                left: box.x,
                right: box.x + box.width,
                top: y - 0.75 * size,
                bottom: y + 0.2 * size,
              };
            },
          );
          const bars = [...svg.querySelectorAll('[data-testid="week-bar"]')].map((g) => ({
            title: g.querySelector('title')?.textContent ?? '',
            rects: [...g.querySelectorAll('rect:not(.bar-zero)')].map((r) => ({
              left: Number(r.getAttribute('x')),
              right: Number(r.getAttribute('x')) + Number(r.getAttribute('width')),
              top: Number(r.getAttribute('y')),
            })),
          }));
          return { numbers, bars, width: (svg as SVGSVGElement).viewBox.baseVal.width };
        });
        const { numbers, bars } = chart;
        expect(bars).toHaveLength(12);
        for (const [k, a] of numbers.entries())
          for (const b of numbers.slice(k + 1))
            expect(
              a.right < b.left || b.right < a.left || a.bottom <= b.top || b.bottom <= a.top,
              `${a.text} (${a.bar}) touches ${b.text} (${b.bar})`,
            ).toBe(true);
        for (const n of numbers) {
          expect(n.left).toBeGreaterThanOrEqual(0);
          expect(n.right).toBeLessThanOrEqual(chart.width);
          for (const [j, bar] of bars.entries())
            if (j !== n.bar)
              for (const r of bar.rects)
                expect(
                  n.right <= r.left || n.left >= r.right || n.bottom <= r.top,
                  `${n.text} (${n.bar}) crosses bar ${j}`,
                ).toBe(true);
        }
        // This week's finished number is there; each bar's title says its numbers in full.
        expect(numbers.some((n) => n.bar === 11 && n.finished)).toBe(true);
        const fmt = new Intl.NumberFormat(lang);
        for (const [k, bar] of bars.entries()) {
          expect(bar.title).toContain(fmt.format(done[k]!));
          expect(bar.title).toContain(fmt.format(bought[k]!));
        }
        await page.locator('svg.week-chart').scrollIntoViewIfNeeded();
        await screenshot(page, 'activity-busy-weeks', lang, { fullPage: false });
      }),
  );
});
