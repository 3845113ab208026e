import { createHash } from 'node:crypto';
import {
  API_WRITER,
  DomainError,
  diffStates,
  type ImportReport,
  planImport,
  type RevisionInfo,
  refuseFarAhead,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import type { Database, Queryable } from './database';
import { rolledForwardState } from './roll-forward';
import { wireTime } from './rows';
import { applyDelta, loadState, lockEverything, readConsistently } from './sql-state';
import type { BackupOutcome, StoredResponse, SyncPush } from './store';

/** Settings of the snapshot history. */
export interface SyncOptions {
  now: () => Date;
  /** Revisions kept (the last N). */
  snapshotKeep: number;
  /** How long an idempotency key is remembered. */
  idempotencyTtlMs: number;
  /** How long the revision a key answered with is kept, even past snapshotKeep. */
  idempotencyHoldMs: number;
  /** The least time between two backup revisions written for delta pushes. */
  backupIntervalMs: number;
}

/** Thrown to roll a dry run back once the import has really been written. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Merges a file state into the stored one in one transaction. A dry run does exactly
 * the same writes and then rolls them back, so it reports what the import would do,
 * storage refusals included (issue 8: a dry run said 200 where the import said 400).
 */
export async function importState(db: Database, file: TrackerState, dryRun: boolean) {
  try {
    return await db.transaction(async (tx): Promise<ImportReport> => {
      await lockEverything(tx);
      const current = await loadState(tx);
      const plan = planImport(current, file, dryRun);
      await applyDelta(tx, diffStates(current, plan.state), current.types);
      if (dryRun) throw new DryRunRollback(plan.report);
      return plan.report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

/** The whole state in one snapshot. */
export function exportState(db: Database): Promise<TrackerState> {
  return db.transaction(async (tx) => {
    await readConsistently(tx);
    return loadState(tx);
  });
}

async function latestRevision(tx: Queryable) {
  const [row] = await tx.query<{ revision: number; content_hash: string }>(
    'SELECT revision, content_hash FROM snapshots ORDER BY revision DESC LIMIT 1',
  );
  return row ? { revision: Number(row.revision), hash: row.content_hash } : null;
}

async function revisionBody(tx: Queryable, revision: number): Promise<string | null> {
  const [row] = await tx.query<{ body: string }>('SELECT body FROM snapshots WHERE revision = $1', [
    revision,
  ]);
  return row ? row.body : null;
}

/** The push answer, assembled from stored text so a retry gets the same bytes. */
const answer = (revision: number, snapshot: string, report: string) =>
  `{"revision":${revision},"snapshot":${snapshot},"report":${report}}`;

/** The latest revision number (0 before the first push) and the current state. */
export function readSync(db: Database) {
  return db.transaction(async (tx) => {
    await readConsistently(tx);
    const latest = await latestRevision(tx);
    return { revision: latest?.revision ?? 0, state: await loadState(tx) };
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A push: merge the device's state into the stored one, store the result as a new
 * revision (only when the data differs from the latest revision, so a device that
 * syncs often does not push real backups out of the window), and remember the answer
 * under the idempotency key. All in one transaction: a retry after a lost answer gets
 * the same bytes and changes nothing. The key points at its revision, which is kept
 * for idempotencyHoldMs even when newer pushes would evict it.
 */
export function pushSync(db: Database, opts: SyncOptions, push: SyncPush) {
  return db.transaction(async (tx): Promise<StoredResponse> => {
    await lockEverything(tx);
    const [seen] = await tx.query<{ request_hash: string; revision: number; report: string }>(
      'SELECT request_hash, revision, report FROM idempotency_keys WHERE key = $1',
      [push.key],
    );
    if (seen) {
      if (seen.request_hash !== push.requestHash) {
        throw new DomainError('ERR_IDEMPOTENCY_KEY_INVALID', { reason: 'reused_with_other_body' });
      }
      const body = await revisionBody(tx, Number(seen.revision));
      if (body === null)
        throw new DomainError('ERR_IDEMPOTENCY_KEY_INVALID', { reason: 'expired' });
      return {
        status: 200,
        body: answer(Number(seen.revision), body, seen.report),
        replayed: true,
        report: null,
      };
    }
    const now = opts.now();
    const current = await loadState(tx);
    // What is dated more than a day ahead of this clock waits on the device (SPEC §10).
    const { accepted } = refuseFarAhead(
      push.state,
      {
        types: new Map(current.types.map((t) => [t.id, t])),
        gone: new Set(current.tombstones.map((t) => t.id)),
        events: new Set(current.events.map((e) => e.id)),
      },
      now,
    );
    const plan = planImport(current, accepted, false);
    await applyDelta(tx, diffStates(current, plan.state), current.types);
    const snapshot = stateToDataFile(plan.state, now);
    let text = JSON.stringify(snapshot);
    // The first occurrence of the export time is the header field: hash without it.
    const hash = sha256(text.replace(snapshot.exported_at, ''));
    const latest = await latestRevision(tx);
    let revision = latest?.revision ?? 0;
    const reused = latest?.hash === hash ? await revisionBody(tx, revision) : null;
    if (reused !== null) {
      text = reused;
    } else {
      revision = await insertRevision(tx, {
        now,
        device: push.device,
        text,
        hash,
        state: plan.state,
        seq: await currentSeq(tx),
      });
    }
    const report = JSON.stringify(plan.report);
    await tx.query(
      `INSERT INTO idempotency_keys (key, request_hash, revision, report, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [push.key, push.requestHash, revision, report, now.toISOString()],
    );
    await tx.query('DELETE FROM idempotency_keys WHERE created_at < $1', [
      new Date(now.getTime() - opts.idempotencyTtlMs).toISOString(),
    ]);
    await pruneRevisions(tx, opts, revision, now);
    return {
      status: 200,
      body: answer(revision, text, report),
      replayed: false,
      report: plan.report,
    };
  });
}

/** The number of the latest committed change (migration 004). */
async function currentSeq(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ seq: number }>('SELECT seq FROM change_seq');
  return Number(row?.seq ?? 0);
}

/** Stores a state's data file text as a new revision; returns its number. */
async function insertRevision(
  tx: Queryable,
  r: {
    now: Date;
    device: string | null;
    text: string;
    hash: string;
    state: TrackerState;
    seq: number;
  },
): Promise<number> {
  const [row] = await tx.query<{ revision: number }>(
    `INSERT INTO snapshots (created_at, device, size_bytes, types, events, content_hash, body, seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING revision`,
    [
      r.now.toISOString(),
      r.device,
      Buffer.byteLength(r.text),
      r.state.types.length,
      r.state.events.length,
      r.hash,
      r.text,
      r.seq,
    ],
  );
  return Number(row?.revision);
}

/**
 * Keeps the newest snapshotKeep revisions, and any revision a recent idempotency key
 * answered with (so its retry gets the same bytes).
 */
async function pruneRevisions(tx: Queryable, opts: SyncOptions, newest: number, now: Date) {
  await tx.query(
    `DELETE FROM snapshots WHERE revision <= $1 AND revision NOT IN
       (SELECT revision FROM idempotency_keys WHERE created_at >= $2)`,
    [newest - opts.snapshotKeep, new Date(now.getTime() - opts.idempotencyHoldMs).toISOString()],
  );
}

/**
 * A backup revision of the current state (SPEC §10), written when changes came after the
 * latest revision and that revision is at least `backupIntervalMs` old (else: too soon,
 * and how long to wait). It names the devices whose changes it holds. Delta pushes never
 * write one themselves, so a device that syncs every minute costs a whole-state write at
 * most once a minute, whatever the number of devices.
 */
export function writeBackupRevision(db: Database, opts: SyncOptions): Promise<BackupOutcome> {
  return db.transaction(async (tx): Promise<BackupOutcome> => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const now = opts.now();
    const seq = await currentSeq(tx);
    const [latest] = await tx.query<{
      revision: number;
      seq: number | null;
      content_hash: string;
      created_at: string;
    }>(
      `SELECT revision, seq, content_hash, ${wireTime('created_at')} AS created_at
       FROM snapshots ORDER BY revision DESC LIMIT 1`,
    );
    // A revision from before change numbers (migration 004) counts as holding change 0.
    const since = Number(latest?.seq ?? 0);
    if (since >= seq) return { kind: 'up-to-date' };
    const age = latest ? now.getTime() - Date.parse(latest.created_at) : Number.POSITIVE_INFINITY;
    if (age < opts.backupIntervalMs)
      return { kind: 'too-soon', waitMs: opts.backupIntervalMs - age };
    // The last revision rolled forward by the changes since (roll-forward.ts), read in
    // about half the time of the whole state; on PGlite every push waits for this
    // transaction (storing the text stays the larger part: 0.31–0.42 s in all).
    const state = (await rolledForwardState(tx, seq)) ?? (await loadState(tx));
    const snapshot = stateToDataFile(state, now);
    const text = JSON.stringify(snapshot);
    const hash = sha256(text.replace(snapshot.exported_at, ''));
    if (latest?.content_hash === hash) {
      // The changes cancelled out: the latest revision still holds this state.
      await tx.query('UPDATE snapshots SET seq = $2 WHERE revision = $1', [latest.revision, seq]);
      return { kind: 'up-to-date' };
    }
    const [devices] = await tx.query<{ names: string | null }>(
      `SELECT string_agg(DISTINCT coalesce(device, $3), ', ') AS names FROM change_log
       WHERE seq > $1 AND seq <= $2`,
      [since, seq, API_WRITER],
    );
    const revision = await insertRevision(tx, {
      now,
      device: devices?.names ? devices.names.slice(0, 100) : null,
      text,
      hash,
      state,
      seq,
    });
    await pruneRevisions(tx, opts, revision, now);
    // The log only names the devices of the next revision.
    await tx.query('DELETE FROM change_log WHERE seq <= $1', [seq]);
    return { kind: 'written', revision };
  });
}

/** The kept revisions, newest first, without their bodies. */
export async function listRevisions(db: Database): Promise<RevisionInfo[]> {
  const rows = await db.query(
    `SELECT revision, ${wireTime('created_at')} AS created_at, device, size_bytes, types, events
     FROM snapshots
     ORDER BY revision DESC`,
  );
  return rows.map((r) => ({
    revision: Number(r.revision),
    created_at: String(r.created_at),
    device: r.device === null ? null : String(r.device),
    size_bytes: Number(r.size_bytes),
    types: Number(r.types),
    events: Number(r.events),
  }));
}

/** One kept revision's snapshot as stored (JSON text), or null. */
export async function getRevision(db: Database, revision: number): Promise<string | null> {
  const [row] = await db.query<{ body: string }>('SELECT body FROM snapshots WHERE revision = $1', [
    revision,
  ]);
  return row ? row.body : null;
}
