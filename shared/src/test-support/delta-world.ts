// The delta protocol of SPEC §10 in the sync model of sync-world.ts, as the PWA
// (pwa/src/sync/attempt.ts, pwa/src/db/outbox.ts) and the server
// (sync-server/src/store/sql-changes.ts) run it, through the same shared functions.
import fc from 'fast-check';
import { unwrap } from '../errors';
import { ownFacts } from '../sync/answer';
import { planRedate } from '../sync/clock';
import { planChanges, scopedState } from '../sync/scope';
import { stateToDataFile } from '../transfer/export';
import { readChanges } from '../transfer/read-data-file';
import type { TrackerState } from '../transfer/state';
import { pushChanges, putBack } from './memory-server';
import {
  apply,
  edit,
  noteDrops,
  noteOutbox,
  opArb,
  push,
  type Replica,
  type World,
} from './sync-world';

/** A fragment through the wire: export, JSON, and back as a change set. */
function wire(state: TrackerState, at: number): TrackerState {
  return unwrap(readChanges(JSON.parse(JSON.stringify(stateToDataFile(state, new Date(at))))));
}

/** What the device sends: everything without a cursor, else what its outbox names. */
function outgoing(replica: Replica): TrackerState {
  const s = replica.state;
  if (replica.cursor === null || replica.pushAll) return s;
  const types = new Set<string>();
  const events = new Set<string>();
  const tombs = new Set<string>();
  for (const entry of replica.outbox) {
    if (entry.kind === 'type') types.add(entry.id);
    else if (entry.kind === 'event') events.add(entry.id);
    else tombs.add(entry.id);
  }
  const sentEvents = s.events.filter((e) => events.has(e.id));
  for (const e of sentEvents) types.add(e.type_id);
  return {
    types: s.types.filter((t) => types.has(t.id)),
    events: sentEvents,
    tombstones: s.tombstones.filter((t) => tombs.has(t.id)),
  };
}

/** POST /sync/changes: the device sends, the server merges and answers; the answer may be lost. */
export function deltaPush(world: World, r: number, lost: boolean): void {
  const replica = world.replicas[r]!;
  const upTo = replica.outboxBase;
  const changes = wire(outgoing(replica), world.nowMs);
  const answer = pushChanges(world, replica.cursor, changes, new Date(world.nowMs));
  if (lost) return;
  for (const c of answer.report.conflicts) replica.conflictsSeen.add(c.event.id);
  replica.deltaPending = {
    cursor: answer.cursor,
    full: answer.full,
    since: replica.cursor,
    changes: wire(answer.changes, world.nowMs),
    upTo,
    refused: answer.refusal ?? { type_ids: [], event_ids: [] },
  };
}

/** The device merges the answer into what it holds now, in one transaction. */
export function deltaApply(world: World, r: number): void {
  const replica = world.replicas[r]!;
  const answer = replica.deltaPending;
  if (!answer) return;
  replica.deltaPending = null;
  const incoming = answer.changes;
  const { scope, scoped } = scopedState(replica.state, incoming);
  const plan = planChanges(scoped, incoming, false);
  const next = putBack(replica.state, scope, plan.state);
  // As pwa/src/sync/attempt.ts does (relevantLocalConflicts): a move this device held
  // (or had dropped) and that the merge now sets aside concerns it; one new to it does not.
  const held = new Set(scoped.events.map((e) => e.id));
  for (const c of plan.report.conflicts) {
    const id = c.event.id;
    if (held.has(id) || replica.dropped.has(id)) replica.conflictsSeen.add(id);
  }
  noteDrops(replica, next);
  replica.state = next;
  // What was sent is on the server, except what waits for the clock; what the merge
  // decided by itself goes out next time.
  const waiting = new Set([...answer.refused.type_ids, ...answer.refused.event_ids]);
  replica.outbox = replica.outbox.filter((e) => e.n > answer.upTo || waiting.has(e.id));
  const own = ownFacts(plan.delta, incoming);
  noteOutbox(replica, 'type', own.types);
  noteOutbox(replica, 'event', own.events);
  noteOutbox(replica, 'tombstone', own.tombstones);
  replica.refused = answer.refused;
  // A cursor the server did not know: it may lack what this device has; send it all once.
  replica.pushAll = answer.full && answer.since !== null;
  replica.cursor = answer.cursor;
}

/**
 * Once its clock is right, a device re-dates what the server refused (planRedate) as a
 * local write, and it goes out with the next push.
 */
export function redate(world: World, r: number): void {
  const replica = world.replicas[r]!;
  const { type_ids, event_ids } = replica.refused;
  if (type_ids.length === 0 && event_ids.length === 0) return;
  const s = replica.state;
  const ids = new Set([
    ...type_ids,
    ...s.events.filter((e) => event_ids.includes(e.id)).map((e) => e.type_id),
  ]);
  const part: TrackerState = {
    types: s.types.filter((t) => ids.has(t.id)),
    events: s.events.filter((e) => ids.has(e.type_id)),
    tombstones: [],
  };
  const out = planRedate(part, replica.refused, new Date(world.nowMs + replica.skewMs));
  const types = new Map(out.types.map((t) => [t.id, t]));
  const events = new Map(out.events.map((e) => [e.id, e]));
  replica.state = {
    types: s.types.map((t) => types.get(t.id) ?? t),
    events: s.events.map((e) => events.get(e.id) ?? e),
    tombstones: s.tombstones,
  };
  for (const e of out.events) world.origin.get(e.id)!.event = e;
  // As the PWA does: the moves the new order sets aside are shown as conflicts.
  for (const c of out.conflicts) replica.conflictsSeen.add(c.event.id);
  noteOutbox(replica, 'type', types.keys());
  noteOutbox(replica, 'event', events.keys());
  if (out.types.length + out.events.length > 0) replica.edits++;
}

/** The device forgets its cursor (site data of localStorage cleared, a restore). */
export function loseCursor(world: World, r: number): void {
  world.replicas[r]!.cursor = null;
}

const replicaArb = fc.integer({ min: 0, max: 2 });
const DAY = 24 * 60 * 60_000;

/** One step of a mixed schedule: edits, delta and full syncs, lost cursors, clocks. */
export const mixedStepArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), r: replicaArb, op: opArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('dpush' as const),
      r: replicaArb,
      lost: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('dapply' as const), r: replicaArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('dsync' as const), r: replicaArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), r: replicaArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lose' as const), r: replicaArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat(400_000) }) },
);
export type MixedStep = typeof mixedStepArb extends fc.Arbitrary<infer T> ? T : never;

/** A device clock set wrong by up to `days` either way (and some exactly that far off). */
export const skewDaysArb = (days: number) =>
  fc.oneof(
    fc.integer({ min: -days * DAY, max: days * DAY }),
    fc.constantFrom(-days * DAY, days * DAY, days * DAY - 1),
  );

/** Runs one step of a mixed schedule. */
export function runMixed(world: World, step: MixedStep): void {
  if (step.kind === 'edit') edit(world, step.r, step.op);
  else if (step.kind === 'dpush') deltaPush(world, step.r, step.lost);
  else if (step.kind === 'dapply') deltaApply(world, step.r);
  else if (step.kind === 'dsync') {
    deltaPush(world, step.r, false);
    deltaApply(world, step.r);
  } else if (step.kind === 'full') {
    push(world, step.r, false);
    apply(world, step.r);
  } else if (step.kind === 'lose') loseCursor(world, step.r);
  else world.nowMs += step.ms;
}
