import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors';
import { stateArb } from '../test-support/arbitraries';
import { dataFileV2Arb } from '../test-support/data-file-arb';
import type { Extra } from '../values/extra';
import { stateToDataFile } from './export';
import { planImport } from './import';
import { readDataFile } from './read-data-file';
import type { TrackerState } from './state';

/** A replica's data without any field of a newer version: it never heard of them. */
const unaware = (s: TrackerState): TrackerState => ({
  types: s.types.map(({ extra: _, ...t }) => t),
  events: s.events.map(({ extra: _, ...e }) => e),
  tombstones: s.tombstones.map(({ extra: _, ...t }) => t),
  ...(s.goal ? { goal: s.goal } : {}),
});

const byId = <T extends { id: string; extra?: Extra }>(list: readonly T[]) =>
  new Map(list.map((x) => [x.id, x.extra]));

// SPEC §9: a reader keeps every field it does not know and writes it back unchanged
// through merge, export and (the same file) sync. Here a newer app's file meets this
// version's replica, which merges it into its own data and exports; the newer app reads
// that export and must find every field it wrote on everything still there.
describe('forward compatibility (fast-check)', () => {
  it('a state with fields of a newer version passes through a replica that does not know them, losing nothing', () => {
    let withExtras = 0;
    fc.assert(
      fc.property(dataFileV2Arb, stateArb, (file, replica) => {
        const newer = unwrap(readDataFile(JSON.parse(JSON.stringify(file))));
        const { state } = planImport(unaware(replica), newer, false);
        const text = JSON.stringify(stateToDataFile(state, '2026-11-22T10:00:00.000Z'));
        const back = unwrap(readDataFile(JSON.parse(text)));
        const sent: (readonly { id: string; extra?: Extra }[])[] = [
          newer.types,
          newer.events,
          newer.tombstones,
        ];
        const got = [byId(back.types), byId(back.events), byId(back.tombstones)];
        sent.forEach((list, i) => {
          for (const item of list) {
            if (item.extra) withExtras++;
            // gone only when deleted or folded by name into another type (events move)
            if (!got[i]!.has(item.id)) continue;
            expect(got[i]!.get(item.id)).toEqual(item.extra);
          }
        });
        expect(back.extra).toEqual(newer.extra);
        // everything the newer app sent that is still there, is there
        for (const e of newer.events) {
          const type = state.types.some((t) => t.id === e.type_id);
          if (type) expect(got[1]!.has(e.id)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    expect(withExtras).toBeGreaterThan(500);
  });
});
