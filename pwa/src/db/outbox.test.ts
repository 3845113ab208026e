import { afterEach, describe, expect, it } from 'vitest';
import { moveModels, revertEvents } from './events';
import { mergeIntoLocal } from './merge';
import { clearOutbox, readOutgoing } from './outbox';
import { restoreFromPoint } from './restore-points';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { writeCursor } from './sync-cursor';
import { freshDb } from './test-db';
import { createType, deleteType, renameType, restoreDeletedType, updateTypeAndArmy } from './types';

const URL = 'http://sync.test';
const CURSOR = '3f0c2a5e-8d1b-4c6e-9a7f-1b2c3d4e5f60:7';
const dbs: TrackerDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});
function open(): TrackerDb {
  const db = freshDb();
  dbs.push(db);
  return db;
}
const rows = (db: TrackerDb) => db.outbox.toArray().then((r) => r.map((x) => `${x.kind}:${x.id}`));

describe('the outbox: what the next sync sends (SPEC §10)', () => {
  it('every local write notes its records in its own transaction', async () => {
    const db = open();
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 2 } });
    const [add] = (await readState(db)).events;
    const moved = await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    await renameType(db, orks.id, 'Goffs');
    await deleteType(db, orks.id);
    expect(await rows(db)).toEqual([
      `type:${orks.id}`,
      `event:${add!.id}`,
      `event:${moved.event.id}`,
      `type:${orks.id}`,
      `tombstone:${orks.id}`,
    ]);
  });

  it('undo, a whole army’s edit and a deleted type brought back note their records too', async () => {
    const db = open();
    const a = await createType(db, { name: 'Boyz', army: 'Orks', counts: { IN_BOX: 2 } });
    const b = await createType(db, { name: 'Nobz', army: 'Orks' });
    const moved = await moveModels(db, { typeId: a.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    await db.outbox.clear();
    const undo = await revertEvents(db, { typeId: a.id, eventIds: [moved.event.id] });
    await updateTypeAndArmy(db, a.id, { army: 'Goffs' }, true);
    const gone = await deleteType(db, b.id);
    const back = await restoreDeletedType(db, gone);
    const noted = await rows(db);
    expect(noted).toContain(`event:${undo.events[0]!.id}`);
    expect(noted).toContain(`type:${a.id}`);
    expect(noted).toContain(`type:${b.id}`);
    expect(noted).toContain(`type:${back.id}`);
    const copied = (await readState(db)).events.filter((e) => e.type_id === back.id);
    for (const e of copied) expect(noted).toContain(`event:${e.id}`);
  });

  it('without a cursor the push is everything; with one, what the outbox names', async () => {
    const db = open();
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 2 } });
    await createType(db, { name: 'Eldar' });
    const all = await readOutgoing(db, URL);
    // Two local writes so far: the counter travels with the changes that hold them.
    expect(all).toMatchObject({ seq: 2, since: null, everything: true, upTo: 3 });
    await db.transaction('rw', db.outbox, db.meta, async () => {
      await clearOutbox(db, all.upTo, new Set());
      await writeCursor(db, URL, { cursor: CURSOR, pushAll: false });
    });
    const moved = await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    const some = await readOutgoing(db, URL);
    expect(some).toMatchObject({ seq: 3, since: CURSOR, everything: false, upTo: 4 });
    expect(some.changes.types.map((t) => t.name)).toEqual(['Orks']);
    expect(some.changes.events).toEqual([moved.event]);
    // Another server's cursor is not ours: everything again.
    expect((await readOutgoing(db, 'https://other.test')).everything).toBe(true);
  });

  it('clearing keeps rows written after the push and rows that wait for the clock', async () => {
    const db = open();
    const a = await createType(db, { name: 'Orks' });
    const b = await createType(db, { name: 'Eldar' });
    await db.transaction('rw', db.outbox, () => clearOutbox(db, 2, new Set([a.id])));
    expect(await rows(db)).toEqual([`type:${a.id}`]);
    const c = await createType(db, { name: 'Tau' });
    await db.transaction('rw', db.outbox, () => clearOutbox(db, 2, new Set()));
    expect(await rows(db)).toEqual([`type:${c.id}`]);
    expect(b.id).not.toBe(c.id);
  });

  it('an import notes what it brought; a restore forgets the cursor (everything next time)', async () => {
    const db = open();
    const other = open();
    await createType(other, { name: 'Tau', counts: { DONE: 1 } });
    await createType(db, { name: 'Orks' });
    await db.transaction('rw', db.outbox, db.meta, async () => {
      await clearOutbox(db, 99, new Set());
      await writeCursor(db, URL, { cursor: CURSOR, pushAll: false });
    });
    await mergeIntoLocal(db, await readState(other), { dryRun: false, reason: 'import' });
    const sent = await readOutgoing(db, URL);
    expect(sent.changes.types.map((t) => t.name)).toEqual(['Tau']);
    expect(sent.changes.events).toHaveLength(1);
    const [point] = await db.restore_points.toArray();
    await restoreFromPoint(db, point!.id);
    expect(await readOutgoing(db, URL)).toMatchObject({ since: null, everything: true });
    expect(await rows(db)).toEqual([]);
  });
});
