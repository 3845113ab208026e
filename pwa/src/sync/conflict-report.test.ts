import { describe, expect, it } from 'vitest';
import { moveModels } from '../db/events';
import type { TrackerDb } from '../db/schema';
import { readState } from '../db/state-io';
import { createType } from '../db/types';
import { memoryClient } from './memory-client';
import { deviceDatabases, syncOnce as sync } from './test-devices';

const at = (s: string) => new Date(`2026-11-20T10:00:${s}Z`);

const device = deviceDatabases();

/** A phone and a desktop in sync with `server`, both holding one type the phone made. */
async function twoDevices(name: string, boxed: number, server = memoryClient()) {
  const [phone, desktop] = [device(), device()];
  const type = await createType(phone, { name, counts: { IN_BOX: boxed } }, at('00.000'));
  for (const db of [phone, desktop]) await sync(server, db);
  return { server, phone, desktop, type };
}

/** `qty` boxed models of `typeId` to Building on `db`, at second `s`. */
const build = (db: TrackerDb, typeId: string, qty: number, s: string) =>
  moveModels(db, { typeId, from: 'IN_BOX', to: 'BUILDING', qty }, at(s));

describe('a device that moves to another server', () => {
  it('does not list again the moves it already had set aside (review: another device’s old conflict showed as its own)', async () => {
    const { server: oldServer, phone, desktop, type } = await twoDevices('Boyz', 5);

    await build(phone, type.id, 4, '01.000');
    const late = await build(desktop, type.id, 3, '02.000');
    await sync(oldServer, phone);
    // The desktop's later move no longer fits: it is the desktop's conflict, reported there.
    expect((await sync(oldServer, desktop)).conflicts.map((c) => c.event.id)).toEqual([
      late.event.id,
    ]);
    expect((await sync(oldServer, phone)).conflicts).toEqual([]);
    expect((await readState(phone)).events.map((e) => e.id)).toContain(late.event.id);

    // The phone now syncs with a new, empty server: it learns the server does not know its
    // cursor, then sends everything; the new server sets the desktop's move aside again.
    const newServer = memoryClient();
    const first = await sync(newServer, phone);
    expect(first.pushAll).toBe(true);
    const all = await sync(newServer, phone);
    expect(newServer.sent.at(-1)?.changes.events.map((e) => e.id)).toContain(late.event.id);
    expect(all.conflicts).toEqual([]);
    expect(first.conflicts).toEqual([]);
    const counts = (await readState(phone)).types[0]?.counts;
    expect(counts).toMatchObject({ IN_BOX: 1, BUILDING: 4 });
  });
});

describe('the same step entered on two devices', () => {
  it('is reported with the time of the step that was counted, so the list can say nothing needs redoing', async () => {
    const { server, phone, desktop, type } = await twoDevices('Gretchin', 5);
    const first = await build(phone, type.id, 4, '10.000');
    // The phone also finishes the last boxed model.
    await moveModels(phone, { typeId: type.id, from: 'IN_BOX', to: 'DONE', qty: 1 }, at('20.000'));
    const again = await build(desktop, type.id, 4, '40.000');
    // Not the same step as any counted one: the desktop primes the last boxed model.
    const other = await moveModels(
      desktop,
      { typeId: type.id, from: 'IN_BOX', to: 'PRIMING', qty: 1 },
      at('41.000'),
    );
    await sync(server, phone);
    const report = await sync(server, desktop);
    expect(report.conflicts.map((c) => [c.event.id, c.twin_at])).toEqual([
      [again.event.id, first.event.created_at],
      [other.event.id, undefined],
    ]);
  });
});

describe('one box logged on two devices', () => {
  it('is reported, both steps counted, to the device whose sync brings the other’s step (review: 10 built from 5)', async () => {
    const { server, phone, desktop, type } = await twoDevices('Nobz', 10);
    const first = await build(phone, type.id, 5, '10.000');
    const again = await build(desktop, type.id, 5, '40.000');
    // Not the same step: not asked about.
    await moveModels(
      desktop,
      { typeId: type.id, from: 'BUILDING', to: 'DONE', qty: 1 },
      at('41.000'),
    );
    expect((await sync(server, phone)).doubles).toEqual([]);
    const report = await sync(server, desktop);
    expect(report.conflicts).toEqual([]);
    expect(report.doubles).toEqual([
      { type_id: type.id, type_name: 'Nobz', event: again.event, twin_at: first.event.created_at },
    ]);
    // Both are counted: the user decides which, if either, to undo.
    expect((await readState(desktop)).types[0]?.counts).toMatchObject({
      IN_BOX: 0,
      BUILDING: 9,
      DONE: 1,
    });
  });
});
