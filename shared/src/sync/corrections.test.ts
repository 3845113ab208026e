import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerOf, planEvent } from '../pipeline/operations';
import { replay } from '../pipeline/replay';
import { isForwardMove, STAGES, zeroCounts } from '../pipeline/stages';
import { replicasArb } from '../test-support/arbitraries';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { canonical } from '../test-support/replicas';
import { mergeStates } from '../transfer/merge';
import type { TrackerState } from '../transfer/state';
import { noCorrections, planCorrections } from './corrections';

const RUNS = { numRuns: Math.max(1000, Number(process.env.FC_RUNS ?? 0)) };
const NOW = new Date('2027-01-01T00:00:00.000Z');

function ids() {
  let n = 0;
  return () => uid(++n, 0xc0de);
}

const totals = (s: TrackerState) => {
  const sum = zeroCounts();
  for (const t of s.types) for (const stage of STAGES) sum[stage] += t.counts[stage];
  return sum;
};

describe('planCorrections', () => {
  it('renames, deletes what is new, adds and removes, and brings a deleted type back', () => {
    const A = uid(1);
    const B = uid(2);
    const C = uid(3);
    const addA = event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 5 });
    const addB = event({ id: uid(12), type_id: B, to_stage: 'DONE', qty: 2 });
    const moveA = event({
      id: uid(13),
      type_id: A,
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 3,
      created_at: at(10),
    });
    const target = state(
      [
        type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 5 }) }),
        type({ id: B, name: 'Eldar', counts: counts({ DONE: 2 }) }),
      ],
      [addA, addB],
    );
    const current = state(
      [
        type({
          id: A,
          name: 'Goffs',
          name_updated_at: at(20),
          counts: counts({ IN_BOX: 2, DONE: 3 }),
        }),
        type({ id: C, name: 'Tau', created_at: at(30) }),
      ],
      [addA, moveA],
      [tombstone({ id: B, deleted_at: at(40) })],
    );
    const plan = planCorrections(current, target, { now: NOW, newId: ids() });
    if (!plan.ok) throw new Error(plan.code);
    const { state: next, summary } = plan.value;
    expect(summary).toEqual({
      deleted: 1,
      deletedNames: ['Tau'],
      recreated: 1,
      renamed: 1,
      recounted: 1,
      events: 1,
    });
    const byName = new Map(next.types.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(['Eldar', 'Orks']);
    expect(byName.get('Orks')).toMatchObject({ id: A, counts: counts({ IN_BOX: 5 }) });
    expect(byName.get('Eldar')!.id).not.toBe(B);
    expect(byName.get('Eldar')!.counts).toEqual(counts({ DONE: 2 }));
    expect(next.tombstones.map((t) => t.id).sort()).toEqual([B, C].sort());
    // History only grows: the move made since stays, and is undone exactly (SPEC §10:
    // corrections are reverts too), so Activity does not count 3 models bought and the
    // move as finished (review: a restore showed as "bought 43, finished 4").
    const aEvents = next.events.filter((e) => e.type_id === A);
    expect(aEvents.slice(0, 2)).toEqual([addA, moveA]);
    expect(aEvents.slice(2).map((e) => [e.from_stage, e.to_stage, e.qty, e.reverts])).toEqual([
      ['DONE', 'IN_BOX', 3, moveA.id],
    ]);
  });

  it('undoes exactly what was done since the target: only reverts, each cancelling its event', () => {
    const stageArb = fc.constantFrom(null, ...STAGES);
    fc.assert(
      fc.property(
        replicasArb,
        fc.array(fc.tuple(fc.nat(), stageArb, stageArb, fc.integer({ min: 1, max: 5 })), {
          maxLength: 12,
        }),
        ([, target], steps) => {
          // The target, then adds, moves forward and removes made on its live types.
          const live = target.types.map((t) => ({ ...t }));
          if (live.length === 0) return;
          const events = [...target.events];
          let n = 0;
          const newId = () => uid(++n, 0xbeef); // apart from the corrections' own ids
          steps.forEach(([pick, from, to, qty], i) => {
            const t = live[pick % live.length]!;
            if (from === to || (from !== null && to !== null && !isForwardMove(from, to))) return;
            const history = events.filter((e) => e.type_id === t.id);
            const change = planEvent(ledgerOf(t, history), from, to, qty, {
              eventId: newId(),
              now: new Date(NOW.getTime() - (steps.length - i) * 60_000),
            });
            if (!change.ok) return;
            events.push(change.value.event);
            t.counts = change.value.counts;
          });
          const current = { ...target, types: live, events };
          const plan = planCorrections(current, target, { now: NOW, newId: ids() });
          if (!plan.ok) throw new Error(plan.code);
          const added = plan.value.state.events.filter((e) => !events.some((o) => o.id === e.id));
          for (const e of added) expect(e.reverts).toBeDefined();
          // Each undo cancels its event in its type's replay (what Activity nets out).
          for (const undo of added) {
            const history = plan.value.state.events.filter((e) => e.type_id === undo.type_id);
            expect(replay(history).cancelled.has(undo.reverts!)).toBe(true);
          }
          expect(totals(plan.value.state)).toEqual(totals(target));
        },
      ),
      RUNS,
    );
  });

  it('over random replicas: valid, only adds to current, shows the target’s models, idempotent', () => {
    fc.assert(
      fc.property(replicasArb, ([current, target]) => {
        const plan = planCorrections(current, target, { now: NOW, newId: ids() });
        if (!plan.ok) throw new Error(plan.code);
        const next = plan.value.state;
        for (const t of next.types) {
          expect(t.counts).toEqual(replay(next.events.filter((e) => e.type_id === t.id)).counts);
        }
        expect(canonical(mergeStates(current, next).state)).toEqual(canonical(next));
        expect(totals(next)).toEqual(totals(target));
        const names = new Set(target.types.map((t) => t.name));
        for (const t of next.types) expect(names.has(t.name)).toBe(true);
        const again = planCorrections(next, target, { now: NOW, newId: ids() });
        if (!again.ok) throw new Error(again.code);
        expect(again.value.summary).toEqual(noCorrections());
        expect(canonical(again.value.state)).toEqual(canonical(next));
      }),
      RUNS,
    );
  });
});
