import { compareEvents, planCreateType, type TrackerState, unwrap } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureActivityIndex, readActivityIndex, rebuildActivityIndex } from './activity-index';
import { correctTo, previewCorrections } from './corrections';
import { allEvents, BULK_FROM, eventsOfType, eventTables } from './event-store';
import { moveModels } from './events';
import { readGoal, setGoal } from './goal';
import { readOutgoing } from './outbox';
import { redateRefused } from './redate';
import { replaceLocalState } from './replace';
import { listRestorePoints, readRestorePoint, takeRestorePoint } from './restore-points';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { readCursor } from './sync-cursor';
import { mergeChangesIntoLocal, SYNC_POINT_EVERY_MS } from './sync-merge';
import { freshDb } from './test-db';
import { createType } from './types';

const URL = 'http://sync.test';
const CURSOR = '3f0c2a5e-8d1b-4c6e-9a7f-1b2c3d4e5f60';
const dbs: TrackerDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});
function open(): TrackerDb {
  const db = freshDb();
  dbs.push(db);
  return db;
}
let n = 0;
const id = () => `0000000a-0000-4000-8000-${String(++n).padStart(12, '0')}`;
/** A type made elsewhere, as a change set. */
function elsewhere(name: string, at: Date): TrackerState {
  const made = unwrap(
    planCreateType(
      { name, counts: { IN_BOX: 2 } },
      { typeId: id(), now: at, newEventId: id },
      () => false,
    ),
  );
  return { types: [made.type], events: made.events, tombstones: [] };
}
const receipt = (seq: number, upTo = 0, waiting: string[] = []) => ({
  url: URL,
  cursor: { cursor: `${CURSOR}:${seq}`, pushAll: false },
  upTo,
  waiting: new Set(waiting),
});

