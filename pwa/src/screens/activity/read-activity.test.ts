import type { HistoryEvent } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { shownEvents } from './read-activity';

const e = (id: string, over: Partial<HistoryEvent> = {}): HistoryEvent => ({
  id,
  type_id: 't',
  from_stage: 'IN_BOX',
  to_stage: 'DONE',
  qty: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('shownEvents', () => {
  it('hides an applied undo with its event, what a replay set aside, and keeps a refused undo out', () => {
    const events = [
      e('a'),
      e('undo-a', { from_stage: 'DONE', to_stage: 'IN_BOX', reverts: 'a' }),
      e('b'),
      e('refused-undo-b', { from_stage: 'DONE', to_stage: 'IN_BOX', reverts: 'b' }),
      e('conflict'),
      e('c'),
    ];
    const shown = shownEvents(events, new Set(['refused-undo-b', 'conflict']));
    expect(shown.map((x) => x.id)).toEqual(['b', 'c']);
  });
});
