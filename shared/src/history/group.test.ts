import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../schema/entities';
import { atSec, event, uid } from '../test-support/builders';
import { groupHistory, groupHistoryWithEvents } from './group';

const A = uid(1);
const B = uid(2);
let next = 100;
/** A move IN_BOX → PRIMING of `qty` at second `s` (of type A unless told). */
const move = (s: number, qty = 1, extra: Partial<HistoryEvent> = {}): HistoryEvent =>
  event({
    id: uid(++next),
    type_id: A,
    from_stage: 'IN_BOX',
    to_stage: 'PRIMING',
    qty,
    created_at: atSec(s),
    ...extra,
  });

describe('groupHistory', () => {
  it('joins an event 299 s after the previous one', () => {
    const groups = groupHistory([move(0, 2), move(299, 3)]);
    expect(groups).toEqual([
      {
        type_id: A,
        from_stage: 'IN_BOX',
        to_stage: 'PRIMING',
        qty: 5,
        events: 2,
        created_at: atSec(0),
        last_at: atSec(299),
      },
    ]);
  });

  it('does not join at 300 s or 301 s', () => {
    expect(groupHistory([move(0), move(300)])).toHaveLength(2);
    expect(groupHistory([move(0), move(301)])).toHaveLength(2);
    expect(groupHistory([move(0), move(299.999)])).toHaveLength(1);
  });

  it('measures the window from the previous event of the group, so a chain keeps growing', () => {
    const groups = groupHistory([move(0), move(200), move(400), move(600)]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      events: 4,
      qty: 4,
      created_at: atSec(0),
      last_at: atSec(600),
    });
  });

  it('starts a new group when a different move comes in between', () => {
    const other = move(10, 1, { to_stage: 'DONE' });
    const groups = groupHistory([move(0), other, move(20)]);
    expect(groups.map((g) => [g.to_stage, g.events])).toEqual([
      ['PRIMING', 1],
      ['DONE', 1],
      ['PRIMING', 1],
    ]);
  });

  it('tells adds, moves and removals apart by from → to', () => {
    const add = move(0, 4, { from_stage: null, to_stage: 'IN_BOX' });
    const remove = move(1, 1, { from_stage: 'IN_BOX', to_stage: null });
    const groups = groupHistory([add, remove]);
    expect(groups.map((g) => [g.from_stage, g.to_stage, g.qty])).toEqual([
      [null, 'IN_BOX', 4],
      ['IN_BOX', null, 1],
    ]);
  });

  it('groups per type: another type in between does not break a group', () => {
    const groups = groupHistory([move(0), move(5, 7, { type_id: B }), move(10)]);
    expect(groups).toHaveLength(2);
    expect(groups.find((g) => g.type_id === A)).toMatchObject({ events: 2, qty: 2 });
    expect(groups.find((g) => g.type_id === B)).toMatchObject({ events: 1, qty: 7 });
  });

  it('sorts its input chronologically (created_at, then id)', () => {
    const a = move(0);
    const b = move(100);
    const c = move(1000);
    expect(groupHistory([c, a, b])).toEqual(groupHistory([a, b, c]));
    expect(groupHistory([c, a, b]).map((g) => g.events)).toEqual([2, 1]);
  });

  it('returns groups oldest first, or newest first with desc', () => {
    const events = [move(0), move(1000, 1, { type_id: B }), move(2000)];
    expect(groupHistory(events).map((g) => g.created_at)).toEqual([
      atSec(0),
      atSec(1000),
      atSec(2000),
    ]);
    expect(groupHistory(events, 'desc').map((g) => g.created_at)).toEqual([
      atSec(2000),
      atSec(1000),
      atSec(0),
    ]);
  });

  it('orders groups by their newest event, so a group still growing is listed as recent', () => {
    // The reviewer's phone: Intercessors tapped 15:59–16:02, Boyz at 16:00, a Tank at 16:01.
    const C = uid(3);
    const intercessors = [move(0), move(120), move(180)];
    const boyz = move(60, 1, { type_id: B });
    const tank = move(120, 1, { type_id: C });
    const events = [...intercessors, boyz, tank];
    expect(groupHistory(events, 'desc').map((g) => [g.type_id, g.events, g.last_at])).toEqual([
      [A, 3, atSec(180)],
      [C, 1, atSec(120)],
      [B, 1, atSec(60)],
    ]);
    expect(groupHistory(events).map((g) => g.type_id)).toEqual([B, C, A]);
    const withIds = groupHistoryWithEvents(events, 'desc');
    expect(withIds[0]!.event_ids).toEqual(intercessors.map((e) => e.id));
  });

  it("law: newest first is by each group's last event, and is the reverse of oldest first", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            s: fc.integer({ min: 0, max: 3_000 }),
            type: fc.constantFrom(A, B, uid(3)),
            done: fc.boolean(),
          }),
          { maxLength: 40 },
        ),
        (taps) => {
          const events = taps.map(({ s, type, done }) =>
            move(s, 1, { type_id: type, to_stage: done ? 'DONE' : 'PRIMING' }),
          );
          const desc = groupHistory(events, 'desc');
          expect(desc).toEqual([...groupHistory(events)].reverse());
          for (let k = 1; k < desc.length; k++)
            expect(desc[k - 1]!.last_at >= desc[k]!.last_at).toBe(true);
          expect(desc.reduce((n, g) => n + g.events, 0)).toBe(events.length);
        },
      ),
    );
  });

  it('does not change the events it is given', () => {
    const events = [move(10), move(0)];
    const copy = structuredClone(events);
    groupHistory(events, 'desc');
    expect(events).toEqual(copy);
  });

  it('of no events is no groups', () => {
    expect(groupHistory([])).toEqual([]);
  });
});

describe('groupHistory with reworks (SPEC §9)', () => {
  it('groups reworks apart from other events and marks their group', () => {
    const back = (s: number, extra: Partial<HistoryEvent> = {}) =>
      move(s, 1, { from_stage: 'DONE', to_stage: 'PRIMING', rework: true, ...extra });
    // an undo of a PRIMING → DONE move has the same stages, but is no rework
    const undo = move(20, 1, { from_stage: 'DONE', to_stage: 'PRIMING', reverts: uid(99) });
    const groups = groupHistory([back(0), back(10), undo, back(30)]);
    expect(groups.map((g) => [g.events, g.rework])).toEqual([
      [2, true],
      [1, undefined],
      [1, true],
    ]);
  });

  it('with events: each group names its events, oldest first, and is otherwise the same group', () => {
    const events = [move(0, 2), move(100, 1), move(1000, 4), move(1100, 1, { type_id: B })];
    const plain = groupHistory(events, 'desc');
    const withIds = groupHistoryWithEvents([...events].reverse(), 'desc');
    expect(withIds.map(({ event_ids: _, ...g }) => g)).toEqual(plain);
    expect(withIds.map((g) => g.event_ids)).toEqual([
      [events[3]!.id],
      [events[2]!.id],
      [events[0]!.id, events[1]!.id],
    ]);
  });
});
