import { readDataFile, unwrap } from '@mpt/shared';
import { canonicalExport, dataFileArb } from '@mpt/shared/test-support/data-file-arb';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDataFile } from './export';
import { mergeIntoLocal } from './merge';
import { freshDb } from './test-db';

// SPEC §8, §9: what one part accepts, every part holds and gives back unchanged — v1 files
// read as v2, every v2 field, undos, reworks, the goal, and a newer version's fields.
describe('round trip through the Dexie store over the whole accepted domain', () => {
  const db = freshDb();
  afterAll(() => db.delete());

  it('import into an empty database → export equals the canonical input, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(dataFileArb, async (file) => {
        await Promise.all([
          db.types.clear(),
          db.events.clear(),
          db.tombstones.clear(),
          db.meta.clear(),
        ]);
        const state = unwrap(readDataFile(JSON.parse(JSON.stringify(file))));
        await mergeIntoLocal(db, state, { dryRun: false, reason: 'import' });
        const at = new Date(file.exported_at);
        const exported = JSON.stringify(await exportDataFile(db, at));
        expect(exported).toBe(JSON.stringify(canonicalExport(file, file.exported_at)));
      }),
      { numRuns: 300 },
    );
  });
});
