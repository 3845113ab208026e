import fc from 'fast-check';
import { skippedEventIds } from '../transfer/merge';
import type { TrackerState } from '../transfer/state';
import { NAME_POOL, type Op, runScript, type World } from './replicas';

const replica = fc.nat({ max: 2 });
const typeIndex = fc.nat({ max: 7 });
const stage = fc.nat({ max: 4 });
/** 0 = all available (moves, removals); small ones so stages run out; sometimes a big one. */
const qty = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 7, max: 100_000 }) },
);
const initial = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }));
/** Time steps around the grouping window and sub-millisecond ties. */
const tick = fc.constantFrom(0, 1, 1_000, 299_000, 300_000, 301_000, 3_600_000);

/** One step of a replica script (see test-support/replicas.ts). */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      replica,
      name: fc.nat({ max: NAME_POOL.length - 1 }),
      counts: fc.tuple(initial, initial, initial),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      replica,
      type: typeIndex,
      stage,
      qty,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      replica,
      type: typeIndex,
      from: stage,
      to: stage,
      qty,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      replica,
      type: typeIndex,
      stage,
      qty,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      replica,
      type: typeIndex,
      name: fc.nat({ max: NAME_POOL.length - 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), replica, type: typeIndex }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      replica,
      other: replica,
      twoWay: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: tick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('revert' as const),
      replica,
      type: typeIndex,
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rework' as const),
      replica,
      type: typeIndex,
      from: stage,
      to: stage,
      qty,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      replica,
      type: typeIndex,
      field: fc.nat({ max: 3 }),
      value: fc.nat({ max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('goal' as const),
      replica,
      value: fc.nat({ max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknown' as const),
      replica,
      on: fc.constantFrom('file' as const, 'type' as const, 'event' as const),
      type: typeIndex,
      pick: fc.nat(),
      value: fc.nat({ max: 4 }),
    }),
  },
);

/** A random script over three replicas that share one universe of ids and sync now and then. */
export const scriptArb = fc.array(opArb, { minLength: 20, maxLength: 100, size: 'max' });

/** A world of three valid replicas built by replaying a random script. */
export const worldArb = (prefix = 0): fc.Arbitrary<World> =>
  scriptArb.map((ops) => runScript(ops, 3, prefix));

/** Three overlapping valid replica states (the replicas of one world). */
export const replicasArb: fc.Arbitrary<[TrackerState, TrackerState, TrackerState]> = worldArb().map(
  (w) => [w.replicas[0]!, w.replicas[1]!, w.replicas[2]!],
);

/** One valid replica state (any replica of a world, so some saw syncs, folds and conflicts). */
export const stateArb: fc.Arbitrary<TrackerState> = fc
  .tuple(replicasArb, fc.nat({ max: 2 }))
  .map(([replicas, i]) => replicas[i]!);

/** Two valid states from disjoint id universes (names may still collide). */
export const disjointPairArb: fc.Arbitrary<[TrackerState, TrackerState]> = fc
  .tuple(worldArb(1), worldArb(2))
  .map(([a, b]) => [a.replicas[0]!, b.replicas[0]!]);

/** True when neither state holds an event its own replay sets aside. */
export const withoutConflicts = ([x, y]: [TrackerState, TrackerState]): boolean =>
  skippedEventIds(x).size === 0 && skippedEventIds(y).size === 0;
