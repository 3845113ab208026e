import { describe, expect, it } from 'vitest';
import { counts, event, state, type, uid } from '../test-support/builders';
import { stateToDataFile } from '../transfer/export';
import { readDataFile } from '../transfer/read-data-file';
import {
  clockSkewMs,
  farAheadTypeIds,
  isSkewShown,
  latestAllowed,
  planRedate,
  refuseFarAhead,
  typeAhead,
} from './clock';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 24 * 60 * 60_000;
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const A = uid(1);
const B = uid(2);
const none = { types: new Map(), gone: new Set<string>(), events: new Set<string>() };

describe('refuseFarAhead', () => {
  it('lets through what is dated up to a day after the server clock, and tombstones always', () => {
    const changes = state(
      [type({ id: A, created_at: iso(-DAY), name_updated_at: iso(DAY) })],
      [event({ id: uid(11), type_id: A, created_at: iso(DAY) })],
    );
    expect(refuseFarAhead(changes, none, NOW)).toEqual({ accepted: changes, refusal: null });
    expect(latestAllowed(NOW)).toBe(iso(DAY));
  });

  it('refuses a new type dated later with all its events, and later events of known types', () => {
    const known = type({ id: B, name: 'Orks', created_at: iso(-DAY), name_updated_at: iso(-DAY) });
    const changes = state(
      [
        type({ id: A, created_at: iso(2 * DAY), name_updated_at: iso(2 * DAY) }),
        type({ id: B, name: 'Goffs', created_at: iso(-DAY), name_updated_at: iso(DAY + 1) }),
      ],
      [
        event({ id: uid(11), type_id: A, created_at: iso(2 * DAY) }),
        event({ id: uid(12), type_id: B, created_at: iso(DAY + 1) }),
        event({ id: uid(13), type_id: B, created_at: iso(0) }),
        event({ id: uid(14), type_id: B, created_at: iso(3 * DAY) }),
      ],
    );
    const { accepted, refusal } = refuseFarAhead(
      changes,
      { types: new Map([[B, known]]), gone: new Set(), events: new Set([uid(14)]) },
      NOW,
    );
    // The rename waits (the server's record stands); the move dated now counts; an event
    // the server already holds is not refused again.
    expect(accepted.types).toEqual([known]);
    expect(accepted.events.map((e) => e.id)).toEqual([uid(13), uid(14)]);
    expect(refusal).toEqual({
      code: 'ERR_CLOCK_SKEW',
      latest_allowed: iso(DAY),
      type_ids: [A, B],
      event_ids: [uid(12), uid(11)],
    });
  });
});

describe('farAheadTypeIds', () => {
  it('names just the types refuseFarAhead looks up, so a store loads only those', () => {
    const C = uid(3);
    const held = [A, B, C].map((id) =>
      type({ id, name: `Held ${id}`, created_at: iso(-DAY), name_updated_at: iso(-DAY) }),
    );
    const changes = state(
      [
        type({ id: A, created_at: iso(-DAY), name_updated_at: iso(0) }),
        type({ id: B, created_at: iso(-DAY), name_updated_at: iso(DAY + 1) }),
        type({ id: C, created_at: iso(-DAY), notes_updated_at: iso(2 * DAY) }),
      ],
      [event({ id: uid(11), type_id: A, created_at: iso(0) })],
    );
    expect(farAheadTypeIds(changes, NOW)).toEqual([B, C]);
    const all = { ...none, types: new Map(held.map((t) => [t.id, t])) };
    const only = { ...none, types: new Map(held.filter((t) => t.id !== A).map((t) => [t.id, t])) };
    expect(refuseFarAhead(changes, only, NOW)).toEqual(refuseFarAhead(changes, all, NOW));
    expect(farAheadTypeIds(state([type({ id: A })], []), NOW)).toEqual([]);
  });
});

describe('typeAhead', () => {
  it('says what of a waiting type is dated ahead: its creation, else its name, else a field', () => {
    const limit = iso(DAY);
    const old = { created_at: iso(-DAY), name_updated_at: iso(-DAY) };
    expect(
      typeAhead(type({ id: A, created_at: iso(2 * DAY), name_updated_at: iso(2 * DAY) }), limit),
    ).toEqual({ kind: 'created', at: iso(2 * DAY) });
    expect(typeAhead(type({ id: A, ...old, name_updated_at: iso(3 * DAY) }), limit)).toEqual({
      kind: 'renamed',
      at: iso(3 * DAY),
    });
    // Another field, by its name's `_at`, and the latest time of several.
    const edited = {
      ...type({ id: A, ...old }),
      army_updated_at: iso(2 * DAY),
      points_per_model_updated_at: iso(5 * DAY),
    };
    expect(typeAhead(edited, limit)).toEqual({ kind: 'edited', at: iso(5 * DAY) });
    expect(typeAhead(type({ id: A, ...old }), limit)).toBeNull();
  });
});

describe('clock skew', () => {
  it('is the device clock against the server reading at the middle of the request', () => {
    const sent = NOW.getTime() + 10 * 60_000;
    expect(clockSkewMs(NOW.toISOString(), sent - 100, sent + 100)).toBe(10 * 60_000);
    expect(isSkewShown(5 * 60_000)).toBe(false);
    expect(isSkewShown(-5 * 60_000 - 1)).toBe(true);
  });
});

