import type { MiniatureType } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openTrackerDb, type TrackerDb } from '../db/schema';
import { freshDb } from '../db/test-db';
import { createType, deleteType, renameType } from '../db/types';
import { until } from '../test-app';
import { watchTypes } from './types-feed';

let db: TrackerDb;
let stop = () => {};
afterEach(async () => {
  stop();
  await db.delete();
});

describe('watchTypes', () => {
  it('follows creates, renames and deletes made through another connection (another tab)', async () => {
    db = freshDb();
    const other = openTrackerDb(db.name);
    let list: MiniatureType[] | null = null;
    stop = watchTypes(
      db,
      (update) => (list = update(list)),
      (e) => {
        throw e;
      },
    );
    await until(() => list !== null);
    const a = await createType(other, { name: 'Orks' });
    const b = await createType(other, { name: 'Eldar' });
    await until(() => list?.length === 2);
    await renameType(other, a.id, 'Ork Boyz');
    await until(() => list?.some((t) => t.name === 'Ork Boyz') === true);
    await deleteType(other, b.id);
    await until(() => list?.length === 1);
    await other.types.clear(); // a key range, not single keys: full re-read
    await until(() => list?.length === 0);
    other.close();
  });

  it('keeps the same list when re-read rows are unchanged (no needless re-render)', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Orks' });
    let list: MiniatureType[] | null = null;
    let updates = 0;
    stop = watchTypes(
      db,
      (update) => {
        const next = update(list);
        if (next !== list) updates++;
        list = next;
      },
      (e) => {
        throw e;
      },
    );
    await until(() => list?.length === 1);
    const before = updates;
    await db.types.put({ ...t }); // same content, e.g. a write this tab already patched in
    await new Promise((r) => setTimeout(r, 50));
    expect(updates).toBe(before);
  });
});
