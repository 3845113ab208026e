import type { DataFile } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { asV1File, makeFile } from '../test-support/fixtures';
import { importFile as importTo, orphanEvents, useTestApp } from '../test-support/test-app';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are broken on purpose, field by field
type Mutable = Record<string, any>;
const withoutTime = (file: DataFile) => ({ ...file, exported_at: '' });

/** Turns a v2 file into the same data as v1, in place (a v1 file never had other fields). */
function v1(f: Mutable): Mutable {
  const old = asV1File(f as DataFile);
  for (const key of Object.keys(f)) delete f[key];
  return Object.assign(f, old);
}

/** Broken files: each a different way to be wrong, with the code expected. */
function brokenFiles(): [string, string | ((f: Mutable) => void), string][] {
  return [
    ['not JSON', '{"format": "miniatures-tracker", ', 'ERR_IMPORT_INVALID'],
    ['a JSON array', '[]', 'ERR_IMPORT_INVALID'],
    ['another format', (f) => (f.format = 'other-app'), 'ERR_IMPORT_INVALID'],
    ['a future version', (f) => (f.version = 3), 'ERR_IMPORT_UNSUPPORTED_VERSION'],
    ['no version', (f) => delete f.version, 'ERR_IMPORT_INVALID'],
    // SPEC §9: a v2 file keeps fields it does not know; a v1 file never had any.
    ['an unknown top-level field in a v1 file', (f) => (v1(f).extra = true), 'ERR_IMPORT_INVALID'],
    ['a v2 field in a v1 file', (f) => (v1(f).types[2].army = 'Orks'), 'ERR_IMPORT_INVALID'],
    [
      'points per model over 1 000',
      (f) => (f.types[2].points_per_model = 1001),
      'ERR_IMPORT_INVALID',
    ],
    [
      'notes over 4 000 characters',
      (f) => (f.types[2].notes = 'n'.repeat(4001)),
      'ERR_IMPORT_INVALID',
    ],
    ['an army of 81 characters', (f) => (f.types[2].army = 'a'.repeat(81)), 'ERR_IMPORT_INVALID'],
    [
      'a rework forward',
      (f) => Object.assign(f.types[12].history[1], { rework: true }),
      'ERR_IMPORT_INVALID',
    ],
    [
      'an undo that does not undo its event',
      (f) => Object.assign(f.types[13].history[2], { reverts: f.types[13].history[1].id }),
      'ERR_IMPORT_INCONSISTENT',
    ],
    ['a type id that is no UUID', (f) => (f.types[3].id = 'abc'), 'ERR_IMPORT_INVALID'],
    ['an empty name', (f) => (f.types[3].name = '  '), 'ERR_IMPORT_INVALID'],
    ['a negative count', (f) => (f.types[3].counts.DONE = -1), 'ERR_IMPORT_INVALID'],
    ['an unknown stage in counts', (f) => (f.types[3].counts.PAINTED = 1), 'ERR_IMPORT_INVALID'],
    [
      'counts that differ from history',
      (f) => (f.types[40].counts.IN_BOX += 1),
      'ERR_IMPORT_INCONSISTENT',
    ],
    ['a duplicate type id', (f) => (f.types[5].id = f.types[4].id), 'ERR_IMPORT_INCONSISTENT'],
    [
      'a duplicate event id',
      (f) => (f.types[6].history[1].id = f.types[2].history[1].id),
      'ERR_IMPORT_INCONSISTENT',
    ],
    [
      'a backwards move',
      (f) => Object.assign(f.types[7].history[1], { from_stage: 'DONE', to_stage: 'IN_BOX' }),
      'ERR_IMPORT_INVALID',
    ],
    [
      'an event with no stage',
      (f) => Object.assign(f.types[7].history[1], { from_stage: null, to_stage: null }),
      'ERR_IMPORT_INVALID',
    ],
    ['a zero quantity', (f) => (f.types[8].history[0].qty = 0), 'ERR_IMPORT_INVALID'],
    [
      'a timestamp without milliseconds',
      (f) => (f.types[9].created_at = '2026-01-01T00:00:00Z'),
      'ERR_IMPORT_INVALID',
    ],
    [
      'a tombstone of a live type',
      (f) => f.tombstones.push({ id: f.types[1].id, deleted_at: f.exported_at, merged_into: null }),
      'ERR_IMPORT_INCONSISTENT',
    ],
    [
      'a rename before creation',
      (f) => (f.types[10].name_updated_at = '2025-01-01T00:00:00.000Z'),
      'ERR_IMPORT_INCONSISTENT',
    ],
    ['types that is no array', (f) => (f.types = {}), 'ERR_IMPORT_INVALID'],
    [
      'an unknown event field in a v1 file',
      (f) => (v1(f).types[11].history[0].note = 'x'),
      'ERR_IMPORT_INVALID',
    ],
  ];
}

