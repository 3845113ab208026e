import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultTypeFields,
  nameKey,
  orderKey,
  readDataFile,
  searchKey,
  stateToDataFile,
} from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { migrate } from './migrate';
import { wireTime } from './rows';
import { loadState } from './sql-state';
import { createSqlStore } from './sql-store';

const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));
/** Empties a migrated database down to no schema at all, for a test from an older version. */
const DROP_ALL =
  'DROP TABLE IF EXISTS schema_migrations, snapshots, idempotency_keys, tombstones, history_events, stage_counts, miniature_types, change_seq, change_log, change_keys, top_level_fields CASCADE';
const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeEachDatabase('migrations', (kind) => {
  it('apply once, in order, and record themselves; a second run applies nothing', async () => {
    const { db, close } = await kind.open();
    try {
      // kind.open() may hand out an already migrated database (PGlite template).
      await migrate(db);
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => Number(r.version))).toEqual([1, 2, 3, 4, 5, 6]);
      const tables = await db.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
         WHERE table_schema = current_schema() ORDER BY table_name`,
      );
      expect(tables.map((r) => r.t)).toEqual([
        'change_keys',
        'change_log',
        'change_seq',
        'history_events',
        'idempotency_keys',
        'miniature_types',
        'schema_migrations',
        'snapshots',
        'stage_counts',
        'tombstones',
        'top_level_fields',
      ]);
      // The CHECK keeps a count from going negative even if a bug tried.
      await expect(
        db
          .query(
            `INSERT INTO miniature_types (id, name, name_key, created_at, name_updated_at)
           VALUES ('00000000-0000-4000-8000-0000000000aa', 'x', 'x', now(), now())`,
          )
          .then(() =>
            db.query(
              `INSERT INTO stage_counts (type_id, stage, count)
             VALUES ('00000000-0000-4000-8000-0000000000aa', 'IN_BOX', -1)`,
            ),
          ),
      ).rejects.toThrow();
    } finally {
      await close();
    }
  });
});

describeEachDatabase('migration 002: canonical values (SPEC §8)', (kind) => {
  it('canonicalizes stored names, folds what now collides, stores both keys', async () => {
    const { db, close } = await kind.open();
    const only001 = mkdtempSync(join(tmpdir(), 'mpt-migrations-'));
    try {
      await db.query(DROP_ALL);
      copyFileSync(join(migrationsDir, '001_initial.sql'), join(only001, '001_initial.sql'));
      expect(await migrate(db, only001, {})).toEqual([1]);
      // What version 1 stored: names as typed, keys by the old rule (NFC + lower case).
      const put = (n: number, name: string, key: string, created: string, qty: number) =>
        db.query(
          `WITH t AS (INSERT INTO miniature_types (id, name, name_key, created_at, name_updated_at)
             VALUES ($1, $2, $3, $4, $4) RETURNING id),
           c AS (INSERT INTO stage_counts (type_id, stage, count)
             SELECT id, s, CASE WHEN s = 'IN_BOX' THEN $5::bigint ELSE 0 END FROM t,
             unnest(ARRAY['IN_BOX','BUILDING','PRIMING','PAINTING','DONE']) AS s)
           INSERT INTO history_events (id, type_id, from_stage, to_stage, qty, created_at)
           SELECT $6, id, NULL, 'IN_BOX', $5, $4 FROM t`,
          [uid(n), name, key, created, qty, uid(100 + n)],
        );
      await put(1, 'Orks', 'orks', '2026-01-01T00:00:00.000Z', 1);
      await put(2, 'Or\u200bks', 'or\u200bks', '2026-01-02T00:00:00.000Z', 2);
      await put(3, 'İzmir Ruins', 'i̇zmir ruins', '2026-01-03T00:00:00.000Z', 3);
      await put(4, 'izmir ruins', 'izmir ruins', '2026-01-04T00:00:00.000Z', 4);
      await put(5, '\u2060Ёжики', '\u2060ёжики', '2026-01-05T00:00:00.000Z', 5);
      // Times an old server stored outside 1970…2999 (issue 8, items 5 and 6).
      await put(6, 'Old', 'old', '0049-06-15T00:00:00.000Z', 2);
      await db.query(
        `INSERT INTO history_events (id, type_id, from_stage, to_stage, qty, created_at)
         VALUES ($1, $2, 'IN_BOX', NULL, 1, '9999-12-31T23:59:59.999Z')`,
        [uid(107), uid(6)],
      );
      await db.query(`UPDATE stage_counts SET count = 1 WHERE type_id = $1 AND stage = 'IN_BOX'`, [
        uid(6),
      ]);
      await db.query(
        `INSERT INTO tombstones (id, deleted_at, merged_into) VALUES ($1, '0010-01-01T00:00:00.000Z', NULL)`,
        [uid(8)],
      );
      // 002's data step runs after the SQL of every migration applied with it (003, 004 too).
      expect(await migrate(db)).toEqual([2, 3, 4, 5, 6]);
      const types = await db.query<{
        id: string;
        name: string;
        name_key: string;
        search_key: string;
        total: string;
      }>(
        `SELECT t.id, t.name, t.name_key, t.search_key,
           (SELECT sum(count) FROM stage_counts c WHERE c.type_id = t.id)::text AS total
         FROM miniature_types t ORDER BY t.id`,
      );
      expect(types).toEqual([
        { id: uid(1), name: 'Orks', name_key: 'orks', search_key: 'orks', total: '3' },
        {
          id: uid(3),
          name: 'İzmir Ruins',
          name_key: 'izmir ruins',
          search_key: 'izmir ruins',
          total: '7',
        },
        { id: uid(5), name: 'Ёжики', name_key: 'ёжики', search_key: 'ежики', total: '5' },
        { id: uid(6), name: 'Old', name_key: 'old', search_key: 'old', total: '1' },
      ]);
      const times = await db.query<{ t: string }>(
        `SELECT ${wireTime('created_at')} AS t FROM history_events WHERE type_id = $1 ORDER BY 1`,
        [uid(6)],
      );
      expect(times.map((r) => r.t)).toEqual([
        '1970-01-01T00:00:00.000Z',
        '2999-12-31T23:59:59.999Z',
      ]);
      // The server's own export reads back: nothing it holds is outside the rules.
      expect(readDataFile(stateToDataFile(await loadState(db), new Date())).ok).toBe(true);
      const tombs = await db.query<{ id: string; merged_into: string }>(
        'SELECT id, merged_into FROM tombstones ORDER BY id',
      );
      expect(tombs).toEqual([
        { id: uid(2), merged_into: uid(1) },
        { id: uid(4), merged_into: uid(3) },
        { id: uid(8), merged_into: null },
      ]);
      const [events] = await db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM history_events',
      );
      expect(events?.n).toBe('7');
    } finally {
      rmSync(only001, { recursive: true, force: true });
      await close();
    }
  });
});

describeEachDatabase('migration 003: data file v2 (SPEC §9)', (kind) => {
  it('adds the fields with the defaults a v1 file is read with, and the army and game indexes', async () => {
    const { db, close } = await kind.open();
    const upTo002 = mkdtempSync(join(tmpdir(), 'mpt-migrations-'));
    try {
      await db.query(DROP_ALL);
      for (const f of ['001_initial.sql', '002_canonical_values.sql']) {
        copyFileSync(join(migrationsDir, f), join(upTo002, f));
      }
      // Without 002's data step: it runs today's code, which expects today's schema.
      expect(await migrate(db, upTo002, {})).toEqual([1, 2]);
      // What the server stored before issue 12: a type with two events, a tombstone.
      await db.query(
        `INSERT INTO miniature_types (id, name, name_key, search_key, created_at, name_updated_at)
         VALUES ($1, 'Boyz', 'boyz', 'boyz', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')`,
        [uid(1)],
      );
      await db.query(
        `INSERT INTO stage_counts (type_id, stage, count)
         SELECT $1, s, CASE s WHEN 'IN_BOX' THEN 7 WHEN 'DONE' THEN 3 ELSE 0 END
         FROM unnest(ARRAY['IN_BOX','BUILDING','PRIMING','PAINTING','DONE']) AS s`,
        [uid(1)],
      );
      await db.query(
        `INSERT INTO history_events (id, type_id, from_stage, to_stage, qty, created_at) VALUES
           ($1, $3, NULL, 'IN_BOX', 10, '2026-01-01T00:00:00.000Z'),
           ($2, $3, 'IN_BOX', 'DONE', 3, '2026-01-03T00:00:00.000Z')`,
        [uid(101), uid(102), uid(1)],
      );
      await db.query(
        `INSERT INTO tombstones (id, deleted_at, merged_into) VALUES ($1, '2026-01-04T00:00:00.000Z', NULL)`,
        [uid(2)],
      );
      expect(await migrate(db)).toEqual([3, 4, 5, 6]);
      const state = await createSqlStore(db).exportState();
      expect(state).toEqual({
        types: [
          {
            id: uid(1),
            name: 'Boyz',
            created_at: '2026-01-01T00:00:00.000Z',
            name_updated_at: '2026-01-02T00:00:00.000Z',
            ...defaultTypeFields('2026-01-01T00:00:00.000Z'),
            counts: { IN_BOX: 7, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 3 },
          },
        ],
        events: [
          {
            id: uid(101),
            type_id: uid(1),
            from_stage: null,
            to_stage: 'IN_BOX',
            qty: 10,
            created_at: '2026-01-01T00:00:00.000Z',
          },
          {
            id: uid(102),
            type_id: uid(1),
            from_stage: 'IN_BOX',
            to_stage: 'DONE',
            qty: 3,
            created_at: '2026-01-03T00:00:00.000Z',
          },
        ],
        tombstones: [{ id: uid(2), deleted_at: '2026-01-04T00:00:00.000Z', merged_into: null }],
      });
      const indexes = await db.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename = 'miniature_types' ORDER BY 1`,
      );
      expect(indexes.map((r) => r.name)).toEqual(
        expect.arrayContaining(['miniature_types_army', 'miniature_types_game']),
      );
      // The database itself keeps the points in range and a rework a move.
      await expect(
        db.query('UPDATE miniature_types SET points_per_model = 1001 WHERE id = $1', [uid(1)]),
      ).rejects.toThrow();
      await expect(
        db.query('UPDATE history_events SET rework = true WHERE id = $1', [uid(101)]),
      ).rejects.toThrow();
    } finally {
      rmSync(upTo002, { recursive: true, force: true });
      await close();
    }
  });
});

describeEachDatabase('migration 006: the A–Z order key', (kind) => {
  it('gives every stored type its order key, and numbers no change', async () => {
    const { db, close } = await kind.open();
    const upTo005 = mkdtempSync(join(tmpdir(), 'mpt-migrations-'));
    try {
      await db.query(DROP_ALL);
      for (const f of readdirSync(migrationsDir).filter((f) => f < '006')) {
        copyFileSync(join(migrationsDir, f), join(upTo005, f));
      }
      expect(await migrate(db, upTo005, {})).toEqual([1, 2, 3, 4, 5]);
      const names = ['Яблоки', 'Ёлки', 'Squad 10', 'Squad 2'];
      for (const [i, name] of names.entries()) {
        await db.query(
          `INSERT INTO miniature_types (id, name, name_key, search_key, created_at, name_updated_at,
             army_updated_at, game_updated_at, points_per_model_updated_at, notes_updated_at)
           VALUES ($1, $2, $3, $4, $5, $5, $5, $5, $5, $5)`,
          [uid(i + 1), name, nameKey(name), searchKey(name), '2026-01-01T00:00:00.000Z'],
        );
      }
      const seqs = () =>
        db.query<{ seq: number }>(
          'SELECT seq FROM change_seq UNION ALL (SELECT seq FROM miniature_types ORDER BY id)',
        );
      const before = await seqs();
      expect(await migrate(db)).toEqual([6]);
      const stored = await db.query<{ name: string; order_key: string }>(
        'SELECT name, order_key FROM miniature_types ORDER BY order_key, name_key, id',
      );
      expect(stored).toEqual(
        ['Squad 2', 'Squad 10', 'Ёлки', 'Яблоки'].map((name) => ({
          name,
          order_key: orderKey(name),
        })),
      );
      // The key is the server's own: no device gets the types again for it.
      expect(await seqs()).toEqual(before);
      // The trigger is back: a rename is numbered.
      await db.query(`UPDATE miniature_types SET name = 'Ели' WHERE id = $1`, [uid(2)]);
      expect(Number((await seqs())[0]?.seq)).toBe(Number(before[0]?.seq) + 1);
    } finally {
      rmSync(upTo005, { recursive: true, force: true });
      await close();
    }
  });
});
