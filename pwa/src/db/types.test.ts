import { DomainError } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { getLocalChangeSeq } from './meta';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType, deleteType, renameType } from './types';

let db: TrackerDb;
afterEach(() => db?.delete());

describe('type actions', () => {
  it('creates a type with initial counts as add events and bumps local_change_seq', async () => {
    db = freshDb();
    const type = await createType(db, {
      name: '  Space   Marines ',
      counts: { IN_BOX: 10, DONE: 2 },
    });
    expect(type.name).toBe('Space Marines');
    const state = await readState(db);
    expect(state.types[0]!.counts).toEqual({
      IN_BOX: 10,
      BUILDING: 0,
      PRIMING: 0,
      PAINTING: 0,
      DONE: 2,
    });
    expect(
      [...state.events]
        .sort((x, y) => (x.qty < y.qty ? 1 : -1))
        .map((e) => [e.from_stage, e.to_stage, e.qty]),
    ).toEqual([
      [null, 'IN_BOX', 10],
      [null, 'DONE', 2],
    ]);
    expect(await getLocalChangeSeq(db)).toBe(1);
  });

  it('rejects a taken name case-insensitively and writes nothing', async () => {
    db = freshDb();
    await createType(db, { name: 'Ork Boyz' });
    await expect(
      createType(db, { name: 'ork  boyz', counts: { IN_BOX: 3 } }),
    ).rejects.toMatchObject({
      code: 'ERR_NAME_TAKEN',
    });
    const state = await readState(db);
    expect(state.types).toHaveLength(1);
    expect(state.events).toHaveLength(0);
    expect(await getLocalChangeSeq(db)).toBe(1);
  });

  it('is atomic: a failure after the type row is written leaves nothing behind', async () => {
    db = freshDb();
    db.events.hook('creating', () => {
      throw new Error('disk full');
    });
    const error = await createType(db, { name: 'Intercessors', counts: { IN_BOX: 10 } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('ERR_STORAGE');
    expect(await db.types.count()).toBe(0);
    expect(await getLocalChangeSeq(db)).toBe(0);
  });

  it('renames, allowing a change of case of its own name, refusing another type’s', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'Orks' });
    await createType(db, { name: 'Eldar' });
    const renamed = await renameType(db, a.id, 'ORKS');
    expect(renamed.name).toBe('ORKS');
    expect(renamed.name_updated_at >= a.name_updated_at).toBe(true);
    await expect(renameType(db, a.id, 'eldar')).rejects.toMatchObject({ code: 'ERR_NAME_TAKEN' });
    await expect(renameType(db, a.id, '   ')).rejects.toMatchObject({ code: 'ERR_NAME_INVALID' });
    expect((await db.types.get(a.id))!.name).toBe('ORKS');
  });

  it('deletes a type with its events and leaves a tombstone', async () => {
    db = freshDb();
    const a = await createType(db, { name: 'Orks', counts: { IN_BOX: 5 } });
    await deleteType(db, a.id);
    const state = await readState(db);
    expect(state.types).toEqual([]);
    expect(state.events).toEqual([]);
    expect(state.tombstones).toEqual([expect.objectContaining({ id: a.id, merged_into: null })]);
    await expect(deleteType(db, a.id)).rejects.toMatchObject({ code: 'ERR_TYPE_NOT_FOUND' });
  });
});
