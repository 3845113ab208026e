import { describe, expect, it } from 'vitest';
import { droppedEventIds } from '../db/dropped-events';
import { moveModels } from '../db/events';
import { mergeIntoLocal } from '../db/merge';
import { listRestorePoints, restoreFromPoint } from '../db/restore-points';
import { readState } from '../db/state-io';
import { createType, deleteType, renameType } from '../db/types';
import { memoryClient } from './memory-client';
import { deviceDatabases, syncOnce as sync } from './test-devices';

const at = (s: string) => new Date(`2026-11-20T10:00:${s}Z`);

const device = deviceDatabases();

const fakeServer = () => memoryClient();

describe('a deleted type that comes back through a fold', () => {
  it('reports the set-aside move to the device that made it, though it deleted the type', async () => {
    const server = fakeServer();
    const [phone, desktop, tablet] = [device(), device(), device()];
    // The tablet's "Orks" is older than the phone's "Intercessors": it survives a fold.
    await createType(tablet, { name: 'Orks' }, at('00.000'));
    const intercessors = await createType(
      phone,
      { name: 'Intercessors', counts: { IN_BOX: 5 } },
      at('01.000'),
    );
    for (const db of [phone, desktop, tablet]) await sync(server, db);

    // Apart: the desktop spends 4 boxed models first, the phone 3 a moment later.
    const mine = await moveModels(
      phone,
      { typeId: intercessors.id, from: 'IN_BOX', to: 'BUILDING', qty: 3 },
      at('03.000'),
    );
    await sync(server, phone);
    await deleteType(phone, intercessors.id, at('04.000'));
    expect(await droppedEventIds(phone)).toContain(mine.event.id);
    await moveModels(
      desktop,
      { typeId: intercessors.id, from: 'IN_BOX', to: 'BUILDING', qty: 4 },
      at('02.000'),
    );
    await renameType(desktop, intercessors.id, 'Orks', at('05.000'));
    // The server folds Intercessors into the tablet's Orks before the deletion arrives:
    // the phone's move is set aside there and reported to the desktop, which synced.
    const desktopSync = await sync(server, desktop);
    expect(desktopSync.conflicts.map((c) => c.event.id)).toEqual([mine.event.id]);

    const phoneSync = await sync(server, phone);
    expect(phoneSync.conflicts.map((c) => c.event.id)).toEqual([mine.event.id]);
    const state = await readState(phone);
    expect(state.events.map((e) => e.id)).toContain(mine.event.id);
    // Held again: it leaves the list, and the next syncs report nothing new.
    expect(await droppedEventIds(phone)).not.toContain(mine.event.id);
    expect((await sync(server, phone)).conflicts).toEqual([]);
  });

  it('a merge that drops events with a deleted type remembers them', async () => {
    const server = fakeServer();
    const [phone, desktop] = [device(), device()];
    const orks = await createType(phone, { name: 'Orks', counts: { IN_BOX: 2 } });
    await sync(server, phone);
    await sync(server, desktop);
    await deleteType(desktop, orks.id);
    await sync(server, desktop);
    const held = (await readState(phone)).events.map((e) => e.id);
    await sync(server, phone);
    expect((await readState(phone)).events).toEqual([]);
    expect([...(await droppedEventIds(phone))].sort()).toEqual(held.sort());
  });

  it('a restore remembers the newer events it drops, and forgets those it brings back', async () => {
    const [phone, other] = [device(), device()];
    await createType(phone, { name: 'Orks', counts: { IN_BOX: 2 } });
    await createType(other, { name: 'Eldar', counts: { DONE: 1 } });
    await mergeIntoLocal(phone, await readState(other), { dryRun: false, reason: 'import' });
    const eldar = (await readState(other)).events.map((e) => e.id);
    const [beforeImport] = await listRestorePoints(phone);
    await restoreFromPoint(phone, beforeImport!.id);
    expect([...(await droppedEventIds(phone))].sort()).toEqual([...eldar].sort());
    const [beforeRestore] = await listRestorePoints(phone);
    await restoreFromPoint(phone, beforeRestore!.id);
    expect(await droppedEventIds(phone)).toEqual(new Set());
  });
});
