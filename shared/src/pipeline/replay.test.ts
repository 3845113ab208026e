import { describe, expect, it } from 'vitest';
import { at, counts, event, uid } from '../test-support/builders';
import { appliedEvents, applyEvent, compareEvents, replay } from './replay';
import type { Stage } from './stages';

describe('compareEvents', () => {
  it('orders by created_at, then by id', () => {
    const a = event({ id: uid(2), created_at: at(0) });
    const b = event({ id: uid(1), created_at: at(1) });
    const c = event({ id: uid(3), created_at: at(0) });
    expect([b, c, a].sort(compareEvents)).toEqual([a, c, b]);
    expect(compareEvents(a, { ...a })).toBe(0);
  });
});

describe('applyEvent', () => {
  it('applies an add, a move and a removal in place', () => {
    const c = counts();
    expect(applyEvent(c, event({ id: uid(1), to_stage: 'IN_BOX', qty: 4 }))).toBe(true);
    expect(
      applyEvent(c, event({ id: uid(2), from_stage: 'IN_BOX', to_stage: 'DONE', qty: 3 })),
    ).toBe(true);
    expect(applyEvent(c, event({ id: uid(3), from_stage: 'DONE', to_stage: null, qty: 1 }))).toBe(
      true,
    );
    expect(c).toEqual(counts({ IN_BOX: 1, DONE: 2 }));
  });

  it('returns false and changes nothing when the stage holds too few', () => {
    const c = counts({ IN_BOX: 1 });
    expect(
      applyEvent(c, event({ id: uid(1), from_stage: 'IN_BOX', to_stage: 'DONE', qty: 2 })),
    ).toBe(false);
    expect(c).toEqual(counts({ IN_BOX: 1 }));
  });
});

describe('replay', () => {
  it('replays in (created_at, id) order whatever the input order', () => {
    const add = event({ id: uid(9), to_stage: 'IN_BOX', qty: 2, created_at: at(0) });
    const move = event({
      id: uid(1),
      from_stage: 'IN_BOX',
      to_stage: 'PRIMING',
      qty: 2,
      created_at: at(5),
    });
    expect(replay([move, add])).toEqual({ counts: counts({ PRIMING: 2 }), skipped: [] });
  });

  it('breaks a created_at tie by id', () => {
    // Same instant: the add (id 1) comes before the removal (id 2), so nothing is skipped.
    const add = event({ id: uid(1), to_stage: 'DONE', qty: 1, created_at: at(0) });
    const remove = event({
      id: uid(2),
      from_stage: 'DONE',
      to_stage: null,
      qty: 1,
      created_at: at(0),
    });
    expect(replay([remove, add]).skipped).toEqual([]);
    // Swap the ids and the removal comes first: it cannot apply.
    const add2 = { ...add, id: uid(4) };
    const remove2 = { ...remove, id: uid(3) };
    expect(replay([add2, remove2])).toEqual({ counts: counts({ DONE: 1 }), skipped: [remove2] });
  });

  it('skips and returns an event that would go negative, and applies the rest', () => {
    const events = [
      event({ id: uid(1), to_stage: 'IN_BOX', qty: 3, created_at: at(0) }),
      event({ id: uid(2), from_stage: 'IN_BOX', to_stage: 'DONE', qty: 2, created_at: at(1) }),
      event({ id: uid(3), from_stage: 'IN_BOX', to_stage: null, qty: 2, created_at: at(2) }),
      event({ id: uid(4), from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 1, created_at: at(3) }),
    ];
    const r = replay(events);
    expect(r.skipped.map((e) => e.id)).toEqual([uid(3)]);
    expect(r.counts).toEqual(counts({ BUILDING: 1, DONE: 2 }));
  });

  it('of nothing is all zero', () => {
    expect(replay([])).toEqual({ counts: counts(), skipped: [] });
  });

  it('trusts alreadySorted and does not reorder', () => {
    const add = event({ id: uid(1), to_stage: 'IN_BOX', qty: 1, created_at: at(0) });
    const remove = event({
      id: uid(2),
      from_stage: 'IN_BOX',
      to_stage: null,
      qty: 1,
      created_at: at(1),
    });
    expect(replay([remove, add], true).skipped).toEqual([remove]);
    expect(replay([remove, add]).skipped).toEqual([]);
  });
});

describe('appliedEvents', () => {
  const typeA = '00000000-0000-4000-8000-00000000000a';
  const typeB = '00000000-0000-4000-8000-00000000000b';
  const ev = (
    id: string,
    type_id: string,
    from_stage: Stage | null,
    to_stage: Stage | null,
    qty: number,
    at: string,
  ) => ({ id, type_id, from_stage, to_stage, qty, created_at: `2026-01-01T00:00:${at}.000Z` });

  it('leaves out the events a replay sets aside, per type, in history order', () => {
    const events = [
      ev('e4', typeB, 'IN_BOX', 'DONE', 1, '04'),
      ev('e1', typeA, null, 'IN_BOX', 2, '01'),
      ev('e3', typeA, 'IN_BOX', 'DONE', 2, '03'),
      ev('e2', typeA, 'IN_BOX', 'PRIMING', 2, '02'),
      ev('e0', typeB, null, 'IN_BOX', 1, '00'),
    ];
    expect(appliedEvents(events).map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e4']);
  });

  it('keeps every event of a history that replays cleanly', () => {
    const events = [
      ev('e1', typeA, null, 'IN_BOX', 2, '01'),
      ev('e2', typeA, 'IN_BOX', null, 2, '02'),
    ];
    expect(appliedEvents(events)).toEqual(events);
  });
});
