import type { DataFile } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { asV1File } from '../test-support/fixtures';
import { importFile, useTestApp } from '../test-support/test-app';

const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A v2 file with every field of SPEC §9 set and fields of a newer version at each level
 * (file, type, event, tombstone), as a newer app would write it.
 */
function richFile(): DataFile {
  const file = {
    format: 'miniatures-tracker',
    version: 2,
    exported_at: '2026-03-01T00:00:00.000Z',
    goal: { metric: 'points', period: 'month', target: 500 },
    goal_updated_at: '2026-02-10T00:00:00.000Z',
    theme: { accent: 'green' },
    types: [
      {
        id: uid(1),
        name: 'Intercessors',
        created_at: '2026-02-01T00:00:00.000Z',
        name_updated_at: '2026-02-01T00:00:00.000Z',
        army: 'Ultramarines',
        army_updated_at: '2026-02-01T00:00:00.000Z',
        game: 'Warhammer 40,000',
        game_updated_at: '2026-02-02T00:00:00.000Z',
        points_per_model: 20,
        points_per_model_updated_at: '2026-02-03T00:00:00.000Z',
        notes: 'Macragge Blue, Nuln Oil in the recesses.\nBox 3.',
        notes_updated_at: '2026-02-04T00:00:00.000Z',
        counts: { IN_BOX: 6, BUILDING: 0, PRIMING: 1, PAINTING: 0, DONE: 3 },
        photo: { id: 'p1', layers: [1, 2] },
        photo_updated_at: '2026-02-05T00:00:00.000Z',
        history: [
          {
            id: uid(101),
            from_stage: null,
            to_stage: 'IN_BOX',
            qty: 10,
            created_at: '2026-02-01T00:00:00.000Z',
          },
          {
            id: uid(102),
            from_stage: 'IN_BOX',
            to_stage: 'DONE',
            qty: 4,
            created_at: '2026-02-02T00:00:00.000Z',
            mood: 'happy',
          },
          {
            id: uid(103),
            from_stage: 'IN_BOX',
            to_stage: 'BUILDING',
            qty: 1,
            created_at: '2026-02-03T00:00:00.000Z',
          },
          {
            id: uid(104),
            from_stage: 'BUILDING',
            to_stage: 'IN_BOX',
            qty: 1,
            created_at: '2026-02-04T00:00:00.000Z',
            reverts: uid(103),
          },
          {
            id: uid(105),
            from_stage: 'DONE',
            to_stage: 'PRIMING',
            qty: 1,
            created_at: '2026-02-05T00:00:00.000Z',
            rework: true,
          },
        ],
      },
    ],
    tombstones: [
      {
        id: uid(2),
        deleted_at: '2026-02-06T00:00:00.000Z',
        merged_into: null,
        reason: 'sold',
      },
    ],
  };
  return file as unknown as DataFile;
}

const withoutTime = (file: DataFile) => ({ ...file, exported_at: '' });

