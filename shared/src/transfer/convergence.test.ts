import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay } from '../pipeline/replay';
import { STAGES } from '../pipeline/stages';
import { latestAllowed } from '../sync/clock';
import {
  deltaApply,
  type MixedStep,
  mixedStepArb,
  redate,
  runMixed,
  skewDaysArb,
} from '../test-support/delta-world';
import { canonical } from '../test-support/replicas';
import {
  apply,
  edit,
  newWorld,
  push,
  run,
  type Step,
  skewArb,
  stepArb,
  type World,
} from '../test-support/sync-world';
import { skippedEventIds } from './merge';
import type { TrackerState } from './state';

/*
 * Three replicas and a server. Each replica edits its own state through the shared
 * operations, exactly as the PWA does, and syncs as the PWA does: push the full
 * snapshot through the data file (the server merges it into its state with
 * planImport), and later merge the server's answer into whatever the replica holds
 * by then (writes made while the request was in flight are kept). Answers can be
 * lost. Clocks are skewed per replica so histories interleave.
 */

/** Counts never negative, equal to the replay of the type's events; no orphan events. */
function checkInvariants(state: TrackerState): void {
  const live = new Set(state.types.map((t) => t.id));
  for (const e of state.events) expect(live.has(e.type_id)).toBe(true);
  for (const t of state.types) {
    for (const s of STAGES) expect(t.counts[s]).toBeGreaterThanOrEqual(0);
    expect(t.counts).toEqual(replay(state.events.filter((e) => e.type_id === t.id)).counts);
  }
}

/** Where an event of `typeId` lives in `state`: its live type, or null when it was deleted. */
function resolveType(state: TrackerState, typeId: string): string | null {
  const live = new Set(state.types.map((t) => t.id));
  const tombs = new Map(state.tombstones.map((t) => [t.id, t]));
  let id: string | null = typeId;
  for (let hops = 0; id !== null && !live.has(id) && hops < 100; hops++) {
    id = tombs.get(id)?.merged_into ?? null;
  }
  return id !== null && live.has(id) ? id : null;
}

/** Canonical order, so states built in different orders compare equal. */
const sorted = (s: TrackerState) => canonical(s);

interface RunStats {
  refusals: number;
  conflicts: number;
  folds: number;
  deletions: number;
  reverts: number;
  revertConflicts: number;
  reworks: number;
}

/** A thousand simulated histories take a while on a busy 2-core machine. */
const LONG = 600_000;

/** No event on the server is dated more than a day after the server's clock (SPEC §10). */
function checkNotFarAhead(world: World): void {
  const limit = latestAllowed(new Date(world.nowMs));
  for (const e of world.server.events) expect(e.created_at <= limit).toBe(true);
}

/** Every replica holds exactly the server's state, and the invariants hold. */
function checkConverged(world: World): TrackerState {
  const final = world.server;
  checkInvariants(final);
  for (const replica of world.replicas) expect(sorted(replica.state)).toEqual(sorted(final));
  return final;
}

function simulate(skews: number[], steps: Step[]): RunStats {
  const world = newWorld(skews);
  // Devices that already share a type, as a phone and a desktop do after the first sync.
  edit(world, 0, { op: 'create', name: 'Intercessors', inBox: 8, priming: 2 });
  for (let r = 0; r < 3; r++) run(world, { kind: 'sync', r });
  for (const step of steps) {
    run(world, step);
    for (const replica of world.replicas) checkInvariants(replica.state);
    checkInvariants(world.server);
  }
  // Final round: answers in flight land, then everyone syncs twice in turn.
  for (let r = 0; r < 3; r++) apply(world, r);
  for (let round = 0; round < 2; round++) {
    for (let r = 0; r < 3; r++) {
      push(world, r, false);
      apply(world, r);
    }
  }
  return outcome(world, checkConverged(world));
}

/**
 * The same over the delta protocol (POST /sync/changes) mixed with full syncs (POST
 * /sync) and lost cursors; clocks may be set wrong by days (the server then refuses
 * what is dated more than a day ahead of it, and the device re-dates it once its clock
 * is right).
 */
