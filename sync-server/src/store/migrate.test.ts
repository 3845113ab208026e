import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { migrate } from './migrate';

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
      expect(rows.map((r) => Number(r.version))).toEqual([1]);
      const tables = await db.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
         WHERE table_schema = current_schema() ORDER BY table_name`,
      );
      expect(tables.map((r) => r.t)).toEqual([
        'history_events',
        'idempotency_keys',
        'miniature_types',
        'schema_migrations',
        'snapshots',
        'stage_counts',
        'tombstones',
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
