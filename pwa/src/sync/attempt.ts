import {
  type Conflict,
  type DataFile,
  type ImportReport,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import { type SyncClient, snapshotToState } from './client';

/** A local merge's report, with what the device had dropped before it. */
export interface LocalMergeReport extends ImportReport {
  /**
   * Ids of events this device held and dropped (a deleted type, a restore) before the
   * merge (pwa/src/db/dropped-events.ts); absent means none.
   */
  droppedBefore?: ReadonlySet<string>;
}

/** The local database as sync sees it (the Dexie implementation is in local-replica.ts). */
export interface LocalReplica {
  /** local_change_seq: how many local writes this device has made. */
  changeSeq(): Promise<number>;
  readState(): Promise<TrackerState>;
  /** Merges the server's state in one transaction, keeping local writes made meanwhile. */
  merge(incoming: TrackerState): Promise<LocalMergeReport>;
}

/**
 * One push of one snapshot. The key is fresh per attempt and the body is kept, so a
 * retry after a lost answer sends exactly the same request and the server answers it
 * from its idempotency record instead of merging twice.
 */
export interface SyncAttempt {
  key: string;
  body: string;
  /** local_change_seq read before the snapshot: every change up to it is in the body. */
  seq: number;
  bytes: number;
  /** The snapshot's exported_at, the one field the server's answer always changes. */
  exportedAt: string;
  /** Ids of the events in the snapshot: the moves this device knew when it pushed. */
  eventIds: ReadonlySet<string>;
}

/** What the user sees while a sync runs. */
export type SyncPhase =
  | { phase: 'preparing' }
  | { phase: 'uploading'; bytes: number; received: number; total: number | null }
  | { phase: 'merging'; bytes: number };

/** The outcome of a completed attempt. */
export interface SyncOutcome {
  revision: number;
  pushedSeq: number;
  /** The server's conflicts plus those of the local merge, once each. */
  conflicts: Conflict[];
  /** Events the local merge added (0 when the server had nothing new). */
  eventsAdded: number;
  /** The server answered with exactly what was pushed: nothing was merged locally. */
  echoed: boolean;
  /**
   * A snapshot of this device as of the attempt's seq, for the next push: the pushed
   * one when echoed, else the server's answer (which contains everything pushed).
   */
  next: SyncAttempt;
}

/** Reads the local state and freezes it into an attempt with a fresh Idempotency-Key. */
export async function prepareAttempt(
  local: LocalReplica,
  newKey: () => string,
  now: Date = new Date(),
): Promise<SyncAttempt> {
  // The counter is read first: a write landing between the two reads is pushed but
  // still counted as pending, which costs one extra sync and never loses a change.
  const seq = await local.changeSeq();
  const state = await timed('read', () => local.readState());
  const file = stateToDataFile(state, now);
  const body = await timed('serialize', async () => JSON.stringify({ snapshot: file }));
  return {
    key: newKey(),
    body,
    seq,
    bytes: new TextEncoder().encode(body).length,
    exportedAt: file.exported_at,
    eventIds: new Set(state.events.map((e) => e.id)),
  };
}

/**
 * The server's merged answer as this device's next snapshot. After the merge, the
 * device holds the answer plus whatever it wrote meanwhile, and such writes move
 * local_change_seq past `attempt.seq`, which makes the caller read afresh instead.
 */
function answerAsAttempt(
  attempt: SyncAttempt,
  snapshot: DataFile,
  state: TrackerState,
): SyncAttempt {
  const body = JSON.stringify({ snapshot });
  return {
    key: '',
    body,
    seq: attempt.seq,
    bytes: new TextEncoder().encode(body).length,
    exportedAt: snapshot.exported_at,
    eventIds: new Set(state.events.map((e) => e.id)),
  };
}

/**
 * True when the server's merged snapshot is exactly what we pushed (it had nothing we
 * lacked), so validating and merging it would change nothing. The server writes the
 * snapshot with the same shared stateToDataFile, whose output is canonical; any
 * difference at all, even in key order, just means the full merge runs.
 */
export function sameAsPushed(attempt: SyncAttempt, snapshot: unknown): boolean {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return false;
  const echoed = { ...(snapshot as Record<string, unknown>), exported_at: attempt.exportedAt };
  return JSON.stringify({ snapshot: echoed }) === attempt.body;
}

/**
 * Runs a step under a User Timing measure (`mpt-sync:<name>`), so DevTools and the
 * benchmark can see where a large sync spends its time.
 */
async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    performance.measure?.(`mpt-sync:${name}`, { start, end: performance.now() });
  }
}