function simulateMixed(skews: number[], steps: MixedStep[]): RunStats {
  const world = newWorld(skews);
  edit(world, 0, { op: 'create', name: 'Intercessors', inBox: 8, priming: 2 });
  for (let r = 0; r < 3; r++) runMixed(world, { kind: 'dsync', r });
  for (const step of steps) {
    runMixed(world, step);
    for (const replica of world.replicas) checkInvariants(replica.state);
    checkInvariants(world.server);
    checkNotFarAhead(world);
  }
  // Final round: answers in flight land; clocks are put right; what waited for them is
  // re-dated; then everyone syncs in turn until nothing waits, and twice more.
  for (let r = 0; r < 3; r++) {
    apply(world, r);
    deltaApply(world, r);
    world.replicas[r]!.skewMs = 0;
  }
  for (let round = 0; round < 3; round++) {
    for (let r = 0; r < 3; r++) {
      runMixed(world, { kind: 'dsync', r });
      redate(world, r);
    }
  }
  for (const replica of world.replicas) expect(replica.refused.event_ids).toEqual([]);
  checkNotFarAhead(world);
  return outcome(world, checkConverged(world));
}

function outcome(world: World, final: TrackerState): RunStats {
  const skipped = skippedEventIds(final);
  const finalEvents = new Map(final.events.map((e) => [e.id, e]));
  for (const [id, { replica, event }] of world.origin) {
    const kept = finalEvents.get(id);
    if (!kept) {
      // Only a deletion takes events away: their type (or the type it was folded into) is gone.
      expect(resolveType(final, event.type_id)).toBeNull();
      continue;
    }
    // Applied, or reported as a conflict to the replica that made it.
    if (skipped.has(id)) expect(world.replicas[replica]!.conflictsSeen.has(id)).toBe(true);
  }
  return {
    refusals: world.refusals,
    conflicts: skipped.size,
    folds: final.tombstones.filter((t) => t.merged_into !== null).length,
    deletions: final.tombstones.filter((t) => t.merged_into === null).length,
    reverts: final.events.filter((e) => e.reverts !== undefined).length,
    revertConflicts: final.events.filter((e) => e.reverts !== undefined && skipped.has(e.id))
      .length,
    reworks: final.events.filter((e) => e.rework).length,
  };
}

/** How many runs reached each interesting case: a property that never does proves little. */
function newSeen() {
  return {
    runs: 0,
    conflicts: 0,
    folds: 0,
    deletions: 0,
    reverts: 0,
    revertConflicts: 0,
    reworks: 0,
  };
}
type Seen = ReturnType<typeof newSeen>;

function countRun(seen: Seen, stats: RunStats): void {
  seen.runs++;
  if (stats.conflicts > 0) seen.conflicts++;
  if (stats.folds > 0) seen.folds++;
  if (stats.deletions > 0) seen.deletions++;
  if (stats.reverts > 0) seen.reverts++;
  if (stats.revertConflicts > 0) seen.revertConflicts++;
  if (stats.reworks > 0) seen.reworks++;
}

function expectInterestingCases(seen: Seen): void {
  expect(seen.conflicts).toBeGreaterThan(seen.runs / 10);
  expect(seen.folds).toBeGreaterThan(seen.runs / 20);
  expect(seen.deletions).toBeGreaterThan(seen.runs / 20);
  // SPEC §9: undos (some of them losing a race) and reworks.
  expect(seen.reverts).toBeGreaterThan(seen.runs / 5);
  expect(seen.revertConflicts).toBeGreaterThan(seen.runs / 100);
  expect(seen.reworks).toBeGreaterThan(seen.runs / 10);
}

describe('sync convergence over full snapshots (POST /sync, 3 replicas)', () => {
  it(
    'converges to one state, never negative, every event (undos too) applied or reported',
    () => {
      const seen = newSeen();
      fc.assert(
        fc.property(
          fc.tuple(skewArb, skewArb, skewArb),
          fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
          (skews, steps) => {
            countRun(seen, simulate(skews, steps));
          },
        ),
        { numRuns: 1_000 },
      );
      expectInterestingCases(seen);
    },
    LONG,
  );
});

