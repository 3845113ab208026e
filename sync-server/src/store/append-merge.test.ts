import {
  defaultTypeFields,
  emptyState,
  type HistoryEvent,
  type MiniatureType,
  planImport,
  replay,
  type TrackerState,
} from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { useTestApp } from '../test-support/test-app';

const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const id = (n: number) => `0a000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const typeX: MiniatureType = {
  id: id(1),
  name: 'Tail X',
  created_at: at(0),
  name_updated_at: at(0),
  ...defaultTypeFields(at(0)),
  counts: replay([]).counts,
};
const typeY: MiniatureType = { ...typeX, id: id(2), name: 'Tail Y' };
const ev = (
  n: number,
  s: number,
  from: HistoryEvent['from_stage'],
  to: HistoryEvent['to_stage'],
  qty: number,
  more: Partial<HistoryEvent> = {},
): HistoryEvent => ({
  id: id(100 + n),
  type_id: typeX.id,
  from_stage: from,
  to_stage: to,
  qty,
  created_at: at(s),
  ...more,
});

/** What the device sends: its types (their counts are its own) and the events. */
const push = (types: MiniatureType[], events: HistoryEvent[]): TrackerState => ({
  types,
  events,
  tombstones: [],
});

// Each push as a device sends it. The second only appends (an undo within it, and a
// move the history cannot afford); the third slips a move in before the second's, so
// the second's moves no longer fit; the fourth undoes a move stored long ago.
const PUSHES: TrackerState[] = [
  push([typeX], [ev(1, 1, null, 'IN_BOX', 3), ev(2, 2, 'IN_BOX', 'BUILDING', 1)]),
  push(
    [typeX, typeY],
    [
      ev(3, 3, 'IN_BOX', 'PRIMING', 2),
      ev(4, 4, 'PRIMING', 'IN_BOX', 2, { reverts: id(103) }),
      ev(5, 5, 'IN_BOX', 'DONE', 3),
      { ...ev(6, 3, null, 'IN_BOX', 2), type_id: typeY.id },
    ],
  ),
  push([typeX], [ev(7, 2.5, 'IN_BOX', 'PAINTING', 2)]),
  push([typeX], [ev(8, 6, 'BUILDING', 'IN_BOX', 1, { reverts: id(102) })]),
];

describeEachDatabase('a push that only appends, merged from where histories end', (db) => {
  const t = useTestApp(db, {}, { now: () => new Date(T0 + 60_000) });

  it('stores and reports what merging it into the whole state gives', async () => {
    let reference = emptyState();
    let n = 0;
    for (const changes of PUSHES) {
      const expected = planImport(reference, changes, false);
      const result = await t.store.pushChanges({
        key: `append-${Date.now()}-${++n}`,
        requestHash: String(n),
        device: null,
        since: null,
        changes,
      });
      expect(result.report).toEqual(expected.report);
      const stored = await t.store.exportState();
      expect(stored.types).toEqual(expected.state.types);
      expect(stored.events).toEqual(expected.state.events);
      reference = expected.state;
    }
    // The pushes did what they say: a conflict on append, then moves set aside, an undo.
    const counts = reference.types.find((x) => x.id === typeX.id)?.counts;
    expect(counts).toEqual({ IN_BOX: 1, BUILDING: 0, PRIMING: 0, PAINTING: 2, DONE: 0 });
  });
});
