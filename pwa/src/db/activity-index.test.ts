import {
  boughtPerPeriod,
  finishedPerPeriod,
  type HistoryEvent,
  TIME_RANGE,
  type TrackerState,
} from '@mpt/shared';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { buildActivityIndex, readActivityIndex } from './activity-index';
import { addModels, moveModels, removeModels, revertEvent, reworkModels } from './events';
import { minuteOf } from './finished-tally';
import { newId } from './ids';
import { mergeIntoLocal } from './merge';
import { restoreFromPoint, restorePointTables, takeRestorePoint } from './restore-points';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType, deleteType } from './types';

let db: TrackerDb;
afterEach(() => db?.delete());

// Every time a stored event may carry (SPEC §8).
const ALL = [Date.parse(TIME_RANGE.min), Date.parse(TIME_RANGE.max)] as const;

/** The index as stored, without its revision (which every write bumps). */
async function storedIndex(target: TrackerDb) {
  const rows = await target.meta.where('key').startsWith('activity_').toArray();
  return rows
    .map((r) =>
      r.key === 'activity_index'
        ? {
            ...r,
            value: {
              ...(r.value as object),
              rev: 0,
              refused: [...(r.value as { refused: string[] }).refused].sort(),
            },
          }
        : r,
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The stored index must equal one built from scratch over the same events. */
async function expectIndexFresh(target: TrackerDb): Promise<void> {
  const kept = await storedIndex(target);
  expect(await readActivityIndex(target, ...ALL)).not.toBeNull();
  await target.meta.where('key').startsWith('activity_').delete();
  expect(await buildActivityIndex(target)).toBe(true);
  expect(kept).toEqual(await storedIndex(target));
}

const event = (typeId: string, e: Partial<HistoryEvent>): HistoryEvent => ({
  id: newId(),
  type_id: typeId,
  from_stage: null,
  to_stage: 'IN_BOX',
  qty: 1,
  created_at: new Date().toISOString(),
  ...e,
});

describe('the Activity index', () => {
  it('is missing until built, then every local write keeps it as a fresh build would be', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 5, DONE: 2 } });
    expect(await readActivityIndex(db, ...ALL)).toBeNull();
    expect(await buildActivityIndex(db)).toBe(true);
    const view = await readActivityIndex(db, ...ALL);
    expect(view?.finished).toEqual([[minuteOf(a.created_at), 2]]);

    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 2 });
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'PAINTING', qty: 1 });
    await addModels(db, { typeId: a.id, stage: 'DONE', qty: 3 });
    await removeModels(db, { typeId: a.id, stage: 'DONE', qty: 1 });
    const b = await createType(db, { name: 'B', counts: { DONE: 4 } });
    await expectIndexFresh(db);
    const total = (await readActivityIndex(db, ...ALL))!.finished.reduce((n, [, q]) => n + q, 0);
    expect(total).toBe(2 + 2 + 3 + 4);

    await deleteType(db, b.id);
    await expectIndexFresh(db);
  });

  it('leaves out a move that a merge sets aside', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 1 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const local = await readState(db);
    const add = local.events[0]!;
    // Another device finished the same model first: this device's move is set aside.
    const incoming: TrackerState = {
      ...local,
      events: [
        add,
        event(a.id, {
          from_stage: 'IN_BOX',
          to_stage: 'DONE',
          created_at: new Date(Date.parse(add.created_at) + 1).toISOString(),
        }),
      ],
    };
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    await mergeIntoLocal(db, incoming, { dryRun: false, reason: 'sync' });
    const view = await readActivityIndex(db, ...ALL);
    expect(view?.refused.size).toBe(1);
    expect(view?.finished.reduce((n, [, q]) => n + q, 0)).toBe(1);
    await expectIndexFresh(db);
  });

  it('a local move among far-ahead events re-tallies its type and keeps the index exact', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 2 } });
    expect(await buildActivityIndex(db)).toBe(true);
    // A device whose clock ran 200 days ahead finished one model (F1), then moved one
    // from Building to Done (F2: set aside, Building is empty).
    const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const f1 = event(a.id, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
      created_at: ahead(200),
    });
    const f2 = event(a.id, {
      from_stage: 'BUILDING',
      to_stage: 'DONE',
      qty: 1,
      created_at: ahead(201),
    });
    const state = await readState(db);
    await mergeIntoLocal(
      db,
      { ...state, events: [...state.events, f1, f2] },
      { dryRun: false, reason: 'sync' },
    );
    expect([...(await readActivityIndex(db, ...ALL))!.refused]).toEqual([f2.id]);
    // Dated now, this move would let F2 apply after it; SPEC §8 keeps what is set aside
    // as it was, so the move goes after them, and F2 stays aside.
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'BUILDING', qty: 1 });
    const view = await readActivityIndex(db, ...ALL);
    expect([...view!.refused]).toEqual([f2.id]);
    expect(view!.finished).toEqual([[minuteOf(f1.created_at), 1]]);
    await expectIndexFresh(db);
  });

  it('is rebuilt by a restore, and a writer that bypassed it makes it stale', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 3 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const saved = await readState(db);
    const point = await db.transaction('rw', restorePointTables(db), () =>
      takeRestorePoint(db, saved, 'import'),
    );
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 3 });
    await restoreFromPoint(db, point!.id);
    expect((await readActivityIndex(db, ...ALL))?.finished).toEqual([]);
    await expectIndexFresh(db);

    await db.events.add(event(a.id, { to_stage: 'DONE', qty: 9 })); // not through db/
    expect(await readActivityIndex(db, ...ALL)).toBeNull();
    expect(await buildActivityIndex(db)).toBe(true);
    expect((await readActivityIndex(db, ...ALL))?.finished.map(([, q]) => q)).toEqual([9]);
  });

  it('a build counts the local writes made while it read (logged without an index)', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 4 } });
    const b = await createType(db, { name: 'B', counts: { DONE: 2 } });
    let writes: Promise<unknown> | null = null;
    const stored = await buildActivityIndex(db, () => {
      // Another tab's writes, outside the build's own read transaction.
      writes ??= Dexie.ignoreTransaction(async () => {
        await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 3 });
        await deleteType(db, b.id);
      });
    });
    await writes;
    expect(stored).toBe(true);
    expect((await readActivityIndex(db, ...ALL))?.finished.map(([, q]) => q)).toEqual([3]);
    await expectIndexFresh(db);
  });

  it('a build overtaken by a writer that bypassed the log is not stored', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 3 } });
    const building = buildActivityIndex(db, () => {
      // Another tab's write, outside the build's own read transaction.
      void Dexie.ignoreTransaction(() => db.events.add(event(a.id, { to_stage: 'DONE' })));
    });
    expect(await building).toBe(false);
    expect(await readActivityIndex(db, ...ALL)).toBeNull();
  });

  it('counts finished net of reworks; an undone tap and its undo count nothing (SPEC §9)', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 6 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const total = async () =>
      (await readActivityIndex(db, ...ALL))!.finished.reduce((n, [, q]) => n + q, 0);
    const finish = await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 4 });
    expect(await total()).toBe(4);
    // A mistaken tap, undone: the 4 are no longer finished (the undo itself moves out of
    // DONE without being a rework, and the pair is hidden).
    await revertEvent(db, { typeId: a.id, eventId: finish.event.id });
    expect(await total()).toBe(0);
    await expectIndexFresh(db);
    // An add straight to DONE and a removal from DONE undone: the add to DONE that
    // undoes the removal does not count as finished either.
    await addModels(db, { typeId: a.id, stage: 'DONE', qty: 2 });
    const removal = await removeModels(db, { typeId: a.id, stage: 'DONE', qty: 1 });
    expect(await total()).toBe(2);
    await revertEvent(db, { typeId: a.id, eventId: removal.event.id });
    expect(await total()).toBe(2);
    // Rework: 2 sent back from DONE to PRIMING take 2 away; finishing them again adds 2.
    await reworkModels(db, { typeId: a.id, from: 'DONE', to: 'PRIMING', qty: 2 });
    expect(await total()).toBe(0);
    const again = await moveModels(db, { typeId: a.id, from: 'PRIMING', to: 'DONE', qty: 2 });
    expect(await total()).toBe(2);
    // A rework that is itself undone counts nothing.
    const back = await reworkModels(db, { typeId: a.id, from: 'DONE', to: 'BUILDING', qty: 1 });
    expect(await total()).toBe(1);
    await revertEvent(db, { typeId: a.id, eventId: back.event.id });
    expect(await total()).toBe(2);
    // A rework out of a stage other than DONE never changes finished.
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'PAINTING', qty: 2 });
    await reworkModels(db, { typeId: a.id, from: 'PAINTING', to: 'IN_BOX', qty: 1 });
    expect(await total()).toBe(2);
    await expectIndexFresh(db);
    // The index agrees with shared's rule over the whole history.
    const { events } = await readState(db);
    expect(finishedPerPeriod(events, [ALL[0]], ALL[1])).toEqual([await total()]);
    expect(again.type.counts.DONE).toBe(2);
  });

  it('a merge that brings an undo of a finished move takes it out of the index', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 3 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const finish = await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 3 });
    const local = await readState(db);
    // Another device undid it (same event, synced there first).
    const undo = event(a.id, {
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      qty: 3,
      reverts: finish.event.id,
      created_at: new Date(Date.parse(finish.event.created_at) + 1000).toISOString(),
    });
    await mergeIntoLocal(
      db,
      { ...local, events: [...local.events, undo] },
      { dryRun: false, reason: 'sync' },
    );
    expect((await readActivityIndex(db, ...ALL))!.finished).toEqual([]);
    await expectIndexFresh(db);
  });

  it('an index of the first rule (every move into DONE counted) is not read: it is built again', async () => {
    db = freshDb();
    await createType(db, { name: 'A', counts: { DONE: 1 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const head = await db.meta.get('activity_index');
    const { rule: _, ...old } = head!.value as { rule: number };
    await db.meta.put({ key: 'activity_index', value: old });
    expect(await readActivityIndex(db, ...ALL)).toBeNull();
    expect(await buildActivityIndex(db)).toBe(true);
    expect((await readActivityIndex(db, ...ALL))?.finished.map(([, q]) => q)).toEqual([1]);
  });

  it('keeps bought and finished per type: an add and its undo count nothing, a removal neither (docs/pwa.md)', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { IN_BOX: 5 } });
    const b = await createType(db, { name: 'B', counts: { DONE: 2 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const sums = async (typeId: string) => {
      const entries = (await readActivityIndex(db, ...ALL))!.entries.filter(
        (e) => e.typeId === typeId,
      );
      return {
        bought: entries.reduce((n, e) => n + e.bought, 0),
        finished: entries.reduce((n, e) => n + e.finished, 0),
      };
    };
    expect(await sums(a.id)).toEqual({ bought: 5, finished: 0 });
    expect(await sums(b.id)).toEqual({ bought: 2, finished: 2 });
    const more = await addModels(db, { typeId: a.id, stage: 'IN_BOX', qty: 3 });
    expect(await sums(a.id)).toEqual({ bought: 8, finished: 0 });
    await revertEvent(db, { typeId: a.id, eventId: more.event.id });
    expect(await sums(a.id)).toEqual({ bought: 5, finished: 0 });
    await removeModels(db, { typeId: a.id, stage: 'IN_BOX', qty: 1 });
    await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 2 });
    expect(await sums(a.id)).toEqual({ bought: 5, finished: 2 });
    await expectIndexFresh(db);
    // The index agrees with shared's rules, type by type.
    const { events } = await readState(db);
    for (const t of [a, b]) {
      const own = events.filter((e) => e.type_id === t.id);
      expect([
        boughtPerPeriod(own, [ALL[0]], ALL[1])[0],
        finishedPerPeriod(own, [ALL[0]], ALL[1])[0],
      ]).toEqual(Object.values(await sums(t.id)));
    }
  });

  it('an index of rule 2 (finished per minute only) is built again, now per type', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'A', counts: { DONE: 1 } });
    expect(await buildActivityIndex(db)).toBe(true);
    const head = await db.meta.get('activity_index');
    await db.meta.put({ key: 'activity_index', value: { ...(head!.value as object), rule: 2 } });
    expect(await readActivityIndex(db, ...ALL)).toBeNull();
    expect(await buildActivityIndex(db)).toBe(true);
    const view = await readActivityIndex(db, ...ALL);
    expect(view?.entries.map((e) => [e.typeId, e.bought, e.finished])).toEqual([[a.id, 1, 1]]);
  });
});