describe('merging the server’s changes (SPEC §10)', () => {
  it('sends the goal with every push, and keeps the newer of its own and the server’s', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    await mergeChangesIntoLocal(db, elsewhere('Orks', t0), receipt(1), () => {}, t0);
    const mine = await setGoal(db, { metric: 'models', period: 'month', target: 10 }, t0);
    expect((await readOutgoing(db, URL)).changes.goal).toEqual(mine);
    const older = {
      value: { metric: 'points' as const, period: 'year' as const, target: 900 },
      updated_at: '2026-11-19T10:00:00.000Z',
    };
    const empty = { types: [], events: [], tombstones: [] };
    await mergeChangesIntoLocal(db, { ...empty, goal: older }, receipt(2), () => {}, t0);
    expect(await readGoal(db)).toEqual(mine);
    const newer = { ...older, updated_at: '2026-11-21T10:00:00.000Z' };
    await mergeChangesIntoLocal(db, { ...empty, goal: newer }, receipt(3), () => {}, t0);
    expect(await readGoal(db)).toEqual(newer);
  });

  it('keeps a restore point at most once an hour, unless the sync takes something away', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    await mergeChangesIntoLocal(db, elsewhere('Orks', t0), receipt(1), () => {}, t0);
    await mergeChangesIntoLocal(
      db,
      elsewhere('Eldar', t0),
      receipt(2),
      () => {},
      new Date(t0.getTime() + 60_000),
    );
    expect(await listRestorePoints(db)).toHaveLength(1);
    expect(await readCursor(db, URL)).toEqual({ cursor: `${CURSOR}:2`, pushAll: false });
    // A deletion from elsewhere always gets one.
    const [orks] = (await readState(db)).types.filter((t) => t.name === 'Orks');
    const gone = {
      types: [],
      events: [],
      tombstones: [{ id: orks!.id, deleted_at: t0.toISOString(), merged_into: null }],
    };
    await mergeChangesIntoLocal(db, gone, receipt(3), () => {}, new Date(t0.getTime() + 120_000));
    expect(await listRestorePoints(db)).toHaveLength(2);
    // An hour on, an ordinary sync gets one again.
    const later = new Date(t0.getTime() + 120_000 + SYNC_POINT_EVERY_MS);
    await mergeChangesIntoLocal(db, elsewhere('Tau', later), receipt(4), () => {}, later);
    const points = await listRestorePoints(db);
    expect(points).toHaveLength(3);
    // Kept before the merge (apart from its transaction): the state without what it brought.
    const kept = await readRestorePoint(db, points[0]!.id);
    expect(kept.types.map((t) => t.name)).toEqual(['Eldar']);
    expect((await readState(db)).types.map((t) => t.name).sort()).toEqual(['Eldar', 'Tau']);
  });

  it('turning sync on for an empty device keeps no restore point of nothing; the next change does', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    const steps: string[] = [];
    // The server's data, with a move that does not fit (a conflict: a point is due).
    const orks = elsewhere('Orks', t0);
    const add = orks.events[0]!;
    const tooMany = {
      ...add,
      id: id(),
      from_stage: 'IN_BOX' as const,
      to_stage: 'DONE' as const,
      qty: 9,
      created_at: '2026-11-20T10:00:01.000Z',
    };
    const first = await mergeChangesIntoLocal(
      db,
      { ...orks, events: [add, tooMany] },
      receipt(1),
      (p) => steps.push(p.step),
      t0,
    );
    expect(first.report.conflicts).toHaveLength(1);
    expect(steps).not.toContain('restore-point');
    expect(await listRestorePoints(db)).toEqual([]);
    // Within the hour, the next sync that brings changes keeps the first point: of Orks.
    const t1 = new Date(t0.getTime() + 60_000);
    await mergeChangesIntoLocal(db, elsewhere('Tau', t1), receipt(2), () => {}, t1);
    expect(await listRestorePoints(db)).toMatchObject([{ reason: 'sync', types: 1 }]);
  });

  it('a restore point dated ahead (the clock ran ahead) does not stop the next ones (found by review)', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    const ahead = new Date(t0.getTime() + 3 * 24 * 60 * 60_000);
    // Data on the device: a point of an empty one is not kept at all.
    await createType(db, { name: 'Eldar' });
    await mergeChangesIntoLocal(db, elsewhere('Orks', t0), receipt(1), () => {}, ahead);
    const later = new Date(t0.getTime() + 2 * SYNC_POINT_EVERY_MS);
    await mergeChangesIntoLocal(db, elsewhere('Tau', later), receipt(2), () => {}, later);
    expect((await listRestorePoints(db)).map((p) => p.created_at)).toEqual([
      ahead.toISOString(),
      later.toISOString(),
    ]);
  });

  it('settles the push: the cursor, and the sent outbox rows except those that wait', async () => {
    const db = open();
    const a = await createType(db, { name: 'Orks' });
    const b = await createType(db, { name: 'Eldar' });
    await mergeChangesIntoLocal(
      db,
      { types: [], events: [], tombstones: [] },
      receipt(5, 2, [b.id]),
    );
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([b.id]);
    expect((await readCursor(db, URL)).cursor).toBe(`${CURSOR}:5`);
    expect(a.id).not.toBe(b.id);
  });
});

describe('the Activity index through a sync merge (found by review)', () => {
  /** The index as read, and as a rebuild from every event in the database gives it. */
  async function indexAndTruth(db: TrackerDb) {
    const far = Date.parse('2100-01-01T00:00:00.000Z');
    const kept = await readActivityIndex(db, 0, far);
    const truth = await db.transaction('rw', [...eventTables(db), db.meta], async () => {
      await rebuildActivityIndex(db, await allEvents(db));
      return readActivityIndex(db, 0, far);
    });
    return { kept: kept && { entries: kept.entries, refused: kept.refused }, truth };
  }

  it('stays whole when the changes touch only some types: no rebuild of every type later', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 5 } }, t0);
    await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 3 }, t0);
    await ensureActivityIndex(db).done;
    // Another device's new type, then a move of it, and a deletion of Orks.
    const eldar = elsewhere('Eldar', new Date('2026-11-21T10:00:00.000Z'));
    await mergeChangesIntoLocal(db, eldar, receipt(1), () => {}, t0);
    let { kept, truth } = await indexAndTruth(db);
    expect(kept).toEqual({ entries: truth!.entries, refused: truth!.refused });
    const eldarType = eldar.types[0]!;
    const done = {
      id: id(),
      type_id: eldarType.id,
      kind: 'move' as const,
      from_stage: 'IN_BOX' as const,
      to_stage: 'DONE' as const,
      qty: 2,
      created_at: '2026-11-22T10:00:00.000Z',
    };
    await mergeChangesIntoLocal(
      db,
      {
        types: [{ ...eldarType, counts: { ...eldarType.counts, IN_BOX: 0, DONE: 2 } }],
        events: [done],
        tombstones: [],
      },
      receipt(2),
      () => {},
      t0,
    );
    ({ kept, truth } = await indexAndTruth(db));
    expect(kept).toEqual({ entries: truth!.entries, refused: truth!.refused });
    expect(kept!.entries.some((e) => e.finished === 2)).toBe(true);
    const gone = { id: orks.id, deleted_at: '2026-11-23T10:00:00.000Z', merged_into: null };
    await mergeChangesIntoLocal(
      db,
      { types: [], events: [], tombstones: [gone] },
      receipt(3),
      () => {},
      t0,
    );
    ({ kept, truth } = await indexAndTruth(db));
    expect(kept).toEqual({ entries: truth!.entries, refused: truth!.refused });
    expect(kept!.entries.some((e) => e.typeId === orks.id)).toBe(false);
  });

  it('is built whole on a first sync, before Activity is ever opened', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    await mergeChangesIntoLocal(db, elsewhere('Eldar', t0), receipt(1), () => {}, t0);
    const { kept, truth } = await indexAndTruth(db);
    expect(kept).toEqual({ entries: truth!.entries, refused: truth!.refused });
    expect(kept!.entries).toHaveLength(1);
  });
});