describe('sync convergence over deltas, full syncs and lost cursors (SPEC §10, 3 replicas)', () => {
  const RUNS = { numRuns: Math.max(1000, Number(process.env.FC_RUNS ?? 0)) };

  it(
    'converges to one state, never negative, every event (undos too) applied or reported',
    () => {
      const seen = newSeen();
      fc.assert(
        fc.property(
          fc.tuple(skewArb, skewArb, skewArb),
          fc.array(mixedStepArb, { minLength: 5, maxLength: 60, size: 'max' }),
          (skews, steps) => {
            countRun(seen, simulateMixed(skews, steps));
          },
        ),
        RUNS,
      );
      expectInterestingCases(seen);
    },
    LONG,
  );

  it(
    'with clocks off by up to a day: converges, never negative, nothing a day ahead of the server',
    () => {
      fc.assert(
        fc.property(
          fc.tuple(skewDaysArb(1), skewDaysArb(1), skewDaysArb(1)),
          fc.array(mixedStepArb, { minLength: 5, maxLength: 60, size: 'max' }),
          (skews, steps) => {
            simulateMixed(skews, steps);
          },
        ),
        RUNS,
      );
    },
    LONG,
  );

  it('a rename re-dated to tie the server’s name is settled the server’s way (found by the property)', () => {
    // Replica 0, three days ahead, renames "Orks" to "orks"; the rename waits, and once
    // its clock is right is re-dated to the very time of the server's name: the tie goes
    // to the server's, which had not changed, so only sending back the records a device
    // pushed (withSentTypes) tells it.
    const steps = [
      { kind: 'edit', r: 1, op: { op: 'create', name: 'Orks', inBox: 0, priming: 0 } },
      { kind: 'dsync', r: 1 },
      { kind: 'dpush', r: 0, lost: false },
      { kind: 'dapply', r: 0 },
      { kind: 'edit', r: 0, op: { op: 'rename', t: 699653403, name: 'orks ' } },
      { kind: 'edit', r: 0, op: { op: 'revert', t: 0, back: 0 } },
      { kind: 'edit', r: 0, op: { op: 'rework', t: 0, from: 1, back: 1, qty: 1 } },
      { kind: 'dapply', r: 0 },
      { kind: 'lose', r: 0 },
      { kind: 'full', r: 0 },
    ] as MixedStep[];
    simulateMixed([259199999, 0, -259200000], steps);
  });

  it('a field re-dated by a clock put right is not dated before its type was created (found by the property)', () => {
    // Replica 0 (1 ms ahead) created the type; replica 2, three days ahead, set its army
    // and points; once its clock is right, its `now` lies 1 ms before the creation.
    const steps = [
      { kind: 'edit', r: 2, op: { op: 'field', t: 0, army: 'Orks', points: 0 } },
      { kind: 'edit', r: 0, op: { op: 'move', t: 0, from: 0, skip: 1, qty: 1 } },
      { kind: 'dsync', r: 0 },
      { kind: 'dsync', r: 0 },
      { kind: 'lose', r: 0 },
      { kind: 'dapply', r: 0 },
    ] as MixedStep[];
    simulateMixed([1, 0, 259199999], steps);
  });

  it('a move set aside after its re-dating is reported to the device that made it (found by the property)', () => {
    // Replica 1, a day ahead, moves 3 and then 3 more of 8 In box; the others move 6
    // meanwhile. Its moves wait, are re-dated once its clock is right, and then no
    // longer fit: the one set aside must reach replica 1 as a conflict.
    const steps = [
      { kind: 'edit', r: 0, op: { op: 'move', t: 0, from: 0, skip: 1, qty: 1 } },
      { kind: 'edit', r: 1, op: { op: 'move', t: 0, from: 0, skip: 1, qty: 3 } },
      { kind: 'edit', r: 0, op: { op: 'move', t: 0, from: 0, skip: 1, qty: 2 } },
      { kind: 'edit', r: 2, op: { op: 'move', t: 0, from: 0, skip: 1, qty: 3 } },
      { kind: 'dapply', r: 0 },
      { kind: 'dapply', r: 0 },
      { kind: 'edit', r: 1, op: { op: 'move', t: 0, from: 0, skip: 1, qty: 3 } },
      { kind: 'lose', r: 0 },
    ] as MixedStep[];
    simulateMixed([0, 86400000, 0], steps);
  });

  it(
    'clocks days ahead: changes wait, are re-dated once the clock is right, and converge',
    () => {
      let refused = 0;
      let runs = 0;
      fc.assert(
        fc.property(
          fc.tuple(skewDaysArb(3), skewDaysArb(3), skewDaysArb(3)),
          fc.array(mixedStepArb, { minLength: 5, maxLength: 60, size: 'max' }),
          (skews, steps) => {
            runs++;
            if (simulateMixed(skews, steps).refusals > 0) refused++;
          },
        ),
        RUNS,
      );
      expect(refused).toBeGreaterThan(runs / 10);
    },
    LONG,
  );
});
