import type { HistoryEvent } from '@mpt/shared';
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { initI18n } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { ActivityScreen } from './ActivityScreen';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(() => app.dispose());

describe('ActivityScreen', () => {
  it('says "Goal saved." as a passing confirmation, not for good', async () => {
    app = testApp();
    renderIn(app, <ActivityScreen />);
    const card = () => screen.getByTestId('goal-card').textContent ?? '';
    await until(() => screen.queryByRole('button', { name: 'Set a goal' }) !== null);
    fireEvent.click(screen.getByRole('button', { name: 'Set a goal' }));
    fireEvent.input(screen.getByLabelText('Target'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save goal' }));
    await until(() => card().includes('Goal saved.') && card().includes('Goal: 10 models a month'));
    await until(() => !card().includes('Goal saved.'), 5_000);
    expect(card()).toContain('Goal: 10 models a month');
  });

  it('leaves out a move refused as a sync conflict: not finished, not in the history', async () => {
    app = testApp();
    const created = await app.actions.create('Boyz', {});
    if (!created.ok) throw new Error(created.code);
    const typeId = created.value.id;
    // Two devices each moved the only model to Done; merged, the later one is refused.
    const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const event = (at: string, qty: number, from: 'IN_BOX' | null): HistoryEvent => ({
      id: newId(),
      type_id: typeId,
      from_stage: from,
      to_stage: from ? 'DONE' : 'IN_BOX',
      qty,
      created_at: at,
    });
    await app.db.events.bulkAdd([
      event(ago(5), 1, null), // bought one
      event(ago(3), 1, 'IN_BOX'), // finished it
      event(ago(1), 5, 'IN_BOX'), // from another device, on counts that were not there
    ]);
    renderIn(app, <ActivityScreen />);
    await until(() => screen.queryAllByTestId('week-bar').length === 12);
    expect(screen.getByTestId('finished-total').textContent).toBe('1 model finished in 12 weeks');
    const history = screen.getAllByTestId('history-group').map((g) => g.textContent ?? '');
    expect(history.some((h) => h.includes('5 models'))).toBe(false);
    expect(history.some((h) => h.includes('Moved 1 model from In box to Done'))).toBe(true);
  });

  it('says it is counting, never a false zero, and counts a future-dated move in no week', async () => {
    app = testApp();
    const created = await app.actions.create('Boyz', { IN_BOX: 3 });
    if (!created.ok) throw new Error(created.code);
    const typeId = created.value.id;
    const at = (ms: number) => new Date(Date.parse(created.value.created_at) + ms).toISOString();
    const move = (created_at: string, qty: number): HistoryEvent => ({
      id: newId(),
      type_id: typeId,
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty,
      created_at,
    });
    // One finished just now; two by a device whose clock ran 200 days ahead (SPEC §8).
    await app.db.events.bulkAdd([move(at(1), 1), move(at(200 * 86_400_000), 2)]);
    renderIn(app, <ActivityScreen />);
    expect(screen.queryByTestId('finished-total')).toBeNull();
    expect(screen.getByTestId('activity-pending').textContent).toBe('Loading…');
    await until(() => screen.queryAllByTestId('week-bar').length === 12);
    expect(screen.getByTestId('finished-total').textContent).toBe('1 model finished in 12 weeks');
    const bars = screen.getAllByTestId('week-bar').map((b) => Number(b.dataset.count));
    expect(bars).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const history = screen.getAllByTestId('history-group').map((g) => g.textContent ?? '');
    expect(history.filter((h) => h.includes('Moved'))).toHaveLength(1);
  });

  it('counts an undone add as nothing bought, and a removal as neither bought nor finished', async () => {
    localStorage.removeItem('mpt.activity.view');
    app = testApp();
    const created = await app.actions.create('Boyz', { IN_BOX: 3 });
    if (!created.ok) throw new Error(created.code);
    const typeId = created.value.id;
    const more = await app.actions.add(typeId, 'IN_BOX', 2);
    if (!more.ok) throw new Error(more.code);
    const added = (await app.db.events.where('type_id').equals(typeId).toArray()).find(
      (e) => e.qty === 2,
    )!;
    await app.actions.undoEntry(typeId, [added.id]);
    await app.actions.remove(typeId, 'IN_BOX', 1);
    await app.actions.move(typeId, 'IN_BOX', 'DONE', 1);
    renderIn(app, <ActivityScreen />);
    await until(() => screen.queryByTestId('pile-flow') !== null);
    await until(
      () => screen.getByTestId('pile-flow').textContent === 'Bought 3 models, finished 1 model.',
    );
    expect(screen.getByTestId('pile-balance').textContent).toBe(
      'The pile grew by 2 models this week — more to look forward to.',
    );
    expect(screen.getByTestId('pile-left').textContent).toBe('Not done yet: 1 model.');
    // One busy week is not enough to forecast from: nothing is said.
    expect(screen.queryByTestId('pile-forecast')).toBeNull();
  });
});
