import { describe, expect, it } from 'vitest';
import { emptyState, groupHistory, mergeStates, planCreateType, planImport, planMove, readDataFile, stateToDataFile } from './index';

describe('smoke', () => {
  it('creates, moves, exports and re-imports', () => {
    let n = 0;
    const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    const created = planCreateType({ name: '  Space   Marines ', counts: { IN_BOX: 10 } }, { typeId: id(), now: '2026-01-01T00:00:00.000Z', newEventId: id }, () => false);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const { type, events } = created.value;
    expect(type.name).toBe('Space Marines');
    const moved = planMove({ id: type.id, counts: type.counts, last_event_at: events[0]!.created_at }, { from_stage: 'IN_BOX', to_stage: 'PRIMING', qty: 3 }, { eventId: id(), now: '2026-01-01T00:00:00.000Z' });
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(moved.value.event.created_at).toBe('2026-01-01T00:00:00.001Z');
    const state = { types: [{ ...type, counts: moved.value.counts }], events: [...events, moved.value.event], tombstones: [] };
    const file = stateToDataFile(state, new Date());
    const back = readDataFile(JSON.parse(JSON.stringify(file)));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const imported = planImport(emptyState(), back.value, false);
    expect(imported.state).toEqual(mergeStates(state, state).state);
    expect(imported.report.types_created).toBe(1);
    expect(groupHistory(imported.state.events, 'desc').length).toBe(2);
  });
});