// Progress events arrive per network chunk; the UI needs a few per second at most.
const PROGRESS_INTERVAL_MS = 100;

/**
 * The local merge's conflicts that concern this device: events it pushed, wrote while
 * the request was out (those are not in the answer), or held and dropped (`dropped`:
 * a deleted type, a restore). A merge also flags every refused event that is new to
 * this device — on a fresh device, every old conflict of the others — and those were
 * already reported to the devices that made them. A dropped event is not new: when
 * another device had folded its type into a same-named one before the deletion
 * arrived, the event lives on there, and it may be this device's own move that comes
 * back set aside (docs/sync.md, "A deleted type that comes back").
 */
export function relevantLocalConflicts(
  conflicts: Conflict[],
  pushedIds: ReadonlySet<string>,
  incoming: TrackerState,
  dropped: ReadonlySet<string> = new Set(),
): Conflict[] {
  if (conflicts.length === 0) return conflicts;
  const incomingIds = new Set(incoming.events.map((e) => e.id));
  return conflicts.filter(
    (c) => pushedIds.has(c.event.id) || dropped.has(c.event.id) || !incomingIds.has(c.event.id),
  );
}

/** Conflicts of both reports, each event once. */
export function uniqueConflicts(...lists: Conflict[][]): Conflict[] {
  const byEvent = new Map<string, Conflict>();
  for (const list of lists)
    for (const c of list) if (!byEvent.has(c.event.id)) byEvent.set(c.event.id, c);
  return [...byEvent.values()];
}

/**
 * Sends the attempt and merges the answer into the local database. Throws SyncError
 * (transport or server) or a DomainError from the merge; the attempt may be retried.
 */
export async function completeAttempt(
  client: SyncClient,
  local: LocalReplica,
  attempt: SyncAttempt,
  onPhase: (phase: SyncPhase) => void = () => {},
): Promise<SyncOutcome> {
  onPhase({ phase: 'uploading', bytes: attempt.bytes, received: 0, total: null });
  let lastProgress = 0;
  const answer = await client.push(attempt.body, attempt.key, (received, total) => {
    const now = Date.now();
    if (now - lastProgress < PROGRESS_INTERVAL_MS && received !== total) return;
    lastProgress = now;
    onPhase({ phase: 'uploading', bytes: attempt.bytes, received, total });
  });
  if (sameAsPushed(attempt, answer.snapshot)) {
    return {
      revision: answer.revision,
      pushedSeq: attempt.seq,
      conflicts: uniqueConflicts(answer.report.conflicts),
      eventsAdded: 0,
      echoed: true,
      next: attempt,
    };
  }
  onPhase({ phase: 'merging', bytes: answer.bytes });
  const incoming = await timed('validate', async () => snapshotToState(answer.snapshot));
  const merged = await timed('merge', () => local.merge(incoming));
  return {
    revision: answer.revision,
    pushedSeq: attempt.seq,
    conflicts: uniqueConflicts(
      answer.report.conflicts,
      relevantLocalConflicts(merged.conflicts, attempt.eventIds, incoming, merged.droppedBefore),
    ),
    eventsAdded: merged.events_added,
    echoed: false,
    next: answerAsAttempt(attempt, answer.snapshot as DataFile, incoming),
  };
}
