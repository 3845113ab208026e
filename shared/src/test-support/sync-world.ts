// The sync model of transfer/convergence.test.ts: three replicas editing through the
// shared operations and syncing through a server that merges, as the PWA and the sync
// server do.
import fc from 'fast-check';
import { type Result, unwrap } from '../errors';
import {
  type Change,
  ledgerOf,
  planAdd,
  planCreateType,
  planDelete,
  planMove,
  planRemove,
  planRename,
} from '../pipeline/operations';
import { compareEvents } from '../pipeline/replay';
import { STAGES, type Stage } from '../pipeline/stages';
import { planUpdateType } from '../pipeline/type-fields';
import { planRevert, planRework } from '../pipeline/undo';
import type { HistoryEvent } from '../schema/entities';
import { ownFacts } from '../sync/answer';
import { refuseFarAhead } from '../sync/clock';
import { diffStates } from '../transfer/diff';
import { stateToDataFile } from '../transfer/export';
import { planImport } from '../transfer/import';
import { mergeStates } from '../transfer/merge';
import { readDataFile } from '../transfer/read-data-file';
import { emptyState, type TrackerState } from '../transfer/state';
import { nameKey } from '../values/names';
import { type MemoryServer, newMemoryServer, setServer } from './memory-server';

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

/** A user action on one replica, through the shared operations. */
export const opArb = fc.oneof(
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
  // SPEC §9: undo one of the type's last events, send models back, edit a field.
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('revert' as const),
      t: fc.nat(),
      back: fc.nat({ max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('rework' as const),
      t: fc.nat(),
      from: fc.nat({ max: 3 }),
      back: fc.integer({ min: 1, max: 4 }),
      qty: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('field' as const),
      t: fc.nat(),
      army: fc.constantFrom('Orks', 'Goffs', null),
      points: fc.integer({ min: 0, max: 20 }),
    }),
  },
);
export type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const replicaArb = fc.integer({ min: 0, max: 2 });
/** One step of a schedule: an edit, a push, a merge of the answer, a sync, time passing. */
export const stepArb = fc.oneof(
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
export type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** A record a device wrote and has not yet sent (pwa/src/db/outbox.ts). */
export interface OutboxEntry {
  n: number;
  kind: 'type' | 'event' | 'tombstone';
  id: string;
}

/** One device. */
export interface Replica {
  state: TrackerState;
  skewMs: number;
  /** The server's answer to the last push, not merged yet, and the event ids pushed. */
  pending: TrackerState | null;
  pushedIds: Set<string>;
  /** Local writes so far (the PWA's local_change_seq), and its value at the last push. */
  edits: number;
  pushedEdits: number;
  /**
   * The PWA's reused snapshot: the server's last answer, pushed again instead of the
   * current state while no local write happened since (pwa/src/sync/service.ts).
   */
  snapshot: { state: TrackerState; edits: number } | null;
  /** Ids of every event this replica was told is a conflict (push reports and local merges). */
  conflictsSeen: Set<string>;
  /**
   * Ids of events this replica held and dropped since, by a deletion of their type (its
   * own or a synced one), as the PWA records them (pwa/src/db/dropped-events.ts).
   */
  dropped: Set<string>;
  /** Delta sync (SPEC §10): the server's cursor, or null to send everything. */
  cursor: number | null;
  /** The server did not know the cursor: send everything once. */
  pushAll: boolean;
  outbox: OutboxEntry[];
  /** The number of the last outbox entry ever written (entries are numbered, never reused). */
  outboxBase: number;
  /** What the server refused last, waiting for this device's clock. */
  refused: { type_ids: string[]; event_ids: string[] };
  /** The answer to the last delta push, not merged yet (see delta-world.ts). */
  deltaPending: DeltaAnswer | null;
}

/** The server's answer to a delta push, as the device holds it until it merges it. */
export interface DeltaAnswer {
  cursor: number;
  full: boolean;
  since: number | null;
  changes: TrackerState;
  /** How far the outbox went. */
  upTo: number;
  refused: { type_ids: string[]; event_ids: string[] };
}

/** The three replicas, the server, the clock, and where every event came from. */
export interface World extends MemoryServer {
  replicas: Replica[];
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
export function overTheWire(state: TrackerState, at: number): TrackerState {
  const text = JSON.stringify(stateToDataFile(state, new Date(at)));
  return unwrap(readDataFile(JSON.parse(text)));
}

function nameTaken(state: TrackerState, exceptId: string | null) {
  return (name: string) =>
    state.types.some((t) => t.id !== exceptId && nameKey(t.name) === nameKey(name));
}

/** Notes records a device wrote, for its next delta push. */
export function noteOutbox(replica: Replica, kind: OutboxEntry['kind'], ids: Iterable<string>) {
  for (const id of ids) replica.outbox.push({ n: ++replica.outboxBase, kind, id });
}

/** Applies one user action to a replica's state, as the PWA's db layer does. */
export function edit(world: World, r: number, op: Op): void {
  if (applyEdit(world, r, op)) world.replicas[r]!.edits++;
}

/** The action itself; false when a rule refused it (nothing changed). */
function applyEdit(world: World, r: number, op: Op): boolean {
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
    if (!created.ok) return false;
    state.types.push(created.value.type);
    state.events.push(...created.value.events);
    created.value.events.forEach(record);
    noteOutbox(replica, 'type', [created.value.type.id]);
    noteOutbox(
      replica,
      'event',
      created.value.events.map((e) => e.id),
    );
    return true;
  }
  const live = [...state.types].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (live.length === 0) return false;
  const type = live[op.t % live.length]!;
  if (op.op === 'rename') {
    const renamed = planRename(type, op.name, now, nameTaken(state, type.id));
    if (renamed.ok) {
      Object.assign(type, renamed.value);
      noteOutbox(replica, 'type', [type.id]);
    }
    return renamed.ok;
  }
  if (op.op === 'field') {
    const update = planUpdateType(
      type,
      { army: op.army, points_per_model: op.points },
      now,
      () => false,
    );
    if (!update.ok || Object.keys(update.value).length === 0) return false;
    Object.assign(type, update.value);
    noteOutbox(replica, 'type', [type.id]);
    return true;
  }
  if (op.op === 'delete') {
    for (const e of state.events) if (e.type_id === type.id) replica.dropped.add(e.id);
    state.tombstones.push(unwrap(planDelete(type.id, now)));
    noteOutbox(replica, 'tombstone', [type.id]);
    state.types = state.types.filter((t) => t.id !== type.id);
    state.events = state.events.filter((e) => e.type_id !== type.id);
    return true;
  }
  const ledger = ledgerOf(
    type,
    state.events.filter((e) => e.type_id === type.id),
  );
  const ctx = { eventId: newId(world, r), now };
  let change: Result<Change>;
  if (op.op === 'add') change = planAdd(ledger, { stage: op.stage, qty: op.qty }, ctx);
  else if (op.op === 'remove') change = planRemove(ledger, { stage: op.stage, qty: op.qty }, ctx);
  else if (op.op === 'revert') {
    // The undo button acts on one of the latest taps the device shows.
    const history = ledger.history ?? [];
    const shown = [...history].sort(compareEvents);
    const target = shown[Math.max(0, shown.length - 1 - op.back)];
    if (!target) return false;
    change = planRevert({ ...ledger, history }, { event_id: target.id }, ctx);
  } else if (op.op === 'rework') {
    // The rework form offers only stages past In box that hold models, and at most their count.
    const offered = STAGES.flatMap((s, i) => (i > 0 && type.counts[s] > 0 ? [i] : []));
    if (offered.length === 0) return false;
    const at = offered[op.from % offered.length]!;
    const from: Stage = STAGES[at]!;
    const to: Stage = STAGES[Math.max(0, at - op.back)]!;
    const qty = Math.min(op.qty, type.counts[from]);
    change = planRework(ledger, { from_stage: from, to_stage: to, qty }, ctx);
  } else {
    const from: Stage = STAGES[op.from]!;
    const to: Stage = STAGES[Math.min(4, op.from + op.skip)]!;
    change = planMove(ledger, { from_stage: from, to_stage: to, qty: op.qty }, ctx);
  }
  if (!change.ok) return false;
  type.counts = change.value.counts;
  state.events.push(change.value.event);
  record(change.value.event);
  noteOutbox(replica, 'event', [change.value.event.id]);
  return true;
}

/** A replica pushes its full snapshot; the server merges it; the answer may be lost. */
export function push(world: World, r: number, lost: boolean): void {
  const replica = world.replicas[r]!;
  const cached = replica.snapshot?.edits === replica.edits ? replica.snapshot.state : null;
  const pushed = cached ?? replica.state;
  const server = world.server;
  const { accepted } = refuseFarAhead(
    overTheWire(pushed, world.nowMs),
    {
      types: new Map(server.types.map((t) => [t.id, t])),
      gone: new Set(server.tombstones.map((t) => t.id)),
      events: new Set(server.events.map((e) => e.id)),
    },
    new Date(world.nowMs),
  );
  const plan = planImport(server, accepted, false);
  setServer(world, plan.state);
  if (lost) return;
  for (const c of plan.report.conflicts) replica.conflictsSeen.add(c.event.id);
  replica.pending = overTheWire(world.server, world.nowMs);
  replica.pushedIds = new Set(pushed.events.map((e) => e.id));
  replica.pushedEdits = replica.edits;
}

/** The replica merges the server's last answer into what it holds now. */
export function apply(world: World, r: number): void {
  const replica = world.replicas[r]!;
  if (!replica.pending) return;
  const outcome = mergeStates(replica.state, replica.pending);
  // As the PWA does (pwa/src/sync/attempt.ts, relevantLocalConflicts): of the local
  // merge's conflicts it keeps those of events it held before the merge, or held and
  // dropped with a deleted type, not the old conflicts of others merely new to it.
  // (Keeping "pushed or not in the answer" instead missed a move whose push was lost
  // before a fold moved it: it was in the answer, and not in the cached snapshot.)
  const held = new Set(replica.state.events.map((e) => e.id));
  for (const c of outcome.conflicts) {
    const id = c.event.id;
    if (held.has(id) || replica.dropped.has(id)) replica.conflictsSeen.add(id);
  }
  // As pwa/src/db/merge.ts does: the merge's own drops are remembered, and an event
  // that came back (a fold elsewhere kept it) is held again.
  noteDrops(replica, outcome.state);
  // Facts the local merge decided (a fold) go out with the next delta push.
  const own = ownFacts(diffStates(replica.state, outcome.state), replica.pending);
  noteOutbox(replica, 'type', own.types);
  noteOutbox(replica, 'event', own.events);
  noteOutbox(replica, 'tombstone', own.tombstones);
  replica.snapshot = { state: replica.pending, edits: replica.pushedEdits };
  replica.pending = null;
  replica.state = outcome.state;
}

/** As pwa/src/db/merge.ts does: the merge's own drops are remembered, returns held again. */
export function noteDrops(replica: Replica, next: TrackerState): void {
  const kept = new Set(next.events.map((e) => e.id));
  for (const e of replica.state.events) if (!kept.has(e.id)) replica.dropped.add(e.id);
  for (const id of kept) replica.dropped.delete(id);
}

/** Runs one step of a schedule (the full-snapshot protocol of POST /sync). */
export function run(world: World, step: Step): void {
  if (step.kind === 'edit') edit(world, step.r, step.op);
  else if (step.kind === 'push') push(world, step.r, step.lost);
  else if (step.kind === 'apply') apply(world, step.r);
  else if (step.kind === 'sync') {
    push(world, step.r, false);
    apply(world, step.r);
  } else world.nowMs += step.ms;
}

/** A device clock's offset from the true time, up to ±10 minutes. */
export const skewArb = fc.integer({ min: -600_000, max: 600_000 });

/** Three empty replicas with the given clock skews and an empty server. */
export function newWorld(skews: number[]): World {
  return {
    replicas: skews.map((skewMs) => ({
      state: emptyState(),
      skewMs,
      pending: null,
      pushedIds: new Set<string>(),
      edits: 0,
      pushedEdits: 0,
      snapshot: null,
      conflictsSeen: new Set<string>(),
      dropped: new Set<string>(),
      cursor: null,
      pushAll: false,
      outbox: [],
      outboxBase: 0,
      refused: { type_ids: [], event_ids: [] },
      deltaPending: null,
    })),
    ...newMemoryServer(),
    nowMs: Date.parse('2026-03-01T09:00:00.000Z'),
    nextId: 0,
    origin: new Map(),
  };
}
