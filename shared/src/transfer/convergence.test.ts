import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Result, unwrap } from '../errors';
import { nameKey } from '../pipeline/names';
import {
  type Change,
  planAdd,
  planCreateType,
  planDelete,
  planMove,
  planRemove,
  planRename,
} from '../pipeline/operations';
import { replay } from '../pipeline/replay';
import { STAGES, type Stage } from '../pipeline/stages';
import type { HistoryEvent } from '../schema/entities';
import { stateToDataFile } from './export';
import { planImport } from './import';
import { mergeStates, skippedEventIds } from './merge';
import { readDataFile } from './read-data-file';
import { emptyState, type TrackerState } from './state';

/*
 * Three replicas and a server. Each replica edits its own state through the shared
 * operations, exactly as the PWA does, and syncs as the PWA does: push the full
 * snapshot through the data file (the server merges it into its state with
 * planImport), and later merge the server's answer into whatever the replica holds
 * by then (writes made while the request was in flight are kept). Answers can be
 * lost. Clocks are skewed per replica so histories interleave.
 */

const NAMES = ['Orks', 'orks ', 'Space  Marines', 'Eldar', 'Tau', 'ORKS'];
const stageArb = fc.constantFrom(...STAGES);

const opArb = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('create' as const),
      name: fc.constantFrom(...NAMES),
      inBox: fc.integer({ min: 0, max: 8 }),
      priming: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      t: fc.nat(),
      stage: stageArb,
      qty: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      t: fc.nat(),
      from: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })),
      skip: fc.integer({ min: 1, max: 4 }),
      qty: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('remove' as const),
      t: fc.nat(),
      stage: stageArb,
      qty: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('rename' as const),
      t: fc.nat(),
      name: fc.constantFrom(...NAMES),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), t: fc.nat() }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const replicaArb = fc.integer({ min: 0, max: 2 });
const stepArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), r: replicaArb, op: opArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      r: replicaArb,
      lost: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('apply' as const), r: replicaArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), r: replicaArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat(400_000) }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

interface Replica {
  state: TrackerState;
  skewMs: number;
  /** The server's answer to the last push, not merged yet, and the event ids pushed. */
  pending: TrackerState | null;
  pushedIds: Set<string>;
  /** Ids of every event this replica was told is a conflict (push reports and local merges). */
  conflictsSeen: Set<string>;
}

interface World {
  replicas: Replica[];
  server: TrackerState;
  nowMs: number;
  nextId: number;
  /** Every event ever created, with the replica that made it. */
  origin: Map<string, { replica: number; event: HistoryEvent }>;
}

function newId(world: World, replica: number): string {
  world.nextId++;
  return `0000000${replica}-0000-4000-8000-${String(world.nextId).padStart(12, '0')}`;
}

/** The data file round trip every snapshot goes through on the wire. */
function overTheWire(state: TrackerState, at: number): TrackerState {
  const text = JSON.stringify(stateToDataFile(state, new Date(at)));
  return unwrap(readDataFile(JSON.parse(text)));
}

function lastEventAt(state: TrackerState, typeId: string): string | null {
  let last: string | null = null;
  for (const e of state.events)
    if (e.type_id === typeId && (!last || e.created_at > last)) last = e.created_at;
  return last;
}

function nameTaken(state: TrackerState, exceptId: string | null) {
  return (name: string) =>
    state.types.some((t) => t.id !== exceptId && nameKey(t.name) === nameKey(name));
}

/** Applies one user action to a replica's state, as the PWA's db layer does. */
function edit(world: World, r: number, op: Op): void {
  const replica = world.replicas[r]!;
  const state = replica.state;
  const now = new Date(world.nowMs + replica.skewMs);
  const record = (event: HistoryEvent) => world.origin.set(event.id, { replica: r, event });
  if (op.op === 'create') {
    const typeId = newId(world, r);
    const created = planCreateType(
      { name: op.name, counts: { IN_BOX: op.inBox, PRIMING: op.priming } },
      { typeId, now, newEventId: () => newId(world, r) },
      nameTaken(state, null),
    );
    if (!created.ok) return;
    state.types.push(created.value.type);
    state.events.push(...created.value.events);
    created.value.events.forEach(record);
    return;
  }
  const live = [...state.types].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (live.length === 0) return;
  const type = live[op.t % live.length]!;
  if (op.op === 'rename') {
    const renamed = planRename(type, op.name, now, nameTaken(state, type.id));
    if (renamed.ok) Object.assign(type, renamed.value);
    return;
  }
  if (op.op === 'delete') {
    state.tombstones.push(planDelete(type.id, now));
    state.types = state.types.filter((t) => t.id !== type.id);
    state.events = state.events.filter((e) => e.type_id !== type.id);
    return;
  }
  const ledger = { id: type.id, counts: type.counts, last_event_at: lastEventAt(state, type.id) };
  const ctx = { eventId: newId(world, r), now };
  let change: Result<Change>;
  if (op.op === 'add') change = planAdd(ledger, { stage: op.stage, qty: op.qty }, ctx);
  else if (op.op === 'remove') change = planRemove(ledger, { stage: op.stage, qty: op.qty }, ctx);
  else {
    const from: Stage = STAGES[op.from]!;
    const to: Stage = STAGES[Math.min(4, op.from + op.skip)]!;
    change = planMove(ledger, { from_stage: from, to_stage: to, qty: op.qty }, ctx);
  }
  if (!change.ok) return;
  type.counts = change.value.counts;
  state.events.push(change.value.event);
  record(change.value.event);
}

