import type { DataFile } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { makeFile } from '../test-support/fixtures';
import { orphanEvents, useTestApp } from '../test-support/test-app';

let n = 0;
let firstKey = '';
const key = () => `test-key-${Date.now()}-${++n}`;

describeEachDatabase('sync routes', (kind) => {
  const t = useTestApp(kind, {}, { snapshotKeep: 3, idempotencyHoldMs: 0 });
  const push = (
    snapshot: unknown,
    k: string | null = key(),
    headers: Record<string, string> = {},
  ) =>
    t.call('POST', '/api/v1/sync', JSON.stringify({ snapshot }), {
      ...(k === null ? {} : { 'idempotency-key': k }),
      ...headers,
    });

  it('pull before any push: revision 0 and an empty snapshot', async () => {
    const res = await t.call('GET', '/api/v1/sync');
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(0);
    expect(res.body.snapshot).toMatchObject({
      format: 'miniatures-tracker',
      types: [],
      tombstones: [],
    });
    expect((await t.call('GET', '/api/v1/sync/revisions')).body).toEqual({ items: [] });
  });

  it('requires a valid Idempotency-Key and a valid snapshot', async () => {
    const file = makeFile(2, 2, 'Keyless');
    for (const k of [null, '', 'has space', 'x'.repeat(201), 'a/b', 'é']) {
      const res = await push(file, k);
      expect([k, res.status, res.body.error.code]).toEqual([k, 400, 'ERR_IDEMPOTENCY_KEY_INVALID']);
    }
    const badJson = await t.call('POST', '/api/v1/sync', '{"snapshot":', {
      'idempotency-key': key(),
    });
    expect(badJson.body.error.code).toBe('ERR_VALIDATION');
    const noSnapshot = await t.call(
      'POST',
      '/api/v1/sync',
      { state: file },
      { 'idempotency-key': key() },
    );
    expect(noSnapshot.body.error.code).toBe('ERR_VALIDATION');
    const broken = JSON.parse(JSON.stringify(file));
    broken.types[1].counts.DONE = 7;
    const inconsistent = await push(broken);
    expect(inconsistent.body.error).toMatchObject({
      code: 'ERR_IMPORT_INCONSISTENT',
      details: { path: '$.snapshot.types[1].counts' },
    });
    const invalid = await push({ ...file, types: [{ ...file.types[0], id: 'nope' }] });
    expect(invalid.body.error).toMatchObject({
      code: 'ERR_IMPORT_INVALID',
      details: { path: '$.snapshot.types[0].id' },
    });
    const future = await push({ ...file, version: 3 });
    expect(future.body.error.code).toBe('ERR_IMPORT_UNSUPPORTED_VERSION');
    expect((await t.call('GET', '/api/v1/sync')).body.snapshot.types).toEqual([]);
  });

  it('push merges, stores a revision, and a retry returns the same bytes and changes nothing', async () => {
    const file = makeFile(3, 3, 'Pushed');
    const k = key();
    firstKey = k;
    const first = await push(file, k, { 'x-device': 'Phone' });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(1);
    expect(first.body.report).toMatchObject({ types_created: 3, events_added: 9, conflicts: [] });
    expect(first.body.snapshot.types.map((x: { name: string }) => x.name)).toEqual([
      'Pushed 0',
      'Pushed 1',
      'Pushed 2',
    ]);
    // A REST change in between: the retry still answers the first answer and writes nothing.
    await t.call('POST', '/api/v1/types', { name: 'Made via REST' });
    const retry = await push(file, k, { 'x-device': 'Phone' });
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const revisions = await t.call('GET', '/api/v1/sync/revisions');
    expect(revisions.body.items).toHaveLength(1);
    expect(revisions.body.items[0]).toMatchObject({
      revision: 1,
      device: 'Phone',
      types: 3,
      events: 9,
    });
    const otherBody = await push(makeFile(1, 1, 'Different'), k);
    expect([otherBody.status, otherBody.body.error.code]).toEqual([
      400,
      'ERR_IDEMPOTENCY_KEY_INVALID',
    ]);
    // The pull shows REST changes too.
    const pull = await t.call('GET', '/api/v1/sync');
    expect(pull.body.revision).toBe(1);
    expect(pull.body.snapshot.types.map((x: { name: string }) => x.name)).toContain(
      'Made via REST',
    );
    expect(t.logs.join('\n')).toContain('/api/v1/sync');
    expect(t.logs.join('\n')).not.toContain('Pushed');
    const stored = await t.call('GET', '/api/v1/sync/revisions/1');
    expect(stored.body.revision).toBe(1);
    expect(stored.body.snapshot).toEqual(first.body.snapshot);
  });

  it('an old snapshot does not bring a deleted type back', async () => {
    const old = (await t.call('GET', '/api/v1/sync')).body.snapshot as DataFile;
    const victim = old.types.find((x) => x.name === 'Pushed 1')!;
    expect((await t.call('DELETE', `/api/v1/types/${victim.id}`)).status).toBe(204);
    const res = await push(old);
    expect(res.status).toBe(200);
    expect(res.body.snapshot.types.map((x: { id: string }) => x.id)).not.toContain(victim.id);
    expect(res.body.snapshot.tombstones.map((x: { id: string }) => x.id)).toContain(victim.id);
    expect((await t.call('GET', `/api/v1/types/${victim.id}`)).status).toBe(404);
    expect(await orphanEvents(t)).toBe(0);
  });

  it('reports conflicts when two devices spent the same models; counts stay exact', async () => {
    const { body: type } = await t.call('POST', '/api/v1/types', {
      name: 'Contested',
      counts: { IN_BOX: 1 },
    });
    const base = (await t.call('GET', '/api/v1/sync')).body.snapshot as DataFile;
    await t.call('POST', `/api/v1/types/${type.id}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
    });
    const device = structuredClone(base);
    const entry = device.types.find((x) => x.id === type.id)!;
    entry.history.push({
      id: '5a1b2c3d-0000-4000-8000-00000000c0de',
      from_stage: 'IN_BOX',
      to_stage: 'PRIMING',
      qty: 1,
      created_at: new Date(Date.now() + 60_000).toISOString(),
    });
    entry.counts = { IN_BOX: 0, BUILDING: 0, PRIMING: 1, PAINTING: 0, DONE: 0 };
    const res = await push(device);
    expect(res.body.report.conflicts).toEqual([
      expect.objectContaining({ type_id: type.id, reason: 'ERR_INSUFFICIENT_QTY' }),
    ]);
    const after = await t.call('GET', `/api/v1/types/${type.id}`);
    expect(after.body.counts).toEqual({ IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 1 });
  });

  it('keeps the last SNAPSHOT_KEEP revisions; unchanged data reuses the revision', async () => {
    const pull = async () => (await t.call('GET', '/api/v1/sync')).body;
    const same1 = await push((await pull()).snapshot);
    const same2 = await push((await pull()).snapshot);
    expect(same2.body.revision).toBe(same1.body.revision);
    for (let i = 0; i < 4; i++) {
      await t.call('POST', '/api/v1/types', { name: `Revision filler ${i}` });
      await push((await pull()).snapshot);
    }
    const { items } = (await t.call('GET', '/api/v1/sync/revisions')).body;
    const latest = (await pull()).revision;
    expect(items.map((r: { revision: number }) => r.revision)).toEqual([
      latest,
      latest - 1,
      latest - 2,
    ]);
    const evicted = await t.call('GET', '/api/v1/sync/revisions/1');
    expect([evicted.status, evicted.body.error.code]).toEqual([404, 'ERR_REVISION_NOT_FOUND']);
    // With no hold, a key whose revision is gone can no longer be answered the same.
    const stale = await push(makeFile(3, 3, 'Pushed'), firstKey);
    expect(stale.body.error).toMatchObject({
      code: 'ERR_IDEMPOTENCY_KEY_INVALID',
      details: { reason: 'expired' },
    });
    const bad = await t.call('GET', '/api/v1/sync/revisions/abc');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
  });
});

describeEachDatabase('sync idempotency hold', (kind) => {
  const t = useTestApp(kind, {}, { snapshotKeep: 1 });

  it('keeps the revision a recent key answered with, so its retry gets the same bytes', async () => {
    const send = (file: unknown, k: string) =>
      t.call('POST', '/api/v1/sync', JSON.stringify({ snapshot: file }), { 'idempotency-key': k });
    const first = await send(makeFile(2, 2, 'Held'), 'hold-1');
    await send(makeFile(2, 2, 'Newer'), 'hold-2');
    await send(makeFile(2, 2, 'Newest'), 'hold-3');
    const retry = await send(makeFile(2, 2, 'Held'), 'hold-1');
    expect(retry.text).toBe(first.text);
    const { items } = (await t.call('GET', '/api/v1/sync/revisions')).body;
    expect(items.map((r: { revision: number }) => r.revision)).toEqual([3, 2, 1]);
  });
});
