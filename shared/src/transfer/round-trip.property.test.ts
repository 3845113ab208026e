import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors';
import { canonicalExport, dataFileArb, dataFileV1Arb } from '../test-support/data-file-arb';
import { stateToDataFile } from './export';
import { planImport } from './import';
import { mergeStates } from './merge';
import { readDataFile } from './read-data-file';
import { emptyState } from './state';

// The generator itself, and the pure half of the round trip the stores repeat
// (pwa/src/db/round-trip.test.ts, sync-server/src/store/round-trip.test.ts).
describe('data files over the whole accepted domain (SPEC §8, §9)', () => {
  it('are valid, and their canonical export reads back to itself byte for byte', () => {
    fc.assert(
      fc.property(dataFileArb, (file) => {
        const text = JSON.stringify(file);
        expect(readDataFile(JSON.parse(text)).ok).toBe(true);
        const canonical = canonicalExport(file, file.exported_at);
        const again = canonicalExport(canonical, file.exported_at);
        expect(JSON.stringify(again)).toBe(JSON.stringify(canonical));
        // Every id is lower case (SPEC §8); unknown fields are kept as they were.
        const ids = [
          ...canonical.types.flatMap((t) => [
            t.id,
            ...t.history.flatMap((e) => [e.id, e.reverts ?? '']),
          ]),
          ...canonical.tombstones.flatMap((t) => [t.id, t.merged_into ?? '']),
        ];
        for (const id of ids) expect(id).toBe(id.toLowerCase());
      }),
      { numRuns: 1000 },
    );
  });

  it('v1 → v2 → export → import into an empty state is the identity', () => {
    fc.assert(
      fc.property(dataFileV1Arb, (v1) => {
        const read = unwrap(readDataFile(JSON.parse(JSON.stringify(v1))));
        const imported = planImport(emptyState(), read, false).state;
        const v2 = JSON.parse(JSON.stringify(stateToDataFile(imported, v1.exported_at)));
        expect(v2.version).toBe(2);
        const again = planImport(emptyState(), unwrap(readDataFile(v2)), false).state;
        expect(again).toEqual(imported);
        expect(again).toEqual(mergeStates(emptyState(), read).state);
      }),
      { numRuns: 1000 },
    );
  });
});