describe('recovery', () => {
  it('corrections bring back a restore point’s data as changes that sync, history kept', async () => {
    const db = open();
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 5 } });
    await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 3 });
    const point = await takeRestorePoint(db, await readState(db), 'import');
    await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'BUILDING', qty: 2 });
    await createType(db, { name: 'Tau' });
    await db.outbox.clear();
    // The confirmation's preview says what the restore will record, and writes nothing.
    const before = await readState(db);
    const points = await db.restore_points.count();
    const preview = await previewCorrections(db, await readRestorePoint(db, point!.id));
    expect(await readState(db)).toEqual(before);
    expect(await db.restore_points.count()).toBe(points);
    expect(await db.outbox.count()).toBe(0);
    const summary = await correctTo(db, await readRestorePoint(db, point!.id));
    expect(summary).toEqual({
      deleted: 1,
      deletedNames: ['Tau'],
      recreated: 0,
      renamed: 0,
      recounted: 1,
      events: 1,
    });
    expect(preview).toEqual(summary);
    const state = await readState(db);
    expect(state.types.map((t) => [t.name, t.counts])).toEqual([
      ['Orks', { IN_BOX: 2, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 3 }],
    ]);
    // Add, two moves, and the undo of the move made since the point.
    const history = [...state.events].sort(compareEvents);
    expect(history.map((e) => [e.from_stage, e.to_stage, e.qty, e.reverts ?? null])).toEqual([
      [null, 'IN_BOX', 5, null],
      ['IN_BOX', 'DONE', 3, null],
      ['IN_BOX', 'BUILDING', 2, null],
      ['BUILDING', 'IN_BOX', 2, history[2]!.id],
    ]);
    expect((await db.outbox.toArray()).map((r) => r.kind).sort()).toEqual([
      'event',
      'tombstone',
      'type',
    ]);
  });

  it('replacing with the server’s copy keeps a restore point and takes its cursor', async () => {
    const db = open();
    await createType(db, { name: 'Orks' });
    const server = elsewhere('Eldar', new Date('2026-11-20T10:00:00.000Z'));
    await replaceLocalState(db, server, { url: URL, cursor: `${CURSOR}:9` });
    expect((await readState(db)).types.map((t) => t.name)).toEqual(['Eldar']);
    expect((await listRestorePoints(db))[0]).toMatchObject({ reason: 'replace', types: 1 });
    expect(await db.outbox.count()).toBe(0);
    expect((await readCursor(db, URL)).cursor).toBe(`${CURSOR}:9`);
    // An older server backup restored here is a restore, not "replacing with the
    // server's copy" (review: the point was labelled so, though Replace was never pressed).
    await replaceLocalState(db, elsewhere('Tau', new Date('2026-11-19T10:00:00.000Z')), null);
    expect((await listRestorePoints(db))[0]).toMatchObject({ reason: 'restore', types: 1 });
  });

  it('replacing or correcting an empty device keeps no restore point of nothing', async () => {
    const db = open();
    const server = elsewhere('Eldar', new Date('2026-11-20T10:00:00.000Z'));
    expect(await replaceLocalState(db, server, { url: URL, cursor: `${CURSOR}:9` })).toBe(false);
    expect((await readState(db)).types.map((t) => t.name)).toEqual(['Eldar']);
    expect(await listRestorePoints(db)).toEqual([]);
    // With data here, the replace keeps it (and says so).
    expect(await replaceLocalState(db, elsewhere('Tau', new Date()), null)).toBe(true);
    expect(await listRestorePoints(db)).toMatchObject([{ reason: 'restore', types: 1 }]);
    const other = open();
    await correctTo(other, server);
    expect((await readState(other)).types.map((t) => t.name)).toEqual(['Eldar']);
    expect(await listRestorePoints(other)).toEqual([]);
  });

  it('re-dates what the server refused for the clock, and notes it for the next push', async () => {
    const db = open();
    const ahead = new Date('2026-11-25T10:00:00.000Z');
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 1 } }, ahead);
    await db.outbox.clear();
    const [add] = (await readState(db)).events;
    const now = new Date('2026-11-20T10:00:00.000Z');
    expect(await redateRefused(db, { type_ids: [orks.id], event_ids: [add!.id] }, now)).toEqual({
      changed: 2,
      conflicts: [],
    });
    const state = await readState(db);
    expect(state.types[0]).toMatchObject({
      created_at: now.toISOString(),
      name_updated_at: now.toISOString(),
    });
    expect(state.events[0]!.created_at).toBe(now.toISOString());
    expect(await db.outbox.count()).toBe(2);
  });

  it('moves what it re-dates to its new minute in Activity (found by review)', async () => {
    const db = open();
    const ahead = new Date('2027-06-01T10:00:00.000Z');
    const orks = await createType(
      db,
      { name: 'Orks', counts: { IN_BOX: 2 } },
      new Date('2026-11-01T10:00:00.000Z'),
    );
    await ensureActivityIndex(db).done;
    const done = await moveModels(
      db,
      { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 2 },
      ahead,
    );
    const now = new Date('2026-11-20T10:00:00.000Z');
    await redateRefused(db, { type_ids: [], event_ids: [done.event.id] }, now);
    const minute = Math.floor(now.getTime() / 60_000);
    const index = await readActivityIndex(db, now.getTime(), now.getTime());
    expect(index?.finished).toEqual([[minute, 2]]);
    expect((await readActivityIndex(db, ahead.getTime(), ahead.getTime()))?.finished).toEqual([]);
  });
});