describeEachDatabase('export and import', (kind) => {
  const t = useTestApp(kind);
  const importFile = (file: unknown, query = '') => importTo(t, file, query);

  it('exports an empty data file', async () => {
    const res = await t.call('GET', '/api/v1/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="miniatures-/);
    expect(res.body).toMatchObject({
      format: 'miniatures-tracker',
      version: 2,
      goal: null,
      goal_updated_at: null,
      types: [],
      tombstones: [],
    });
  });

  it('dry run reports without writing; import then export is the identity; twice = once', async () => {
    const file = makeFile(60, 5, 'Import');
    const dry = await importFile(file, '?dry_run=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      types_created: 60,
      events_added: 300,
      dry_run: true,
      conflicts: [],
    });
    expect((await t.call('GET', '/api/v1/export')).body.types).toEqual([]);
    const real = await importFile(file);
    expect(real.body).toMatchObject({ types_created: 60, events_added: 300, dry_run: false });
    const exported = (await t.call('GET', '/api/v1/export')).body as DataFile;
    expect(withoutTime(exported)).toEqual(withoutTime(file));
    const again = await importFile(file, '?dry_run=false');
    expect(again.body).toMatchObject({ types_created: 0, events_added: 0, events_skipped: 300 });
    expect(withoutTime((await t.call('GET', '/api/v1/export')).body)).toEqual(withoutTime(file));
    const badQuery = await importFile(file, '?dry_run=maybe');
    expect([badQuery.status, badQuery.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
  });

  it('rejects at least 15 kinds of broken file whole, leaving the database identical', async () => {
    const before = withoutTime((await t.call('GET', '/api/v1/export')).body);
    const cases = brokenFiles();
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const [label, breakIt, code] of cases) {
      // New names and ids, so a partial write would show in the export.
      const file = JSON.parse(JSON.stringify(makeFile(50, 4, `Broken ${label}`)));
      if (typeof breakIt !== 'string') breakIt(file);
      const body = typeof breakIt === 'string' ? breakIt : JSON.stringify(file);
      const res = await importFile(body);
      expect([label, res.status, res.body.error?.code]).toEqual([label, 400, code]);
      expect(res.body.error.details.path, label).toMatch(/^\$/);
    }
    expect(withoutTime((await t.call('GET', '/api/v1/export')).body)).toEqual(before);
  });

  it('merges by name, reports conflicts, and never logs a type name', async () => {
    t.logs.length = 0;
    const { body: mine } = await t.call('POST', '/api/v1/types', {
      name: 'Secret Squad Alpha',
      counts: { IN_BOX: 2 },
    });
    const other = makeFile(1, 1, 'Other');
    other.types[0]!.name = 'SECRET squad alpha';
    const res = await importFile(other);
    expect(res.status).toBe(200);
    expect(res.body.events_added).toBe(1);
    // One type survives (the one created first: the file's), holding both histories.
    const found = await t.call('GET', '/api/v1/types?q=secret%20squad');
    expect(found.body.total).toBe(1);
    expect(found.body.items[0].counts.IN_BOX).toBe(1002);
    const exported = await t.call('GET', '/api/v1/export');
    expect(exported.body.tombstones).toContainEqual(
      expect.objectContaining({ id: mine.id, merged_into: found.body.items[0].id }),
    );
    expect(await orphanEvents(t)).toBe(0);
    const logs = t.logs.join('\n');
    expect(logs).toContain('/api/v1/import');
    expect(logs.toLowerCase()).not.toContain('secret squad');
    expect(logs).not.toContain('Other 0');
  });
});