function push(world: World, r: number, lost: boolean): void {
  const replica = world.replicas[r]!;
  const plan = planImport(world.server, overTheWire(replica.state, world.nowMs), false);
  world.server = plan.state;
  if (lost) return;
  for (const c of plan.report.conflicts) replica.conflictsSeen.add(c.event.id);
  replica.pending = overTheWire(world.server, world.nowMs);
  replica.pushedIds = new Set(replica.state.events.map((e) => e.id));
}

function apply(world: World, r: number): void {
  const replica = world.replicas[r]!;
  if (!replica.pending) return;
  const outcome = mergeStates(replica.state, replica.pending);
  // As the PWA does (pwa/src/sync/attempt.ts, relevantLocalConflicts): of the local
  // merge's conflicts it keeps those of events it pushed or wrote meanwhile, not the
  // old conflicts of others that are merely new to it.
  const incomingIds = new Set(replica.pending.events.map((e) => e.id));
  replica.pending = null;
  replica.state = outcome.state;
  for (const c of outcome.conflicts) {
    if (replica.pushedIds.has(c.event.id) || !incomingIds.has(c.event.id)) {
      replica.conflictsSeen.add(c.event.id);
    }
  }
}

function run(world: World, step: Step): void {
  if (step.kind === 'edit') edit(world, step.r, step.op);
  else if (step.kind === 'push') push(world, step.r, step.lost);
  else if (step.kind === 'apply') apply(world, step.r);
  else if (step.kind === 'sync') {
    push(world, step.r, false);
    apply(world, step.r);
  } else world.nowMs += step.ms;
}

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

interface RunStats {
  conflicts: number;
  folds: number;
  deletions: number;
}

function simulate(skews: number[], steps: Step[]): RunStats {
  const world: World = {
    replicas: skews.map((skewMs) => ({
      state: emptyState(),
      skewMs,
      pending: null,
      pushedIds: new Set<string>(),
      conflictsSeen: new Set<string>(),
    })),
    server: emptyState(),
    nowMs: Date.parse('2026-03-01T09:00:00.000Z'),
    nextId: 0,
    origin: new Map(),
  };
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
  const final = world.server;
  checkInvariants(final);
  for (const replica of world.replicas) expect(replica.state).toEqual(final);

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
    conflicts: skipped.size,
    folds: final.tombstones.filter((t) => t.merged_into !== null).length,
    deletions: final.tombstones.filter((t) => t.merged_into === null).length,
  };
}

const skewArb = fc.integer({ min: -600_000, max: 600_000 });

describe('sync convergence (3 replicas, server as merge hub)', () => {
  it('converges to one state, never negative, every event applied or reported', () => {
    const seen = { runs: 0, conflicts: 0, folds: 0, deletions: 0 };
    fc.assert(
      fc.property(
        fc.tuple(skewArb, skewArb, skewArb),
        fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
        (skews, steps) => {
          const stats = simulate(skews, steps);
          seen.runs++;
          if (stats.conflicts > 0) seen.conflicts++;
          if (stats.folds > 0) seen.folds++;
          if (stats.deletions > 0) seen.deletions++;
        },
      ),
      { numRuns: 1_000 },
    );
    // The schedules must reach the interesting cases, or the property proves little.
    expect(seen.conflicts).toBeGreaterThan(seen.runs / 10);
    expect(seen.folds).toBeGreaterThan(seen.runs / 20);
    expect(seen.deletions).toBeGreaterThan(seen.runs / 20);
  });
});