describe('where a merge stores events (event-store.ts)', () => {
  it('a first sync of many events writes history rows; a later tap is a row of its own; reads merge both', async () => {
    const db = open();
    const t0 = new Date('2026-11-20T10:00:00.000Z');
    // 30 types of 40 events each: one add of 40 to In box, then 39 moves of one model.
    const incoming: TrackerState = { types: [], events: [], tombstones: [] };
    for (let k = 0; k < 30; k++) {
      const made = elsewhere(`Type ${k}`, t0);
      const type = {
        ...made.types[0]!,
        counts: { ...made.types[0]!.counts, IN_BOX: 3, BUILDING: 38 },
      };
      const add = { ...made.events[0]!, qty: 41 };
      const moves = Array.from({ length: 38 }, (_, i) => ({
        id: id(),
        type_id: type.id,
        from_stage: 'IN_BOX' as const,
        to_stage: 'BUILDING' as const,
        qty: 1,
        created_at: new Date(t0.getTime() + (i + 1) * 60_000).toISOString(),
      }));
      incoming.types.push(type);
      incoming.events.push(add, ...moves);
    }
    expect(incoming.events.length).toBeGreaterThanOrEqual(BULK_FROM);
    await mergeChangesIntoLocal(db, incoming, receipt(1), () => {}, t0);
    expect(await db.events.count()).toBe(0);
    expect(await db.histories.count()).toBe(30);
    const type = incoming.types[7]!;
    const later = new Date(t0.getTime() + 3_600_000);
    const tap = await moveModels(
      db,
      { typeId: type.id, from: 'IN_BOX', to: 'BUILDING', qty: 1 },
      later,
    );
    expect(await db.events.count()).toBe(1);
    const history = await db.transaction('r', eventTables(db), async () => {
      return await eventsOfType(db, type.id);
    });
    expect(history).toHaveLength(40);
    expect(history.at(-1)).toEqual(tap.event);
    expect((await readState(db)).events).toHaveLength(incoming.events.length + 1);
    expect((await db.types.get(type.id))!.counts).toMatchObject({ IN_BOX: 2, BUILDING: 39 });
  });
});
