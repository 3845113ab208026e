import type { HistoryEvent } from '@mpt/shared';
import { screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { initI18n } from '../../i18n';
import { renderIn, testApp, until } from '../../test-app';
import { ActivityScreen } from './ActivityScreen';

let app: ReturnType<typeof testApp>;
beforeAll(() => initI18n('en'));
afterEach(() => app.dispose());

describe('ActivityScreen', () => {
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
});
