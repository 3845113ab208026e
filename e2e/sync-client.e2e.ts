// The PWA's sync service against the real sync-server app, in process: Dexie on
// fake-indexeddb is each device's database, PGlite in memory is the server's, and
// the client's fetch is the app's own fetch handler. No browser and no socket, so
// this suite runs everywhere (it is in e2e/ because it spans pwa/ and sync-server/).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { moveModels } from '../pwa/src/db/events';
import { getLocalChangeSeq } from '../pwa/src/db/meta';
import { listRestorePoints } from '../pwa/src/db/restore-points';
import { readState } from '../pwa/src/db/state-io';
import { createType } from '../pwa/src/db/types';
import { createSyncClient } from '../pwa/src/sync/client';
import {
  byId,
  changeSeq,
  device,
  runCleanup,
  server,
  settled,
  syncNow,
  TOKEN,
} from './support/sync-devices';

afterEach(runCleanup);

describe('sync client against the real server app (in process, PGlite)', () => {
  it('pushes, pulls and leaves two devices with the same data', async () => {
    const srv = await server();
    const a = device(srv);
    const b = device(srv);
    await settled(a);
    await settled(b);
    const orks = await createType(a.db, { name: 'Orks', counts: { IN_BOX: 10 } });
    await createType(b.db, { name: 'Eldar', counts: { PRIMING: 3 } });
    await syncNow(a);
    await syncNow(b);
    await moveModels(b.db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 4 });
    await syncNow(b);
    await syncNow(a);
    const stateA = byId(await readState(a.db));
    expect(stateA).toEqual(byId(await readState(b.db)));
    expect(stateA.types.map((t) => t.name).sort()).toEqual(['Eldar', 'Orks']);
    expect(stateA.types.find((t) => t.name === 'Orks')?.counts).toMatchObject({
      IN_BOX: 6,
      DONE: 4,
    });
    // The server's pull gives the same state.
    const pulled = await createSyncClient({
      baseUrl: srv.url,
      token: null,
      fetch: srv.fetch,
    }).pull();
    expect(byId(pulled.state)).toEqual(stateA);
    // Every sync used its own key, and every POST carried one.
    const posts = [...a.net.sent, ...b.net.sent].filter((r) => r.method === 'POST');
    expect(new Set(posts.map((r) => r.key)).size).toBe(posts.length);
    expect(a.sync.state.record.value.last_error).toBeNull();
    expect(a.sync.state.record.value.last_sync_at).not.toBeNull();
  });

  it('retries a lost answer with the same Idempotency-Key, and the server applies it once', async () => {
    const srv = await server();
    const a = device(srv);
    await settled(a);
    await createType(a.db, { name: 'Orks', counts: { IN_BOX: 5 } });
    const before = await changeSeq(srv);
    const sentBefore = a.net.sent.length;
    let lost = 0;
    a.net.dropAnswer = (req) => req.method === 'POST' && lost++ === 0;
    await syncNow(a);
    expect(a.sync.state.record.value.last_error?.code).toBe('ERR_SYNC_UNREACHABLE');
    expect(a.sync.state.scheduler.value.mode).toBe('waiting');
    expect(await changeSeq(srv)).toBe(before + 1); // the server did merge it
    await a.env.advance(a.sync.state.scheduler.value.nextRetryAt! - a.env.now());
    await settled(a);
    const posts = a.net.sent.slice(sentBefore).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.key).toBe(posts[0]!.key);
    expect(await changeSeq(srv)).toBe(before + 1); // replayed, not merged again
    const pulled = await createSyncClient({
      baseUrl: srv.url,
      token: null,
      fetch: srv.fetch,
    }).pull();
    expect(byId(pulled.state)).toEqual(byId(await readState(a.db)));
    expect(a.sync.state.record.value.last_error).toBeNull();
    expect(a.sync.state.scheduler.value.failures).toBe(0);
    // The next sync is a new attempt with a new key.
    await syncNow(a);
    const third = a.net.sent.slice(sentBefore).filter((r) => r.method === 'POST')[2]!;
    expect(third.key).not.toBe(posts[0]!.key);
  });

  it('backs off while the server is down and recovers when it is back', async () => {
    const srv = await server();
    const a = device(srv);
    await settled(a);
    const sentBefore = a.net.sent.length;
    a.net.down = true;
    await syncNow(a);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = a.sync.state.scheduler.value.nextRetryAt! - a.env.now();
      waits.push(wait);
      await a.env.advance(wait);
      await settled(a);
    }
    expect(waits).toEqual([1_500, 3_000, 6_000, 12_000]);
    const keys = a.net.sent.slice(sentBefore).map((r) => r.key);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(1); // one attempt, retried with its key
    a.net.down = false;
    await a.env.advance(a.sync.state.scheduler.value.nextRetryAt! - a.env.now());
    await settled(a);
    expect(a.sync.state.record.value.last_error).toBeNull();
    expect(a.sync.state.scheduler.value.mode).toBe('idle');
  });

  it('stops on 401, says so, and syncs once the right token is set', async () => {
    const srv = await server({ SYNC_TOKEN: TOKEN });
    const a = device(srv, { token: 'wrong-token-wrong-token' });
    await settled(a);
    await createType(a.db, { name: 'Orks', counts: { IN_BOX: 5 } });
    await syncNow(a);
    expect(a.sync.state.record.value.last_error?.code).toBe('ERR_UNAUTHORIZED');
    expect(a.sync.state.scheduler.value.mode).toBe('stopped');
    expect(a.sync.state.badge.value).toBe('unauthorized');
    const sent = a.net.sent.length;
    a.sync.scheduler.localChange();
    a.sync.scheduler.request('visible');
    await a.env.advance(60 * 60_000);
    await settled(a);
    expect(a.net.sent.length).toBe(sent); // no retries after a 401
    await a.sync.testConnection();
    expect(a.sync.state.connection.value).toMatchObject({
      state: 'failed',
      code: 'ERR_UNAUTHORIZED',
    });
    a.sync.updateSettings({ token: TOKEN });
    await settled(a);
    await a.sync.testConnection();
    expect(a.sync.state.connection.value.state).toBe('ok');
    await syncNow(a);
    expect(a.sync.state.record.value.last_error).toBeNull();
    expect(a.net.sent.at(-1)?.auth).toBe(`Bearer ${TOKEN}`);
    expect(await changeSeq(srv)).toBe(1);
  });

  it('keeps local writes made during the request and syncs them next', async () => {
    const srv = await server();
    const a = device(srv);
    await settled(a);
    const orks = await createType(a.db, { name: 'Orks', counts: { IN_BOX: 5 } });
    a.net.before = async (req) => {
      if (req.method !== 'POST') return;
      a.net.before = undefined;
      await moveModels(a.db, { typeId: orks.id, from: 'IN_BOX', to: 'BUILDING', qty: 2 });
    };
    await syncNow(a);
    const local = await readState(a.db);
    expect(local.types[0]!.counts).toMatchObject({ IN_BOX: 3, BUILDING: 2 });
    expect(local.events).toHaveLength(2);
    // The move was not in the pushed snapshot: it is still pending and a sync is due.
    a.sync.noteLocalSeq(await getLocalChangeSeq(a.db));
    expect(a.sync.state.pending.value).toBe(1);
    await a.env.advance(3_000);
    await settled(a);
    expect(a.sync.state.pending.value).toBe(0);
    const pulled = await createSyncClient({
      baseUrl: srv.url,
      token: null,
      fetch: srv.fetch,
    }).pull();
    expect(pulled.state.types[0]!.counts).toMatchObject({ IN_BOX: 3, BUILDING: 2 });
  });

  it('lists a refused move as a conflict on the device that made it, and takes a restore point', async () => {
    const srv = await server();
    const a = device(srv);
    const b = device(srv);
    await settled(a);
    await settled(b);
    const orks = await createType(a.db, { name: 'Orks', counts: { IN_BOX: 3 } });
    await syncNow(a);
    await syncNow(b);
    // B was empty when its first sync brought Orks: a point of nothing is not kept.
    expect(await listRestorePoints(b.db)).toHaveLength(0);
    // Dated a little ahead so B's move comes first in history (within a day of the
    // server's clock: further ahead, the server would refuse them, SPEC §10).
    const t0 = Date.now() + 60 * 60_000;
    await moveModels(
      b.db,
      { typeId: orks.id, from: 'IN_BOX', to: 'PRIMING', qty: 3 },
      new Date(t0),
    );
    await moveModels(
      a.db,
      { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 2 },
      new Date(t0 + 1_000),
    );
    await syncNow(b);
    const pointsBefore = (await listRestorePoints(a.db)).length;
    const aBefore = byId(await readState(a.db));
    await syncNow(a);
    await syncNow(b);
    const conflicts = a.sync.state.record.value.conflicts;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      type_name: 'Orks',
      reason: 'ERR_INSUFFICIENT_QTY',
      event: { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 2 },
    });
    expect(a.sync.state.badge.value).toBe('conflicts');
    expect(byId(await readState(a.db))).toEqual(byId(await readState(b.db)));
    expect((await readState(a.db)).types[0]!.counts).toMatchObject({
      IN_BOX: 0,
      PRIMING: 3,
      DONE: 0,
    });
    // The sync changed A's data, so A kept its previous state first.
    const points = await listRestorePoints(a.db);
    expect(points.length).toBe(pointsBefore + 1);
    expect(points[0]!.reason).toBe('sync');
    const saved = await a.db.restore_point_data.get(points[0]!.id);
    const savedFile = JSON.parse(saved!.data) as { types: { counts: unknown }[] };
    expect(savedFile.types[0]!.counts).toEqual(aBefore.types[0]!.counts);
    // A device that joins later gets the same data, not the others' old conflicts.
    const c = device(srv);
    await settled(c);
    expect(byId(await readState(c.db))).toEqual(byId(await readState(a.db)));
    expect(c.sync.state.record.value.conflicts).toEqual([]);
    // Dismissing clears the list and it stays clear on the next sync.
    a.sync.dismissConflicts();
    await syncNow(a);
    expect(a.sync.state.record.value.conflicts).toEqual([]);
    expect(a.sync.state.badge.value).toBe('ok');
  });

  it('sends only what changed and gets only what it lacks, under a fresh key each time', async () => {
    const srv = await server();
    const a = device(srv);
    const b = device(srv);
    await settled(a);
    await settled(b);
    for (let i = 0; i < 30; i++)
      await createType(a.db, { name: `Type ${i}`, counts: { IN_BOX: 4 } });
    await syncNow(a); // the first sync sends everything, gzip-compressed
    const first = a.net.sent.filter((r) => r.method === 'POST').at(-1)!;
    const [orks] = (await readState(a.db)).types;
    await syncNow(a);
    await syncNow(a);
    const idle = a.net.sent.filter((r) => r.method === 'POST').slice(-2);
    expect(idle.map((r) => r.bytes).every((bytes) => bytes < 250)).toBe(true);
    expect(first.bytes).toBeGreaterThan(idle[0]!.bytes * 5);
    expect(new Set([first.key, ...idle.map((p) => p.key)]).size).toBe(3);
    // One move: its type and the event go out.
    await moveModels(a.db, { typeId: orks!.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    await syncNow(a);
    expect(a.net.sent.filter((r) => r.method === 'POST').at(-1)!.bytes).toBeLessThan(1_024);
    // B gets everything once, then just what changed.
    await syncNow(b);
    expect(byId(await readState(b.db))).toEqual(byId(await readState(a.db)));
    await createType(b.db, { name: 'Eldar', counts: { DONE: 2 } });
    await syncNow(b);
    await syncNow(a);
    expect(byId(await readState(a.db))).toEqual(byId(await readState(b.db)));
    const transfer = a.sync.state.record.value.last_transfer!;
    expect(transfer.received).toBeLessThan(2_048);
    // A write during the request stays in the outbox and goes out next.
    a.net.before = async (req) => {
      if (req.method !== 'POST') return;
      a.net.before = undefined;
      await moveModels(a.db, { typeId: orks!.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    };
    await createType(b.db, { name: 'Tau', counts: { IN_BOX: 1 } });
    await syncNow(b);
    await syncNow(a); // merges Tau, keeps the move made meanwhile
    await syncNow(a);
    await syncNow(b);
    expect(byId(await readState(a.db))).toEqual(byId(await readState(b.db)));
    expect(a.sync.state.record.value.last_error).toBeNull();
  });

  it('a device whose server was wiped sends everything once, and both end the same', async () => {
    const first = await server();
    const a = device(first);
    await settled(a);
    await createType(a.db, { name: 'Orks', counts: { IN_BOX: 4 } });
    await syncNow(a);
    const cursor = a.sync.state.record.value.last_cursor;
    // The same address now answers from a new, empty database.
    const fresh = await server();
    first.fetch = fresh.fetch;
    await syncNow(a);
    await settled(a); // the push of everything it asked for at once
    expect(a.sync.state.record.value.last_cursor?.split(':')[0]).not.toBe(cursor?.split(':')[0]);
    const pulled = await createSyncClient({
      baseUrl: fresh.url,
      token: null,
      fetch: fresh.fetch,
    }).pull();
    expect(byId(pulled.state)).toEqual(byId(await readState(a.db)));
  });

  it('restores everywhere as corrections, and replaces a device with the server’s copy', async () => {
    const srv = await server();
    const a = device(srv);
    const b = device(srv);
    await settled(a);
    await settled(b);
    const orks = await createType(a.db, { name: 'Orks', counts: { IN_BOX: 5 } });
    await syncNow(a);
    await syncNow(b);
    const target = await readState(a.db);
    // B moves and adds a type; A restores the earlier state on every device.
    await moveModels(b.db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 3 });
    await createType(b.db, { name: 'Tau' });
    await syncNow(b);
    const summary = await a.sync.restoreEverywhere(target);
    // The move is undone exactly (reverts), Tau deleted.
    expect(summary).toEqual({
      deleted: 1,
      deletedNames: ['Tau'],
      recreated: 0,
      renamed: 0,
      recounted: 1,
      events: 1,
    });
    await settled(a);
    await syncNow(b);
    for (const d of [a, b]) {
      const s = await readState(d.db);
      expect(s.types.map((t) => [t.name, t.counts.IN_BOX, t.counts.DONE])).toEqual([
        ['Orks', 5, 0],
      ]);
    }
    // B makes a move offline-only, then takes the server's copy instead.
    await moveModels(b.db, { typeId: orks.id, from: 'IN_BOX', to: 'BUILDING', qty: 1 });
    await b.sync.replaceWithServer();
    expect(byId(await readState(b.db))).toEqual(byId(await readState(a.db)));
    expect((await listRestorePoints(b.db))[0]!.reason).toBe('replace');
    expect(b.sync.state.pending.value).toBe(0);
    await syncNow(b); // nothing of the dropped move goes out
    expect(byId(await readState(a.db))).toEqual(byId(await readState(b.db)));
  });

  it('test connection reports an unreachable server as ERR_SYNC_UNREACHABLE', async () => {
    const srv = await server();
    const a = device(srv);
    await settled(a);
    a.net.down = true;
    await a.sync.testConnection();
    expect(a.sync.state.connection.value).toMatchObject({
      state: 'failed',
      code: 'ERR_SYNC_UNREACHABLE',
    });
    a.net.down = false;
    await a.sync.testConnection();
    expect(a.sync.state.connection.value).toMatchObject({ state: 'ok' });
  });
});
