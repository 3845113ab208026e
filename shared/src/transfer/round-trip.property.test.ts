import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalExport, dataFileArb } from '../test-support/data-file-arb';
import { readDataFile } from './read-data-file';

// The generator itself, and the pure half of the round trip the stores repeat
// (pwa/src/db/round-trip.test.ts, sync-server/src/store/round-trip.test.ts).
describe('data files over the whole accepted domain (SPEC §8)', () => {
  it('are valid, and their canonical export reads back to itself byte for byte', () => {
    fc.assert(
      fc.property(dataFileArb, (file) => {
        const text = JSON.stringify(file);
        expect(readDataFile(JSON.parse(text)).ok).toBe(true);
        const canonical = canonicalExport(file, file.exported_at);
        const again = canonicalExport(canonical, file.exported_at);
        expect(JSON.stringify(again)).toBe(JSON.stringify(canonical));
        expect(JSON.stringify(canonical)).not.toMatch(/"[0-9a-f-]*[A-F][0-9a-fA-F-]*"/);
      }),
      { numRuns: 1000 },
    );
  });
});
