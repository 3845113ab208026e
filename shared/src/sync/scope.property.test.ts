import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replicasArb } from '../test-support/arbitraries';
import { canonical } from '../test-support/replicas';
import type { StateDelta } from '../transfer/diff';
import { diffStates } from '../transfer/diff';
import { stateToDataFile } from '../transfer/export';
import { planImport } from '../transfer/import';
import { readChanges } from '../transfer/read-data-file';
import type { TrackerState } from '../transfer/state';
import { planChanges, scopedState } from './scope';

/** At least 1 000 runs; FC_RUNS=20000 for a longer hunt. */
const RUNS = { numRuns: Math.max(1000, Number(process.env.FC_RUNS ?? 0)) };

/**
 * A change set as a device or the server sends it: some types of a replica with some of
 * their events (never an event without its type), some of its tombstones, through the
 * wire as a data file fragment.
 */
const changesArb = fc
  .tuple(replicasArb, fc.nat({ max: 2 }), fc.nat({ max: 2 }), fc.infiniteStream(fc.boolean()))
  .map(([replicas, to, from, coin]) => {
    const source = replicas[from]!;
    const pick = () => coin.next().value as boolean;
    const types = source.types.filter(pick);
    const ids = new Set(types.map((t) => t.id));
    const fragment: TrackerState = {
      types,
      events: source.events.filter((e) => ids.has(e.type_id) && pick()),
      tombstones: source.tombstones.filter(pick),
    };
    const wire = readChanges(JSON.parse(JSON.stringify(stateToDataFile(fragment, new Date(0)))));
    if (!wire.ok) throw new Error(`fragment refused: ${wire.code} ${JSON.stringify(wire.details)}`);
    return { local: replicas[to]!, changes: wire.value };
  });

const sortDelta = (d: StateDelta) => {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    upsertTypes: [...d.upsertTypes].sort(byId),
    deleteTypeIds: [...d.deleteTypeIds].sort(),
    insertEvents: [...d.insertEvents].sort(byId),
    moveEvents: [...d.moveEvents].sort(byId),
    upsertTombstones: [...d.upsertTombstones].sort(byId),
  };
};

describe('merging changes into the part of a replica they touch (fast-check)', () => {
  it('equals merging them into the whole replica: state, report and writes', () => {
    let touched = 0;
    let folded = 0;
    fc.assert(
      fc.property(changesArb, ({ local, changes }) => {
        const full = planImport(local, changes, false);
        const { scope, scoped } = scopedState(local, changes);
        const part = planChanges(scoped, changes, false);
        const merged: TrackerState = {
          types: [...local.types.filter((t) => !scope.has(t.id)), ...part.state.types],
          events: [...local.events.filter((e) => !scope.has(e.type_id)), ...part.state.events],
          tombstones: part.state.tombstones,
        };
        expect(canonical(merged)).toEqual(canonical(full.state));
        expect(part.report).toEqual(full.report);
        expect(sortDelta(part.delta)).toEqual(sortDelta(diffStates(local, full.state)));
        if (scope.size < local.types.length) touched++;
        if (full.report.types_folded.length > 0) folded++;
      }),
      RUNS,
    );
    // The scope must really leave types out, and folds must happen, or this proves little.
    expect(touched).toBeGreaterThan(RUNS.numRuns / 4);
    expect(folded).toBeGreaterThan(RUNS.numRuns / 50);
  });
});
