import {
  type ClockRefusal,
  type Conflict,
  clockSkewMs,
  type HistoryEvent,
  type ImportReport,
  readChangesSteps,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import type { MergeProgress } from '../db/merge';
import type { Outgoing } from '../db/outbox';
import type { SyncReceipt } from '../db/sync-merge';
import { timed as timedAs } from '../db/user-timing';
import type { SyncClient } from './client';
import { SyncError } from './errors';
import { gzipText } from './gzip';
import type { FoundConflict, FoundDouble } from './store';

/** A sync merge's report, with what the device held and had dropped before it. */
export interface LocalMergeReport extends ImportReport {
  /** Ids of the events the device held, in the types the changes touched, before the merge. */
  heldBefore: ReadonlySet<string>;
  /**
   * Ids of events this device held and dropped (a deleted type, a restore) before the
   * merge (pwa/src/db/dropped-events.ts).
   */
  droppedBefore: ReadonlySet<string>;
}

/** The local database as sync sees it (the Dexie implementation is in local-replica.ts). */
export interface LocalReplica {
  /** local_change_seq: how many local writes this device has made. */
  changeSeq(): Promise<number>;
  /** What to send to the server at `url`: the outbox's records, or everything. */
  readOutgoing(url: string): Promise<Outgoing>;
  /**
   * Merges the server's changes in one transaction with the receipt (new cursor, sent
   * outbox rows), keeping local writes made meanwhile.
   */
  applyChanges(
    incoming: TrackerState,
    receipt: SyncReceipt,
    onProgress: (progress: MergeProgress) => void,
  ): Promise<LocalMergeReport>;
  /**
   * Re-dates what the server refused for the clock: how many records changed, and the
   * moves the new order set aside (shown as conflicts).
   */
  redate(refused: ClockRefusal): Promise<{ changed: number; conflicts: Conflict[] }>;
  /** The refused records still held, with the types of the events, for the list. */
  readRefused(refused: { type_ids: string[]; event_ids: string[] }): Promise<TrackerState>;
  /** Which of these events this device's own replay already sets aside. */
  alreadySetAside(eventIds: readonly string[]): Promise<Set<string>>;
  /** For conflicts, when the same step was counted (the same tap on two devices): id → time. */
  sameStepTwins(conflicts: readonly Conflict[]): Promise<Map<string, string>>;
  /** Steps of mine that the same step of another device met, both counted. */
  possibleDoubles(
    mineIds: readonly string[],
    theirs: readonly HistoryEvent[],
  ): Promise<FoundDouble[]>;
}

/**
 * One push. The key is fresh per attempt and the body is kept, so a retry after a lost
 * answer sends exactly the same request and the server merges nothing twice.
 */
export interface SyncAttempt {
  key: string;
  url: string;
  body: Uint8Array<ArrayBuffer> | string;
  gzip: boolean;
  /** local_change_seq read with the changes: every change up to it is in the body. */
  seq: number;
  /** Bytes of the body as sent. */
  bytes: number;
  since: string | null;
  /** The last outbox row the body covers. */
  upTo: number;
  /** The body holds everything this device has (no cursor, or the server asked). */
  everything: boolean;
  /** Records in the body (types + events + tombstones), for the progress line. */
  records: number;
  /** Ids of the events the body holds: this device's steps, unless `everything`. */
  eventIds: string[];
}

/** What the user sees while a sync runs, step by step. */
export type SyncPhase =
  | { phase: 'preparing' }
  | { phase: 'uploading'; bytes: number; received: number; total: number | null }
  | { phase: 'checking'; done: number; total: number }
  | { phase: 'merging'; step: MergeProgress['step']; done: number; total: number };

/** The outcome of a completed attempt. */
export interface SyncOutcome {
  cursor: string;
  pushedSeq: number;
  /**
   * The server's conflicts plus those of the local merge that concern this device, each
   * with the time of its same-step twin when it has one.
   */
  conflicts: FoundConflict[];
  /** This device's steps perhaps logged on another device too (FoundDouble). */
  doubles: FoundDouble[];
  /** Events the local merge added (0 when the server had nothing new). */
  eventsAdded: number;
  /** How far the device clock is from the server's (ms; positive: ahead). */
  skewMs: number;
  refused: ClockRefusal | null;
  /** The server did not know the cursor: it must get everything once, at once. */
  pushAll: boolean;
  bytesSent: number;
  bytesReceived: number;
}

/** Bodies from this size on go out gzip-compressed (a few changes fit in less). */
const GZIP_FROM_BYTES = 1024;

/**
 * Reads what to send, serializes it as `{since, changes}` (changes: a data file
 * fragment) and freezes it into an attempt with a fresh Idempotency-Key, gzip-compressed
 * when large enough and the browser can (CompressionStream).
 */
export async function prepareAttempt(
  local: LocalReplica,
  url: string,
  newKey: () => string,
  now: Date = new Date(),
): Promise<SyncAttempt> {
  // The counter is read in the same transaction as the changes, so it counts exactly
  // the writes they hold.
  const out = await timed('read', () => local.readOutgoing(url));
  const text = await timed('serialize', async () =>
    JSON.stringify({ since: out.since, changes: stateToDataFile(out.changes, now) }),
  );
  const packed = text.length >= GZIP_FROM_BYTES ? await timed('gzip', () => gzipText(text)) : null;
  const body = packed ?? text;
  return {
    key: newKey(),
    url,
    body,
    gzip: packed !== null,
    seq: out.seq,
    bytes: typeof body === 'string' ? new TextEncoder().encode(body).length : body.byteLength,
    since: out.since,
    upTo: out.upTo,
    everything: out.everything,
    records: out.changes.types.length + out.changes.events.length + out.changes.tombstones.length,
    eventIds: out.changes.events.map((e) => e.id),
  };
}

/** A sync step under the User Timing measure `mpt-sync:<name>`. */
const timed = <T>(name: string, step: () => Promise<T>) => timedAs(`mpt-sync:${name}`, step);

// Progress events arrive per network chunk; the UI needs a few per second at most.
const PROGRESS_INTERVAL_MS = 100;

/**
 * The local merge's conflicts that concern this device: moves it held before the merge
 * (its own, pushed or made while the request was out, and any it had applied) that the
 * merge now sets aside, and moves it had dropped (a deleted type, a restore) that come
 * back set aside. A merge also flags every refused move that is new to this device — on
 * a fresh device, every old conflict of the others — and those were already reported to
 * the devices that made them (docs/sync.md, "A deleted type that comes back").
 */
export function relevantLocalConflicts(
  conflicts: Conflict[],
  heldBefore: ReadonlySet<string>,
  dropped: ReadonlySet<string> = new Set(),
): Conflict[] {
  return conflicts.filter((c) => heldBefore.has(c.event.id) || dropped.has(c.event.id));
}

/** Conflicts of both reports, each event once. */
export function uniqueConflicts(...lists: Conflict[][]): Conflict[] {
  const byEvent = new Map<string, Conflict>();
  for (const list of lists)
    for (const c of list) if (!byEvent.has(c.event.id)) byEvent.set(c.event.id, c);
  return [...byEvent.values()];
}

/** Validates the server's changes in steps, letting the page paint between them. */
async function readAnswer(
  changes: unknown,
  onStep: (done: number, total: number) => void,
): Promise<TrackerState> {
  const total = Array.isArray((changes as { types?: unknown } | null)?.types)
    ? (changes as { types: unknown[] }).types.length
    : 0;
  const steps = readChangesSteps(changes);
  let done = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      if (!step.value.ok) {
        const { code, details } = step.value;
        throw new SyncError(code, { details, status: 200, retryable: false });
      }
      return step.value.value;
    }
    done = Math.min(total, done + 250);
    onStep(done, total);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Sends the attempt and merges the answer into the local database with its receipt
 * (cursor, sent outbox rows). Throws SyncError (transport or server) or a DomainError
 * from the merge; the attempt may then be retried with the same key.
 */
export async function completeAttempt(
  client: SyncClient,
  local: LocalReplica,
  attempt: SyncAttempt,
  device: string,
  onPhase: (phase: SyncPhase) => void = () => {},
): Promise<SyncOutcome> {
  onPhase({ phase: 'uploading', bytes: attempt.bytes, received: 0, total: null });
  let lastProgress = 0;
  const answer = await timed('push', () =>
    client.pushChanges(
      { body: attempt.body, gzip: attempt.gzip, key: attempt.key, device },
      (received, total) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS && received !== total) return;
        lastProgress = now;
        onPhase({ phase: 'uploading', bytes: attempt.bytes, received, total });
      },
    ),
  );
  const incoming = await timed('validate', () =>
    readAnswer(answer.changes, (done, total) => onPhase({ phase: 'checking', done, total })),
  );
  // A server that had not seen an event (a new server, a full push) reports a set-aside
  // move as new; if this device had set it aside already, that was reported before.
  const reported = answer.report.conflicts;
  const known =
    reported.length > 0
      ? await local.alreadySetAside(reported.map((c) => c.event.id))
      : new Set<string>();
  const refused = answer.refused;
  const waiting = new Set([...(refused?.type_ids ?? []), ...(refused?.event_ids ?? [])]);
  const pushAll = answer.full && attempt.since !== null;
  const merged = await timed('merge', () =>
    local.applyChanges(
      incoming,
      {
        url: attempt.url,
        cursor: { cursor: answer.cursor, pushAll },
        upTo: attempt.upTo,
        waiting,
        unchanged:
          attempt.upTo === 0 && !attempt.everything && !pushAll && answer.cursor === attempt.since,
      },
      (p) =>
        onPhase({
          phase: 'merging',
          step: p.step,
          done: p.step === 'writing' ? p.done : 0,
          total: p.step === 'writing' ? p.total : 0,
        }),
    ),
  );
  const conflicts = uniqueConflicts(
    reported.filter((c) => !known.has(c.event.id)),
    relevantLocalConflicts(merged.conflicts, merged.heldBefore, merged.droppedBefore),
  );
  const twins = await local.sameStepTwins(conflicts);
  // My steps met by another device's same step: asked about. Not on a full push, whose
  // body holds other devices' old steps too.
  const sent = new Set(attempt.eventIds);
  const doubles = attempt.everything
    ? []
    : await local.possibleDoubles(
        attempt.eventIds,
        incoming.events.filter((e) => !sent.has(e.id)),
      );
  return {
    cursor: answer.cursor,
    pushedSeq: attempt.seq,
    doubles,
    conflicts: conflicts.map((c) => {
      const twin = twins.get(c.event.id);
      return twin === undefined ? c : { ...c, twin_at: twin };
    }),
    eventsAdded: merged.events_added,
    skewMs: clockSkewMs(answer.server_time, answer.sentAt, answer.receivedAt),
    refused: refused && waiting.size > 0 ? refused : null,
    pushAll,
    bytesSent: attempt.bytes,
    bytesReceived: answer.bytes,
  };
}