describe('planRedate', () => {
  it('dates refused records now, in their order, and replays the counts', () => {
    const t = type({ id: A, created_at: iso(2 * DAY), name_updated_at: iso(2 * DAY) });
    const events = [
      event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 3, created_at: iso(2 * DAY) }),
      event({
        id: uid(12),
        type_id: A,
        from_stage: 'IN_BOX',
        to_stage: 'DONE',
        qty: 2,
        created_at: iso(2 * DAY + 5),
      }),
    ];
    const out = planRedate(
      state([{ ...t, counts: counts({ IN_BOX: 1, DONE: 2 }) }], events),
      { type_ids: [A], event_ids: [uid(11), uid(12)] },
      NOW,
    );
    // Every time of the record that lies ahead, the v2 fields' too (SPEC §9), is now.
    expect(out.types).toEqual([
      {
        ...t,
        created_at: iso(0),
        name_updated_at: iso(0),
        army_updated_at: iso(0),
        game_updated_at: iso(0),
        points_per_model_updated_at: iso(0),
        notes_updated_at: iso(0),
        counts: counts({ IN_BOX: 1, DONE: 2 }),
      },
    ]);
    expect(out.events.map((e) => [e.id, e.created_at])).toEqual([
      [uid(11), iso(0)],
      [uid(12), iso(1)],
    ]);
    expect(out.conflicts).toEqual([]);
  });

  it('reports a move that its new place in history sets aside (found by the property)', () => {
    // 3 bought, then (12 h ahead, taken by the server) 3 built; a day and a half ahead
    // (refused) the same 3 done. Dated now, "done" comes before "built": it no longer fits.
    const t = type({ id: A, created_at: iso(-DAY), name_updated_at: iso(-DAY) });
    const add = event({
      id: uid(11),
      type_id: A,
      to_stage: 'IN_BOX',
      qty: 3,
      created_at: iso(-DAY),
    });
    const built = event({
      id: uid(12),
      type_id: A,
      from_stage: 'IN_BOX',
      to_stage: 'BUILDING',
      qty: 3,
      created_at: iso(DAY / 2),
    });
    const done = event({
      id: uid(13),
      type_id: A,
      from_stage: 'BUILDING',
      to_stage: 'DONE',
      qty: 3,
      created_at: iso(1.5 * DAY),
    });
    const out = planRedate(
      state([{ ...t, counts: counts({ DONE: 3 }) }], [add, built, done]),
      { type_ids: [], event_ids: [uid(13)] },
      NOW,
    );
    expect(out.types[0]!.counts).toEqual(counts({ BUILDING: 3 }));
    expect(out.conflicts).toEqual([
      {
        type_id: A,
        type_name: t.name,
        event: { ...done, created_at: iso(0) },
        reason: 'ERR_INSUFFICIENT_QTY',
      },
    ]);
  });

  it('keeps the goal and unknown fields beside a refusal, and holds back a goal set far ahead', () => {
    const goal = {
      value: { metric: 'models' as const, period: 'week' as const, target: 5 },
      updated_at: iso(0),
    };
    const late = { type: type({ id: A, created_at: iso(2 * DAY), name_updated_at: iso(2 * DAY) }) };
    const withTop = { ...state([late.type], []), goal, extra: { x: 1 } };
    const { accepted } = refuseFarAhead(withTop, none, NOW);
    expect(accepted.types).toEqual([]);
    expect(accepted.goal).toEqual(goal);
    expect(accepted.extra).toEqual({ x: 1 });
    const ahead = refuseFarAhead(
      { ...state([], []), goal: { ...goal, updated_at: iso(2 * DAY) } },
      none,
      NOW,
    );
    expect(ahead.accepted.goal).toBeUndefined();
  });

  it('reads times by their field, not by their look: a name like a future time stays a name', () => {
    const name = '2999-01-01T00:00:00.000Z';
    const t = type({ id: A, name, created_at: iso(2 * DAY), name_updated_at: iso(2 * DAY) });
    const out = planRedate(state([t], []), { type_ids: [A], event_ids: [] }, NOW);
    expect(out.types[0]).toMatchObject({ name, created_at: iso(0), name_updated_at: iso(0) });
    const { accepted } = refuseFarAhead(
      state([type({ id: B, name })], []),
      { types: new Map(), gone: new Set(), events: new Set() },
      NOW,
    );
    expect(accepted.types.map((x) => x.name)).toEqual([name]);
  });

  it('never dates a field before its type was created, when another clock created it a little ahead (found by the property)', () => {
    // Created by a device a minute ahead (within LIMITS.clockLeadMs), edited by one 3 days
    // ahead; once that clock is right, `now` lies before the creation: the field takes the
    // creation time.
    const created = iso(60_000);
    const t = type({
      id: A,
      created_at: created,
      name_updated_at: created,
      army: 'Orks',
      army_updated_at: iso(3 * DAY),
      points_per_model: 0,
      points_per_model_updated_at: iso(3 * DAY),
    });
    const out = planRedate(state([t], []), { type_ids: [A], event_ids: [] }, NOW);
    expect(out.types).toEqual([
      { ...t, army_updated_at: created, points_per_model_updated_at: created },
    ]);
    const file = stateToDataFile({ ...state([t], []), types: out.types }, NOW);
    expect(readDataFile(JSON.parse(JSON.stringify(file))).ok).toBe(true);
  });

  it('leaves refused records alone that are no longer ahead (the server clock was wrong)', () => {
    const events = [event({ id: uid(11), type_id: A, created_at: iso(-60_000) })];
    const out = planRedate(
      state([type({ id: A })], events),
      { type_ids: [A], event_ids: [uid(11)] },
      NOW,
    );
    expect(out).toEqual({ types: [], events: [], tombstones: [], conflicts: [] });
  });
});
