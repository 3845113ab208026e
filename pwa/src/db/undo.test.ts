import { appliedEvents } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildActivityIndex, readActivityIndex } from './activity-index';
import { addModels, moveModels, revertEvent, revertEvents, reworkModels } from './events';
import { getLocalChangeSeq } from './meta';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType, deleteType, restoreDeletedType } from './types';

let db: TrackerDb;
afterEach(() => db?.delete());

// SPEC §9 on the app's own database: the shared planners in a Dexie transaction.
describe('undo and rework actions', () => {
  it('undoes a move exactly, once; reworks back; counts stay the replay', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Intercessors', counts: { IN_BOX: 5 } });
    const { event: move } = await moveModels(db, {
      typeId: t.id,
      from: 'IN_BOX',
      to: 'DONE',
      qty: 3,
    });
    const undone = await revertEvent(db, { typeId: t.id, eventId: move.id.toUpperCase() });
    expect(undone.event).toMatchObject({
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      qty: 3,
      reverts: move.id,
    });
    expect(undone.type.counts).toMatchObject({ IN_BOX: 5, DONE: 0 });
    await expect(revertEvent(db, { typeId: t.id, eventId: move.id })).rejects.toMatchObject({
      code: 'ERR_ALREADY_REVERTED',
    });
    await expect(revertEvent(db, { typeId: t.id, eventId: undone.event.id })).rejects.toMatchObject(
      {
        code: 'ERR_NOT_REVERTIBLE',
      },
    );
    await moveModels(db, { typeId: t.id, from: 'IN_BOX', to: 'DONE', qty: 2 });
    const back = await reworkModels(db, { typeId: t.id, from: 'DONE', to: 'PRIMING', qty: 1 });
    expect(back.event.rework).toBe(true);
    expect(back.type.counts).toMatchObject({ IN_BOX: 3, PRIMING: 1, DONE: 1 });
    expect((await db.types.get(t.id))!.counts).toEqual(back.type.counts);
  });

  it('refuses bad undos and a rework forward with their codes, changing nothing', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'Boyz', counts: { IN_BOX: 2 } });
    const b = await createType(db, { name: 'Nobz', counts: { IN_BOX: 1 } });
    const [foreign] = await db.events.where('type_id').equals(b.id).toArray();
    const before = await readState(db);
    const seq = await getLocalChangeSeq(db);
    await expect(
      revertEvent(db, { typeId: a.id, eventId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'ERR_EVENT_NOT_FOUND' });
    await expect(revertEvent(db, { typeId: a.id, eventId: foreign!.id })).rejects.toMatchObject({
      code: 'ERR_EVENT_OF_OTHER_TYPE',
      details: { type_id: b.id },
    });
    await expect(
      reworkModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 1 }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_REWORK' });
    expect(await readState(db)).toEqual(before);
    expect(await getLocalChangeSeq(db)).toBe(seq);
  });

  it('an undo in one tab and a move of the same models in another: one of them fails', async () => {
    db = freshDb();
    const other = openTrackerDb(db.name);
    const t = await createType(db, { name: 'Boyz', counts: { IN_BOX: 3 } });
    const { event } = await moveModels(db, { typeId: t.id, from: 'IN_BOX', to: 'PRIMING', qty: 3 });
    const results = await Promise.allSettled([
      revertEvent(db, { typeId: t.id, eventId: event.id }),
      moveModels(other, { typeId: t.id, from: 'PRIMING', to: 'DONE', qty: 3 }),
    ]);
    other.close();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const counts = (await db.types.get(t.id))!.counts;
    expect(Object.values(counts).every((c) => c >= 0)).toBe(true);
    expect(counts.IN_BOX + counts.PRIMING + counts.DONE).toBe(3);
  });

  it('undoes a history entry of several taps in one transaction, newest first, or not at all', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Boyz', counts: { IN_BOX: 5 } });
    const one = await moveModels(db, { typeId: t.id, from: 'IN_BOX', to: 'BUILDING', qty: 2 });
    // The second tap moves on models the first one brought: undone first, it can be.
    const two = await moveModels(db, { typeId: t.id, from: 'BUILDING', to: 'DONE', qty: 2 });
    const out = await revertEvents(db, { typeId: t.id, eventIds: [one.event.id, two.event.id] });
    expect(out.events.map((e) => e.reverts)).toEqual([two.event.id, one.event.id]);
    expect(out.type.counts).toMatchObject({ IN_BOX: 5, BUILDING: 0, DONE: 0 });
    const { events } = await readState(db);
    expect(appliedEvents(events).map((e) => e.from_stage)).toEqual([null]);
    // Once more: refused whole, nothing written.
    const seq = await getLocalChangeSeq(db);
    await expect(
      revertEvents(db, { typeId: t.id, eventIds: [one.event.id, two.event.id] }),
    ).rejects.toMatchObject({ code: 'ERR_ALREADY_REVERTED' });
    expect(await getLocalChangeSeq(db)).toBe(seq);
    expect((await readState(db)).events).toHaveLength(events.length);
  });

  it('brings a deleted type back with its fields, counts, history and Activity', async () => {
    db = freshDb();
    const t = await createType(db, {
      name: 'Ork Boyz',
      counts: { IN_BOX: 4 },
      army: 'Orks',
      points_per_model: 9,
      notes: 'green',
    });
    await moveModels(db, { typeId: t.id, from: 'IN_BOX', to: 'DONE', qty: 3 });
    const add = await addModels(db, { typeId: t.id, stage: 'DONE', qty: 1 });
    await revertEvent(db, { typeId: t.id, eventId: add.event.id });
    expect(await buildActivityIndex(db)).toBe(true);
    const finished = async () =>
      (await readActivityIndex(db, 0, Date.now() + 60_000))!.finished.reduce(
        (n, [, q]) => n + q,
        0,
      );
    expect(await finished()).toBe(3);
    const before = (await readState(db)).events;
    const deleted = await deleteType(db, t.id);
    expect(await finished()).toBe(0);
    const back = await restoreDeletedType(db, deleted);
    expect(back.id).not.toBe(t.id);
    expect({ ...back, id: t.id, counts: t.counts }).toEqual(t); // every field and time kept
    expect(back.counts).toMatchObject({ IN_BOX: 1, DONE: 3 });
    const state = await readState(db);
    expect(state.tombstones.map((x) => x.id)).toEqual([t.id]);
    expect(state.events.map((e) => [e.from_stage, e.to_stage, e.qty, e.created_at]).sort()).toEqual(
      before.map((e) => [e.from_stage, e.to_stage, e.qty, e.created_at]).sort(),
    );
    expect(await finished()).toBe(3);
    // The name was taken meanwhile: refused, nothing written.
    await deleteType(db, back.id);
    await createType(db, { name: 'ork boyz' });
    await expect(restoreDeletedType(db, deleted)).rejects.toMatchObject({
      code: 'ERR_NAME_TAKEN',
    });
  });
});
