import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../schema/entities';
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
    expect(replay([move, add])).toEqual({
      counts: counts({ PRIMING: 2 }),
      skipped: [],
      cancelled: new Set(),
      refusals: new Map(),
    });
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
    expect(replay([add2, remove2])).toMatchObject({
      counts: counts({ DONE: 1 }),
      skipped: [remove2],
    });
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
    expect(replay([])).toEqual({
      counts: counts(),
      skipped: [],
      cancelled: new Set(),
      refusals: new Map(),
    });
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

describe('replay with reverts (SPEC §9)', () => {
  const add = event({ id: uid(1), to_stage: 'IN_BOX', qty: 4, created_at: at(0) });
  const move = event({
    id: uid(2),
    from_stage: 'IN_BOX',
    to_stage: 'DONE',
    qty: 3,
    created_at: at(10),
  });
  const undo = (id: number, ms: number, over: Partial<HistoryEvent> = {}) =>
    event({
      id: uid(id),
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      qty: 3,
      created_at: at(ms),
      reverts: move.id,
      ...over,
    });

  it('applies an exact undo after its event and lists the pair as cancelled', () => {
    const r = replay([undo(3, 20), move, add]);
    expect(r.counts).toEqual(counts({ IN_BOX: 4 }));
    expect(r.skipped).toEqual([]);
    expect([...r.cancelled].sort()).toEqual([move.id, uid(3)]);
  });

  it('applies an undo once per event: a second one is refused as ERR_ALREADY_REVERTED', () => {
    const r = replay([add, move, undo(3, 20), undo(4, 30)]);
    expect(r.skipped.map((e) => e.id)).toEqual([uid(4)]);
    expect(r.refusals.get(uid(4))).toBe('ERR_ALREADY_REVERTED');
    expect(r.counts).toEqual(counts({ IN_BOX: 4 }));
  });

  it('refuses as ERR_NOT_REVERTIBLE an undo before its event, of an unapplied or unknown event, or inexact', () => {
    const early = replay([add, undo(3, 5), move]);
    expect(early.refusals.get(uid(3))).toBe('ERR_NOT_REVERTIBLE');
    expect(early.counts).toEqual(counts({ IN_BOX: 1, DONE: 3 }));
    const spent = event({
      id: uid(5),
      from_stage: 'IN_BOX',
      to_stage: null,
      qty: 4,
      created_at: at(5),
    });
    expect(replay([add, spent, move, undo(3, 20)]).refusals.get(uid(3))).toBe('ERR_NOT_REVERTIBLE');
    expect(replay([add, move, undo(3, 20, { reverts: uid(99) })]).refusals.get(uid(3))).toBe(
      'ERR_NOT_REVERTIBLE',
    );
    expect(replay([add, move, undo(3, 20, { qty: 2 })]).refusals.get(uid(3))).toBe(
      'ERR_NOT_REVERTIBLE',
    );
    // an undo of an undo
    const redo = event({
      id: uid(6),
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 3,
      created_at: at(30),
      reverts: uid(3),
    });
    expect(replay([add, move, undo(3, 20), redo]).refusals.get(uid(6))).toBe('ERR_NOT_REVERTIBLE');
  });

  it('sets an undo aside as insufficient when the models it gives back are gone', () => {
    const sold = event({
      id: uid(7),
      from_stage: 'DONE',
      to_stage: null,
      qty: 3,
      created_at: at(15),
    });
    const r = replay([add, move, sold, undo(3, 20)]);
    expect(r.skipped.map((e) => e.id)).toEqual([uid(3)]);
    expect(r.refusals.size).toBe(0);
    expect(r.cancelled.size).toBe(0);
  });

  it('appliedEvents hides both halves of an undone pair, unless asked to keep them', () => {
    const events = [add, move, undo(3, 20)].map((e) => ({ ...e, type_id: uid(50) }));
    expect(appliedEvents(events).map((e) => e.id)).toEqual([add.id]);
    expect(appliedEvents(events, { keepReverted: true }).map((e) => e.id)).toEqual([
      add.id,
      move.id,
      uid(3),
    ]);
  });
});

describe('replay: an undo of an event far back in a long history', () => {
  it('finds its event past the recent window (the history is indexed once)', () => {
    const first = event({ id: uid(1), to_stage: 'IN_BOX', qty: 2, created_at: at(0) });
    const many = Array.from({ length: 200 }, (_, i) =>
      event({ id: uid(10 + i), to_stage: 'DONE', qty: 1, created_at: at(1 + i) }),
    );
    const undoFirst = event({
      id: uid(5),
      from_stage: 'IN_BOX',
      to_stage: null,
      qty: 2,
      created_at: at(500),
      reverts: uid(1),
    });
    const undoRecent = event({
      id: uid(6),
      from_stage: 'DONE',
      to_stage: null,
      qty: 1,
      created_at: at(501),
      reverts: uid(209),
    });
    const r = replay([first, ...many, undoFirst, undoRecent]);
    expect(r.skipped).toEqual([]);
    expect(r.counts).toEqual(counts({ DONE: 199 }));
    expect([...r.cancelled].sort()).toEqual([uid(1), uid(5), uid(6), uid(209)].sort());
  });
});
