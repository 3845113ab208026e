import { TIME_RANGE } from '@mpt/shared';
import { canonicalExport, dataFileArb } from '@mpt/shared/test-support/data-file-arb';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { useTestApp } from '../test-support/test-app';

// SPEC §8: what one part accepts, every part holds and gives back unchanged — through
// the HTTP edge and the SQL store, on PGlite and on PostgreSQL.
describeEachDatabase('round trip through the SQL store over the whole accepted domain', (kind) => {
  // The server's clock at the end of the range: the files hold times up to 2999, and a
  // push dated more than a day ahead of the server's clock waits (SPEC §10, clock.test.ts).
  const t = useTestApp(kind, {}, { now: () => new Date(TIME_RANGE.max) });
  let attempt = 0;

  it('import into an empty database → export equals the canonical input, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(dataFileArb, async (file) => {
        await t.db.query(
          'TRUNCATE history_events, stage_counts, miniature_types, tombstones, snapshots, idempotency_keys, top_level_fields',
        );
        const text = JSON.stringify(file);
        const dry = await t.call('POST', '/api/v1/import?dry_run=true', text);
        const real = await t.call('POST', '/api/v1/import', text);
        expect([dry.status, real.status]).toEqual([200, 200]);
        expect({ ...dry.body, dry_run: false }).toEqual(real.body);
        const canonical = JSON.stringify(canonicalExport(file, file.exported_at));
        const exported = JSON.parse((await t.call('GET', '/api/v1/export')).text);
        exported.exported_at = file.exported_at;
        expect(JSON.stringify(exported)).toBe(canonical);
        // The same through a sync push into an empty database, and the pull after it.
        await t.db.query(
          'TRUNCATE history_events, stage_counts, miniature_types, tombstones, snapshots, idempotency_keys, top_level_fields',
        );
        const pushed = await t.call('POST', '/api/v1/sync', `{"snapshot":${text}}`, {
          'idempotency-key': `round-trip-${++attempt}`,
        });
        expect(pushed.status).toBe(200);
        const pulled = JSON.parse((await t.call('GET', '/api/v1/sync')).text).snapshot;
        for (const snapshot of [pushed.body.snapshot, pulled]) {
          snapshot.exported_at = file.exported_at;
          expect(JSON.stringify(snapshot)).toBe(canonical);
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
