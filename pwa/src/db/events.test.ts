import { replay } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { addModels, moveModels, removeModels } from './events';
import { getLocalChangeSeq } from './meta';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType } from './types';

let db: TrackerDb;
afterEach(() => db?.delete());

describe('event actions', () => {
  it('moves, adds and removes, keeping counts equal to the replay of the events', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Intercessors', counts: { IN_BOX: 10 } });
    await moveModels(db, { typeId: t.id, from: 'IN_BOX', to: 'PRIMING', qty: 4 });
    await addModels(db, { typeId: t.id, stage: 'DONE', qty: 2 });
    const { type } = await removeModels(db, { typeId: t.id, stage: 'IN_BOX', qty: 1 });
    expect(type.counts).toEqual({ IN_BOX: 5, BUILDING: 0, PRIMING: 4, PAINTING: 0, DONE: 2 });
    const state = await readState(db);
    expect(replay(state.events).counts).toEqual(type.counts);
    expect(await getLocalChangeSeq(db)).toBe(4);
  });

  it('refuses a backwards move and a move of more than available, changing nothing', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Boyz', counts: { BUILDING: 2 } });
    await expect(
      moveModels(db, { typeId: t.id, from: 'BUILDING', to: 'IN_BOX', qty: 1 }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_STAGE_TRANSITION',
    });
    await expect(
      moveModels(db, { typeId: t.id, from: 'BUILDING', to: 'DONE', qty: 3 }),
    ).rejects.toMatchObject({
      code: 'ERR_INSUFFICIENT_QTY',
    });
    expect((await db.types.get(t.id))!.counts.BUILDING).toBe(2);
    expect(await db.events.count()).toBe(1);
  });

  it('is atomic: when storing the counts fails, the event is not kept either', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Boyz', counts: { IN_BOX: 2 } });
    db.types.hook('updating', () => {
      throw new Error('quota');
    });
    await expect(
      moveModels(db, { typeId: t.id, from: 'IN_BOX', to: 'DONE', qty: 1 }),
    ).rejects.toMatchObject({
      code: 'ERR_STORAGE',
    });
    expect(await db.events.count()).toBe(1);
    expect((await db.types.get(t.id))!.counts.IN_BOX).toBe(2);
  });

  it('two tabs moving the last models at once cannot drive a count negative', async () => {
    db = freshDb();
    const other = openTrackerDb(db.name); // a second connection, as another tab has
    const t = await createType(db, { name: 'Last ones', counts: { PAINTING: 1 } });
    const results = await Promise.allSettled([
      moveModels(db, { typeId: t.id, from: 'PAINTING', to: 'DONE', qty: 1 }),
      moveModels(other, { typeId: t.id, from: 'PAINTING', to: 'DONE', qty: 1 }),
      moveModels(other, { typeId: t.id, from: 'PAINTING', to: 'DONE', qty: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(rejected.map((r) => r.reason.code)).toEqual([
      'ERR_INSUFFICIENT_QTY',
      'ERR_INSUFFICIENT_QTY',
    ]);
    const type = await db.types.get(t.id);
    expect(type!.counts).toMatchObject({ PAINTING: 0, DONE: 1 });
    other.close();
  });

  it('never dates a new event before the type’s last event when the clock runs back', async () => {
    db = freshDb();
    const t = await createType(
      db,
      { name: 'Clock', counts: { IN_BOX: 3 } },
      new Date('2026-01-02T00:00:00.000Z'),
    );
    const { event } = await moveModels(
      db,
      { typeId: t.id, from: 'IN_BOX', to: 'DONE', qty: 1 },
      new Date('2026-01-01T00:00:00.000Z'),
    );
    expect(event.created_at).toBe('2026-01-02T00:00:00.001Z');
  });

  it('dates a move now when another device dated an event far ahead (issue 8, item 9)', async () => {
    db = freshDb();
    const t = await createType(
      db,
      { name: 'Ahead', counts: { IN_BOX: 10 } },
      new Date('2026-11-01T00:00:00.000Z'),
    );
    // A device whose clock ran ahead finished one model "next June".
    await db.events.add({
      id: '00000000-0000-4000-8000-0000000000f1',
      type_id: t.id,
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
      created_at: '2027-06-01T00:00:00.000Z',
    });
    await db.types.update(t.id, { counts: { ...t.counts, IN_BOX: 9, DONE: 1 } });
    const now = new Date('2026-11-30T12:00:00.000Z');
    const { event, type } = await moveModels(
      db,
      { typeId: t.id, from: 'IN_BOX', to: 'BUILDING', qty: 2 },
      now,
    );
    expect(event.created_at).toBe(now.toISOString());
    expect(type.counts).toMatchObject({ IN_BOX: 7, BUILDING: 2, DONE: 1 });
  });
});