describeEachDatabase('data file v2 through import, export and sync', (kind) => {
  const t = useTestApp(kind);
  const wipe = () =>
    t.db.query(
      'TRUNCATE history_events, stage_counts, miniature_types, tombstones, snapshots, idempotency_keys, top_level_fields',
    );
  let n = 0;
  const push = (snapshot: unknown) =>
    t.call('POST', '/api/v1/sync', JSON.stringify({ snapshot }), {
      'idempotency-key': `v2-${kind.name}-${++n}`,
    });

  it('import → export gives back every field, the goal and the unknown fields unchanged', async () => {
    await wipe();
    const file = richFile();
    const res = await importFile(t, file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ types_created: 1, events_added: 5, conflicts: [] });
    const exported = (await t.call('GET', '/api/v1/export')).body as DataFile;
    expect(withoutTime(exported)).toEqual(withoutTime(file));
    const type = await t.call('GET', `/api/v1/types/${uid(1)}`);
    expect(type.body).toMatchObject({ army: 'Ultramarines', points_per_model: 20 });
  });

  it('a sync push and the pull after it carry the same, on an empty server', async () => {
    await wipe();
    const file = richFile();
    const pushed = await push(file);
    expect(pushed.status).toBe(200);
    expect(withoutTime(pushed.body.snapshot)).toEqual(withoutTime(file));
    const pulled = await t.call('GET', '/api/v1/sync');
    expect(withoutTime(pulled.body.snapshot)).toEqual(withoutTime(file));
    const revision = await t.call('GET', `/api/v1/sync/revisions/${pulled.body.revision}`);
    expect(withoutTime(revision.body.snapshot)).toEqual(withoutTime(file));
  });

  it('a delta push carries every field and the goal; the goal goes back only when it differs', async () => {
    await wipe();
    const file = richFile();
    const delta = (since: string | null, changes: unknown) =>
      t.call('POST', '/api/v1/sync/changes', JSON.stringify({ since, changes }), {
        'idempotency-key': `v2-delta-${kind.name}-${++n}`,
      });
    const a = await delta(null, file);
    expect(a.status).toBe(200);
    // Device B, empty, gets everything as it was sent.
    const empty = { ...file, goal: null, goal_updated_at: null, types: [], tombstones: [] };
    delete (empty as Record<string, unknown>).theme;
    const b = await delta(null, empty);
    expect(b.status).toBe(200);
    expect(withoutTime(b.body.changes)).toEqual(withoutTime(file));
    // A sends its goal again with nothing else: nothing to answer.
    const again = await delta(a.body.cursor, {
      ...empty,
      goal: file.goal,
      goal_updated_at: file.goal_updated_at,
      theme: file.theme,
    });
    expect(again.body.changes).toMatchObject({ types: [], tombstones: [], goal: null });
    // B sends an older goal: the server keeps the newer one and sends it back.
    const older = {
      ...empty,
      goal: { metric: 'models', period: 'week', target: 3 },
      goal_updated_at: '2026-01-01T00:00:00.000Z',
    };
    const stale = await delta(b.body.cursor, older);
    expect(stale.status).toBe(200);
    expect(stale.body.changes).toMatchObject({
      goal: file.goal,
      goal_updated_at: file.goal_updated_at,
    });
    const exported = (await t.call('GET', '/api/v1/export')).body as DataFile;
    expect(exported.goal).toEqual(file.goal);
  });

  it('an older app (v1 push, v1 import) never erases a field it does not know', async () => {
    await wipe();
    const file = richFile();
    expect((await importFile(t, file)).status).toBe(200);
    // The older app had the type with its first two events, and made one move of its own.
    // It cannot hold an undo or a rework, nor the fields it does not know.
    const old = asV1File(file);
    const oldType = old.types[0]!;
    oldType.history = [
      ...oldType.history.slice(0, 2),
      {
        id: uid(106),
        from_stage: 'IN_BOX',
        to_stage: 'PRIMING',
        qty: 2,
        created_at: '2026-02-07T00:00:00.000Z',
      },
    ];
    oldType.counts = { IN_BOX: 4, BUILDING: 0, PRIMING: 2, PAINTING: 0, DONE: 4 };
    const pushed = await push(old);
    expect(pushed.status).toBe(200);
    expect(pushed.body.report.conflicts).toEqual([]);
    const after = (await t.call('GET', '/api/v1/export')).body as DataFile;
    const expected = richFile();
    const type = expected.types[0]!;
    type.history.push({
      id: uid(106),
      from_stage: 'IN_BOX',
      to_stage: 'PRIMING',
      qty: 2,
      created_at: '2026-02-07T00:00:00.000Z',
    });
    type.counts = { ...type.counts, IN_BOX: 4, PRIMING: 3 };
    expect(withoutTime(after)).toEqual(withoutTime(expected));
    expect((await importFile(t, old)).body.changed).toBe(false);
    expect(withoutTime((await t.call('GET', '/api/v1/export')).body)).toEqual(
      withoutTime(expected),
    );
  });

  it('a later goal and later fields from a device win, earlier ones do not', async () => {
    await wipe();
    expect((await importFile(t, richFile())).status).toBe(200);
    const device = richFile();
    device.goal = { metric: 'models', period: 'week', target: 10 };
    device.goal_updated_at = '2026-02-20T00:00:00.000Z';
    const type = device.types[0]!;
    type.points_per_model = 25;
    type.points_per_model_updated_at = '2026-02-20T00:00:00.000Z';
    type.game = 'Kill Team';
    type.game_updated_at = '2026-02-01T12:00:00.000Z';
    expect((await push(device)).status).toBe(200);
    const after = (await t.call('GET', '/api/v1/export')).body as DataFile;
    expect(after.goal).toEqual({ metric: 'models', period: 'week', target: 10 });
    expect(after.goal_updated_at).toBe('2026-02-20T00:00:00.000Z');
    expect(after.types[0]).toMatchObject({
      points_per_model: 25,
      points_per_model_updated_at: '2026-02-20T00:00:00.000Z',
      game: 'Warhammer 40,000',
      game_updated_at: '2026-02-02T00:00:00.000Z',
    });
  });
});
