import { createHash } from 'node:crypto';
import {
  DomainError,
  diffStates,
  type ImportReport,
  planImport,
  type RevisionInfo,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import type { Database, Queryable } from './database';
import { wireTime } from './rows';
import { applyDelta, loadState, lockEverything, readConsistently } from './sql-state';
import type { StoredResponse, SyncPush } from './store';

/** Settings of the snapshot history. */
export interface SyncOptions {
  now: () => Date;
  /** Revisions kept (the last N). */
  snapshotKeep: number;
  /** How long an idempotency key is remembered. */
  idempotencyTtlMs: number;
  /** How long the revision a key answered with is kept, even past snapshotKeep. */
  idempotencyHoldMs: number;
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
      await applyDelta(tx, diffStates(current, plan.state));
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
    const plan = planImport(current, push.state, false);
    await applyDelta(tx, diffStates(current, plan.state));
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
      const [row] = await tx.query<{ revision: number }>(
        `INSERT INTO snapshots (created_at, device, size_bytes, types, events, content_hash, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING revision`,
        [
          now.toISOString(),
          push.device,
          Buffer.byteLength(text),
          plan.state.types.length,
          plan.state.events.length,
          hash,
          text,
        ],
      );
      revision = Number(row?.revision);
    }
    const report = JSON.stringify(plan.report);
    await tx.query(
      `INSERT INTO idempotency_keys (key, request_hash, revision, report, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [push.key, push.requestHash, revision, report, now.toISOString()],
    );
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    await tx.query('DELETE FROM idempotency_keys WHERE created_at < $1', [
      ago(opts.idempotencyTtlMs),
    ]);
    await tx.query(
      `DELETE FROM snapshots WHERE revision <= $1 AND revision NOT IN
         (SELECT revision FROM idempotency_keys WHERE created_at >= $2)`,
      [revision - opts.snapshotKeep, ago(opts.idempotencyHoldMs)],
    );
    return {
      status: 200,
      body: answer(revision, text, report),
      replayed: false,
      report: plan.report,
    };
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
