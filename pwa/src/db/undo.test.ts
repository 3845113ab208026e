import { afterEach, describe, expect, it } from 'vitest';
import { moveModels, revertEvent, reworkModels } from './events';
import { getLocalChangeSeq } from './meta';
import { openTrackerDb, type TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType } from './types';

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
});
