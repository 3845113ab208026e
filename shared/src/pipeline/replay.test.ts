import { describe, expect, it } from 'vitest';
import { at, counts, event, uid } from '../test-support/builders';
import { applyEvent, compareEvents, replay } from './replay';

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
