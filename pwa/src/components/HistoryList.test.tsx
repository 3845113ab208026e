import { getByRole, render, waitFor } from '@testing-library/preact';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../i18n';
import { describeGroup, groupTime, HistoryList } from './HistoryList';

beforeAll(() => initI18n('en'));

const group = (over: object) => ({
  type_id: '00000000-0000-4000-8000-000000000001',
  from_stage: 'IN_BOX' as const,
  to_stage: 'BUILDING' as const,
  qty: 3,
  events: 3,
  created_at: '2026-01-01T10:00:00.000Z',
  last_at: '2026-01-01T10:02:00.000Z',
  ...over,
});

describe('HistoryList', () => {
  it('renders one entry per group with the text and the number of steps', () => {
    const { getAllByTestId } = render(
      <HistoryList
        groups={[group({}), group({ from_stage: null, to_stage: 'IN_BOX', qty: 10, events: 1 })]}
      />,
    );
    const items = getAllByTestId('history-group');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Moved 3 models from In box to Building');
    expect(items[0]!.textContent).toContain('in 3 steps');
    expect(items[1]!.textContent).toContain('Added 10 models to In box');
  });

  it('describes removals and speaks Russian plurals', async () => {
    expect(describeGroup(group({ to_stage: null, qty: 1 }))).toBe('Removed 1 model from In box');
    await setLanguage('ru');
    expect(describeGroup(group({ qty: 5 }))).toBe('Переведено: 5 моделей, «В коробке» → «Сборка»');
    await setLanguage('en');
  });

  it('says when once: from the first to the last event, and how long ago the last was', () => {
    const g = group({
      created_at: '2026-01-01T20:00:00.000Z',
      last_at: '2026-01-01T20:12:00.000Z',
    });
    const text = groupTime(g, Date.parse('2026-01-01T20:32:00.000Z')).replace(
      /[\u202f\u00a0]/g,
      ' ',
    );
    const time = (iso: string) =>
      new Intl.DateTimeFormat('en', { timeStyle: 'short' })
        .format(new Date(iso))
        .replace(/[\u202f\u00a0]/g, ' ');
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      new Date(g.created_at),
    );
    expect(text).toContain(time(g.created_at).replace(/ [AP]M$/, ''));
    expect(text).toContain(time(g.last_at));
    expect(text.split(day)).toHaveLength(2); // the date once, not once per end
    expect(text.endsWith(' · 20 minutes ago')).toBe(true);
  });

  it('shows 30 entries, then more on request', () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      group({ created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }),
    );
    const { getAllByTestId, getByRole } = render(<HistoryList groups={many} />);
    expect(getAllByTestId('history-group')).toHaveLength(30);
    getByRole('button', { name: 'Show 15 more entries' }).click();
    return Promise.resolve().then(() => {
      expect(getAllByTestId('history-group')).toHaveLength(45);
    });
  });

  it('shows the empty state with no history', () => {
    const { getByText } = render(<HistoryList groups={[]} />);
    expect(getByText('No history yet.')).toBeTruthy();
  });

  it('labels a rework as its own entry, in both languages', async () => {
    const rework = group({ from_stage: 'DONE', to_stage: 'PRIMING', qty: 2, rework: true });
    expect(describeGroup(rework)).toBe('Sent 2 models back from Done to Priming for rework');
    await setLanguage('ru');
    expect(describeGroup(rework)).toBe('На переделку: 2 модели, «Готово» → «Грунтовка»');
    await setLanguage('en');
  });

  it('offers Undo on entries of the last 24 h that name their events', () => {
    const now = Date.parse('2026-01-02T10:00:00.000Z');
    const recent = group({ last_at: '2026-01-01T10:00:00.000Z', event_ids: ['a', 'b'] });
    const old = group({
      created_at: '2026-01-01T09:00:00.000Z',
      last_at: '2026-01-01T09:59:59.000Z',
      event_ids: ['c'],
    });
    const undone: unknown[] = [];
    const { getAllByRole, getAllByTestId } = render(
      <HistoryList
        groups={[recent, old]}
        now={now}
        onUndo={async (g) => {
          undone.push(g.event_ids);
          return { ok: true };
        }}
        typeNames={new Map([[recent.type_id, 'Ork Boyz']])}
      />,
    );
    const buttons = getAllByRole('button', { name: /^Undo: / });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.getAttribute('aria-label')).toBe(
      'Undo: Ork Boyz: Moved 3 models from In box to Building',
    );
    expect(getAllByTestId('history-group')[0]!.contains(buttons[0]!)).toBe(true);
    buttons[0]!.click();
    expect(undone).toEqual([['a', 'b']]);
  });

  it("shows an undo's refusal under its entry, in an undo's words and plural forms", async () => {
    const now = Date.parse('2026-01-02T10:00:00.000Z');
    const added = group({
      from_stage: null,
      to_stage: 'IN_BOX',
      qty: 20,
      last_at: '2026-01-02T09:00:00.000Z',
      event_ids: ['a'],
    });
    const other = group({ last_at: '2026-01-02T09:30:00.000Z', event_ids: ['b'] });
    const left = [3, 1, 17];
    const { getAllByTestId, queryAllByRole } = render(
      <HistoryList
        groups={[other, added]}
        now={now}
        onUndo={async () => ({
          ok: false,
          code: 'ERR_INSUFFICIENT_QTY',
          details: { stage: 'IN_BOX', available: left.shift(), requested: 20 },
        })}
      />,
    );
    await setLanguage('ru');
    try {
      const entry = getAllByTestId('history-group')[1]!;
      const says = (n: string) =>
        `Отменить нельзя: часть этих моделей уже переведена дальше (на этапе «В коробке» ${n}).`;
      for (const words of ['остались 3 модели', 'осталась 1 модель', 'осталось 17 моделей']) {
        (entry.querySelector('.history-undo') as HTMLButtonElement).click();
        await waitFor(() => expect(getByRole(entry, 'alert').textContent).toBe(says(words)));
      }
      // One message, by the entry tapped: none by the other.
      expect(queryAllByRole('alert')).toHaveLength(1);
    } finally {
      await setLanguage('en');
    }
  });

  it('leaves a storage failure of an undo to the notice bar: it is said once, not by the entry too', async () => {
    const now = Date.parse('2026-01-02T10:00:00.000Z');
    const entry = group({ last_at: '2026-01-02T09:30:00.000Z', event_ids: ['b'] });
    let calls = 0;
    const { getAllByTestId, queryAllByRole } = render(
      <HistoryList
        groups={[entry]}
        now={now}
        onUndo={async () => {
          calls++;
          return { ok: false, code: 'ERR_STORAGE', details: { reason: 'quota' } };
        }}
      />,
    );
    (
      getAllByTestId('history-group')[0]!.querySelector('.history-undo') as HTMLButtonElement
    ).click();
    await waitFor(() => expect(calls).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(queryAllByRole('alert')).toHaveLength(0);
  });
});
