import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type DataFile,
  defaultTypeFields,
  emptyState,
  type HistoryEvent,
  readChanges,
  type Stage,
  stateToDataFile,
  type TrackerState,
  unwrap,
} from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { makeState } from '../test-support/fixtures';
import { orphanEvents, useTestApp } from '../test-support/test-app';

const DAY = 24 * 60 * 60_000;
const T0 = Date.parse('2026-06-01T12:00:00.000Z');
let n = 0;
const key = () => `changes-${Date.now()}-${++n}`;
const fragment = (s: TrackerState): DataFile => stateToDataFile(s, new Date(T0));
/** Two models added to `stage` of type `typeId` at `at` (ms). */
const added = (id: string, typeId: string, stage: Stage, at: number): HistoryEvent => ({
  id,
  type_id: typeId,
  from_stage: null,
  to_stage: stage,
  qty: 2,
  created_at: new Date(at).toISOString(),
});
const body = (since: string | null, s: TrackerState) =>
  JSON.stringify({ since, changes: fragment(s) });

describeEachDatabase('POST /sync/changes', (kind) => {
  let clock = T0;
  const t = useTestApp(kind, {}, { now: () => new Date(clock) });
  const push = (text: string, k: string = key(), headers: Record<string, string> = {}) =>
    t.call('POST', '/api/v1/sync/changes', text, { 'idempotency-key': k, ...headers });
  const changesOf = (res: { body: { changes: unknown } }) => unwrap(readChanges(res.body.changes));
  const seq = async () =>
    Number((await t.db.query<{ seq: number }>('SELECT seq FROM change_seq'))[0]?.seq);

  const seeded = makeState(3, 4, 'Delta');
  let cursorA = '';
  let cursorB = '';

  it('a new device with nothing gets the empty state, a cursor and the server time', async () => {
    const res = await push(body(null, emptyState()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      full: true,
      server_time: new Date(T0).toISOString(),
      refused: null,
      report: { types_created: 0, events_added: 0, changed: false },
    });
    expect(res.body.cursor).toMatch(/^[0-9a-f-]{36}:0$/);
    expect(res.body.changes).toMatchObject({ format: 'miniatures-tracker', types: [] });
    expect(res.headers.get('x-server-time')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('merges what a device sends and answers only what it lacks', async () => {
    const a = await push(body(null, seeded), key(), { 'x-device': 'Phone' });
    expect(a.status).toBe(200);
    expect(a.body.report).toMatchObject({ types_created: 3, events_added: 12, conflicts: [] });
    expect(changesOf(a)).toEqual(emptyState()); // all of it came from the device
    cursorA = a.body.cursor;
    // Another device, new: gets everything.
    const b = await push(body(null, emptyState()));
    expect(b.body.full).toBe(true);
    expect(changesOf(b).events).toHaveLength(12);
    expect(changesOf(b).types.map((x) => x.name)).toEqual(['Delta 0', 'Delta 1', 'Delta 2']);
    cursorB = b.body.cursor;
    expect(cursorB).toBe(cursorA);
  });

  it('one move out: the answer is empty; the other device then gets just that move', async () => {
    const type = seeded.types[1]!;
    const move: HistoryEvent = {
      id: '5a1b2c3d-0000-4000-8000-00000000d001',
      type_id: type.id,
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
      created_at: new Date(T0).toISOString(),
    };
    const moved = { ...type, counts: { ...type.counts, IN_BOX: type.counts.IN_BOX - 1 } };
    moved.counts.DONE += 1;
    const before = await seq();
    const a = await push(body(cursorA, { types: [moved], events: [move], tombstones: [] }));
    expect(a.body.full).toBe(false);
    expect(changesOf(a)).toEqual(emptyState());
    expect(await seq()).toBe(before + 1);
    expect(a.body.cursor).not.toBe(cursorA);
    cursorA = a.body.cursor;
    const b = await push(body(cursorB, emptyState()));
    expect(b.text.length).toBeLessThan(2_048);
    const got = changesOf(b);
    expect(got.events).toEqual([move]);
    expect(got.types.map((x) => [x.id, x.counts])).toEqual([[type.id, moved.counts]]);
    expect(b.body.cursor).toBe(cursorA);
    cursorB = b.body.cursor;
    // Nothing new: nothing comes back, and no change is numbered.
    const again = await push(body(cursorB, emptyState()));
    expect(changesOf(again)).toEqual(emptyState());
    expect(again.body.cursor).toBe(cursorB);
    expect(await seq()).toBe(before + 1);
  });

  it('a retry with the same key after a lost answer merges nothing again', async () => {
    const type = seeded.types[0]!;
    const add = added('5a1b2c3d-0000-4000-8000-00000000d002', type.id, 'PRIMING', T0 + 1000);
    const text = body(cursorA, { types: [type], events: [add], tombstones: [] });
    const k = key();
    const first = await push(text, k);
    const head = await seq();
    const log = await t.db.query('SELECT seq FROM change_log');
    // Meanwhile another device moves a model: the retry's answer includes it.
    const other = await t.call('POST', `/api/v1/types/${seeded.types[2]!.id}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'BUILDING',
      qty: 1,
    });
    expect(other.status).toBe(200);
    const retry = await push(text, k);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.report).toEqual(first.body.report);
    expect(await seq()).toBe(head + 1); // the move only
    expect((await t.db.query('SELECT seq FROM change_log')).length).toBe(log.length + 1);
    expect(changesOf(retry).events.map((e) => e.id)).toEqual([other.body.event.id]);
    const [row] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM history_events WHERE id = $1',
      [add.id],
    );
    expect(row?.n).toBe(1);
    const reused = await push(body(cursorA, emptyState()), k);
    expect([reused.status, reused.body.error.code]).toEqual([400, 'ERR_IDEMPOTENCY_KEY_INVALID']);
    cursorA = retry.body.cursor;
  });

  it('answers everything when the cursor names another database', async () => {
    const [server] = cursorA.split(':');
    const foreign = `${server === '00000000-0000-4000-8000-000000000000' ? '11111111-1111-4111-8111-111111111111' : '00000000-0000-4000-8000-000000000000'}:3`;
    const res = await push(body(foreign, emptyState()));
    expect(res.body.full).toBe(true);
    expect(changesOf(res).types).toHaveLength(3);
    const ahead = await push(body(`${server}:999999`, emptyState()));
    expect(ahead.body.full).toBe(true);
  });

  it('takes and gives gzip bodies; refuses a broken or oversized one', async () => {
    const res = await t.app.request('/api/v1/sync/changes', {
      method: 'POST',
      headers: {
        'idempotency-key': key(),
        'content-encoding': 'gzip',
        'accept-encoding': 'gzip, deflate',
        'content-type': 'application/json',
      },
      body: gzipSync(body(null, emptyState())),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const raw = Buffer.from(await res.arrayBuffer());
    const text = gunzipSync(raw).toString('utf8');
    expect(Number(res.headers.get('x-uncompressed-length'))).toBe(Buffer.byteLength(text));
    expect(raw.length).toBeLessThan(Buffer.byteLength(text) / 3);
    expect(JSON.parse(text).full).toBe(true);
    const broken = await push('not gzip at all', key(), { 'content-encoding': 'gzip' });
    expect([broken.status, broken.body.error.details.reason]).toEqual([400, 'bad_gzip']);
    const bomb = await t.app.request('/api/v1/sync/changes', {
      method: 'POST',
      headers: { 'idempotency-key': key(), 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(60 * 1024 * 1024, 32)),
    });
    expect(bomb.status).toBe(413);
  });

  it('reports a broken fragment at its path and changes nothing', async () => {
    const before = await seq();
    const file = JSON.parse(body(null, makeState(1, 1, 'Broken')));
    file.changes.types[0].history[0].qty = 0;
    const res = await push(JSON.stringify(file));
    expect(res.body.error).toMatchObject({
      code: 'ERR_IMPORT_INVALID',
      details: { path: '$.changes.types[0].history[0].qty' },
    });
    const noSince = await push(JSON.stringify({ changes: file.changes }));
    expect(noSince.body.error.code).toBe('ERR_VALIDATION');
    expect(await seq()).toBe(before);
  });

  it('refuses what is dated over a day after its clock, keeps the rest, and says what waits', async () => {
    const type = seeded.types[0]!;
    const ahead: HistoryEvent = {
      id: '5a1b2c3d-0000-4000-8000-00000000d003',
      type_id: type.id,
      from_stage: null,
      to_stage: 'DONE',
      qty: 1,
      created_at: new Date(clock + 2 * DAY).toISOString(),
    };
    const fine: HistoryEvent = { ...ahead, id: '5a1b2c3d-0000-4000-8000-00000000d004' };
    fine.created_at = new Date(clock + DAY - 1).toISOString();
    const fresh = makeState(1, 2, 'Tomorrow');
    fresh.types[0]!.created_at = new Date(clock + 3 * DAY).toISOString();
    fresh.types[0]!.name_updated_at = fresh.types[0]!.created_at;
    // Its fields are dated at its creation too (SPEC §9: never before it).
    Object.assign(fresh.types[0]!, defaultTypeFields(fresh.types[0]!.created_at));
    // A rename of a type the server holds, dated two days ahead: it waits, and the
    // server's own record of the type stands.
    const held = seeded.types[1]!;
    const renamed = { ...held, name: 'Renamed ahead', name_updated_at: ahead.created_at };
    // Its move dated now still counts (it is not a type new to the server).
    const heldMove: HistoryEvent = {
      ...fine,
      id: '5a1b2c3d-0000-4000-8000-00000000d005',
      type_id: held.id,
      created_at: new Date(clock).toISOString(),
    };
    const res = await push(
      body(cursorA, {
        types: [type, renamed, ...fresh.types],
        events: [ahead, fine, heldMove, ...fresh.events],
        tombstones: [],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.refused).toEqual({
      code: 'ERR_CLOCK_SKEW',
      latest_allowed: new Date(clock + DAY).toISOString(),
      type_ids: [held.id, fresh.types[0]!.id],
      event_ids: expect.arrayContaining([ahead.id, ...fresh.events.map((e) => e.id)]),
    });
    expect(res.body.report.events_added).toBe(2);
    const stored = await t.db.query<{ id: string }>(
      'SELECT id FROM history_events WHERE id = ANY($1::uuid[]) ORDER BY id',
      [[ahead.id, fine.id, heldMove.id, ...fresh.events.map((e) => e.id)]],
    );
    expect(stored.map((r) => r.id)).toEqual([fine.id, heldMove.id]);
    expect((await t.call('GET', `/api/v1/types/${fresh.types[0]!.id}`)).status).toBe(404);
    const stands = await t.call('GET', `/api/v1/types/${held.id}`);
    expect(stands.body).toMatchObject({ name: held.name, name_updated_at: held.name_updated_at });
    cursorA = res.body.cursor;
  });

  it('a delete and a same-name type reach the other device as tombstones', async () => {
    const victim = seeded.types[2]!;
    const orks = makeState(1, 1, 'Delta');
    orks.types[0]!.name = 'DELTA 0'; // folds into "Delta 0", created earlier
    orks.types[0]!.created_at = new Date(T0 + 5 * DAY).toISOString();
    orks.types[0]!.name_updated_at = orks.types[0]!.created_at;
    Object.assign(orks.types[0]!, defaultTypeFields(orks.types[0]!.created_at));
    orks.types[0]!.id = '5a1b2c3d-0000-4000-8000-00000000e001';
    for (const e of orks.events) {
      e.type_id = orks.types[0]!.id;
      e.id = `5a1b2c3d-0000-4000-8000-00000000e0${e.id.slice(-2)}`;
    }
    clock = T0 + 5 * DAY;
    const a = await push(
      body(cursorA, {
        types: orks.types,
        events: orks.events,
        tombstones: [
          { id: victim.id, deleted_at: new Date(clock).toISOString(), merged_into: null },
        ],
      }),
    );
    expect(a.body.report.types_folded).toEqual([
      expect.objectContaining({ id: orks.types[0]!.id, into_name: 'Delta 0' }),
    ]);
    // The fold tombstone and the survivor, which gained the events, come back to A.
    const back = changesOf(a);
    expect(back.tombstones.map((x) => [x.id, x.merged_into])).toEqual([
      [orks.types[0]!.id, seeded.types[0]!.id],
    ]);
    expect(back.types.map((x) => x.id)).toEqual([seeded.types[0]!.id]);
    const b = await push(body(cursorB, emptyState()));
    const got = changesOf(b);
    expect(got.tombstones.map((x) => x.id).sort()).toEqual([orks.types[0]!.id, victim.id].sort());
    expect(got.types.map((x) => x.id)).not.toContain(victim.id);
    expect(await orphanEvents(t)).toBe(0);
  });

  it('a new device gets the newest backup revision, as it is or rolled forward to now', async () => {
    const fresh = () => push(body(null, emptyState()));
    const source = (res: { headers: Headers }) =>
      /\bfull;desc="([^"]+)"/.exec(res.headers.get('server-timing') ?? '')?.[1];
    const exported = async () => (await t.call('GET', '/api/v1/export')).body as DataFile;
    const same = (a: unknown, b: unknown) =>
      expect(unwrap(readChanges(a))).toEqual(unwrap(readChanges(b)));
    clock += DAY;
    const backupAt = new Date(clock).toISOString();
    expect((await t.store.writeBackupRevision()).kind).toBe('written');
    clock += 60_000;
    // Nothing changed since the backup: its text is the answer (its time, not now's).
    const kept = await fresh();
    expect(kept.body.changes.exported_at).toBe(backupAt);
    same(kept.body.changes, await exported());
    expect(kept.headers.get('server-timing')).toMatch(/\bstore;dur=[\d.]+/);
    expect(source(kept)).toBe('revision');
    // A new goal alone is a change: the backup no longer holds the state of now.
    const goal = { metric: 'models', period: 'month', target: 12 } as const;
    const withGoal = {
      ...fragment(emptyState()),
      goal,
      goal_updated_at: new Date(clock).toISOString(),
    };
    const before = await seq();
    const g = await push(JSON.stringify({ since: cursorA, changes: withGoal }));
    expect(g.status).toBe(200);
    expect(await seq()).toBe(before + 1);
    const afterGoal = await fresh();
    expect(afterGoal.body.changes).toMatchObject({
      goal,
      exported_at: new Date(clock).toISOString(),
    });
    same(afterGoal.body.changes, await exported());
    expect(source(afterGoal)).toBe('rolled-forward');
    // A change after the backup: the backup is rolled forward by it.
    clock += 60 * 60_000;
    expect((await t.store.writeBackupRevision()).kind).toBe('written');
    const type = seeded.types[0]!;
    const move = added('5a1b2c3d-0000-4000-8000-00000000f001', type.id, 'IN_BOX', clock);
    const state = unwrap(readChanges(await exported()));
    const stored = state.types.find((x) => x.id === type.id)!;
    const m = await push(
      body(cursorA, {
        types: [{ ...stored, counts: { ...stored.counts, IN_BOX: stored.counts.IN_BOX + 2 } }],
        events: [move],
        tombstones: [],
      }),
    );
    expect(m.body.report.events_added).toBe(1);
    const afterMove = await fresh();
    expect(unwrap(readChanges(afterMove.body.changes)).events).toContainEqual(move);
    same(afterMove.body.changes, await exported());
    expect(source(afterMove)).toBe('rolled-forward');
    // Without a numbered backup the whole state is read.
    await t.db.query('UPDATE snapshots SET seq = NULL');
    const read = await fresh();
    same(read.body.changes, await exported());
    expect(source(read)).toBe('read');
  });

  // The rest of the kind of "a new goal alone never reached the server": a push of only
  // the file's unknown top-level fields (a newer app's) was taken for an empty one too.
  it('a push of only unknown top-level fields is merged and numbered', async () => {
    const before = await seq();
    const theme = { accent: 'green', since: 3 };
    const res = await push(
      JSON.stringify({ since: cursorA, changes: { ...fragment(emptyState()), theme } }),
    );
    expect(res.status).toBe(200);
    expect(await seq()).toBe(before + 1);
    const exported = (await t.call('GET', '/api/v1/export')).body as Record<string, unknown>;
    expect(exported.theme).toEqual(theme);
  });
});
