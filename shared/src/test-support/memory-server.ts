// The sync server's delta protocol (sync-server/src/store/sql-changes.ts) over a state
// in memory, through the same shared functions: for the sync model (delta-world.ts)
// and for the PWA's tests, which talk to it through a fake client.
import type { ImportReport } from '../schema/api';
import type { ClockRefusal } from '../schema/sync-changes';
import { withoutSent, withSentTypes } from '../sync/answer';
import { refuseFarAhead } from '../sync/clock';
import { changeScope, planChanges } from '../sync/scope';
import { diffStates, isEmptyDelta } from '../transfer/diff';
import { emptyState, type TrackerState } from '../transfer/state';
import { nameKey } from '../values/names';

/** The server's state and its change numbers (migration 004): the last one, and each record's. */
export interface MemoryServer {
  server: TrackerState;
  seq: number;
  stamps: {
    types: Map<string, number>;
    events: Map<string, number>;
    tombstones: Map<string, number>;
  };
  /** Pushes of which something was refused for the device's clock (SPEC §10). */
  refusals: number;
}

/** An empty server. */
export function newMemoryServer(): MemoryServer {
  return {
    server: emptyState(),
    seq: 0,
    refusals: 0,
    stamps: { types: new Map(), events: new Map(), tombstones: new Map() },
  };
}

/**
 * The server stores a new state in one transaction: every record it writes gets the
 * transaction's change number, as migration 004's triggers stamp them.
 */
export function setServer(hub: MemoryServer, next: TrackerState): void {
  const delta = diffStates(hub.server, next);
  hub.server = next;
  if (isEmptyDelta(delta)) return;
  const seq = ++hub.seq;
  for (const t of delta.upsertTypes) hub.stamps.types.set(t.id, seq);
  for (const e of delta.insertEvents) hub.stamps.events.set(e.id, seq);
  for (const m of delta.moveEvents) hub.stamps.events.set(m.id, seq);
  for (const t of delta.upsertTombstones) hub.stamps.tombstones.set(t.id, seq);
}

/** The records changed after `seq`, as sql-changes.ts loadSince reads them. */
function since(hub: MemoryServer, seq: number): TrackerState {
  const { stamps, server } = hub;
  const events = server.events.filter((e) => (stamps.events.get(e.id) ?? 0) > seq);
  const carried = new Set(events.map((e) => e.type_id));
  return {
    types: server.types.filter((t) => (stamps.types.get(t.id) ?? 0) > seq || carried.has(t.id)),
    events,
    tombstones: server.tombstones.filter((t) => (stamps.tombstones.get(t.id) ?? 0) > seq),
  };
}

/** A whole state with the merge of a scoped part put back in place of its scope. */
export function putBack(whole: TrackerState, scope: Set<string>, part: TrackerState): TrackerState {
  return {
    types: [...whole.types.filter((t) => !scope.has(t.id)), ...part.types],
    events: [...whole.events.filter((e) => !scope.has(e.type_id)), ...part.events],
    tombstones: part.tombstones,
    ...(part.goal !== undefined && { goal: part.goal }),
    ...(part.extra !== undefined && { extra: part.extra }),
  };
}

/** The answer to a delta push, before it goes through the wire. */
export interface MemoryAnswer {
  cursor: number;
  full: boolean;
  changes: TrackerState;
  report: ImportReport;
  refusal: ClockRefusal | null;
}

/**
 * POST /sync/changes: merges what the device sent into the part of the state it
 * touches, and answers what changed since `sinceSeq` (everything when null or unknown)
 * that the device did not just send.
 */
export function pushChanges(
  hub: MemoryServer,
  sinceSeq: number | null,
  changes: TrackerState,
  now: Date,
): MemoryAnswer {
  const server = hub.server;
  const held = new Map<string, string>();
  const wanted = new Set(changes.events.map((e) => e.id));
  for (const e of server.events) if (wanted.has(e.id)) held.set(e.id, e.type_id);
  const { accepted, refusal } = refuseFarAhead(
    changes,
    {
      types: new Map(server.types.map((t) => [t.id, t])),
      gone: new Set(server.tombstones.map((t) => t.id)),
      events: new Set(held.keys()),
    },
    now,
  );
  const scope = changeScope(
    {
      typeKeys: server.types.map((t) => [t.id, nameKey(t.name)] as const),
      tombstones: server.tombstones,
      heldEventTypes: held,
    },
    accepted,
  );
  const scoped: TrackerState = {
    types: server.types.filter((t) => scope.has(t.id)),
    events: server.events.filter((e) => scope.has(e.type_id)),
    tombstones: server.tombstones,
  };
  const plan = planChanges(scoped, accepted, false);
  setServer(hub, putBack(server, scope, plan.state));
  if (refusal) hub.refusals++;
  const full = sinceSeq === null || sinceSeq > hub.seq;
  const sentIds = new Set(changes.types.map((t) => t.id));
  const fresh = full
    ? hub.server
    : withSentTypes(
        since(hub, sinceSeq),
        hub.server.types.filter((t) => sentIds.has(t.id)),
      );
  return {
    cursor: hub.seq,
    full,
    changes: withoutSent(fresh, changes),
    report: plan.report,
    refusal,
  };
}
