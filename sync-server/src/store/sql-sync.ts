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
import { iso } from './rows';
import { applyDelta, loadState, lockAllExclusive, readConsistently } from './sql-state';
import type { StoredResponse, SyncPush } from './store';

/** Settings of the snapshot history. */
export interface SyncOptions {
  now: () => Date;
  /** Revisions kept (the last N). */
  snapshotKeep: number;
  /** How long an idempotency key is remembered. */
  idempotencyTtlMs: number;
}

/** Merges a file state into the stored one in one transaction (nothing written on a dry run). */
export function importState(db: Database, file: TrackerState, dryRun: boolean) {
  return db.transaction(async (tx): Promise<ImportReport> => {
    if (dryRun) await readConsistently(tx);
    else await lockAllExclusive(tx);
    const current = await loadState(tx);
    const plan = planImport(current, file, dryRun);
    if (!dryRun) await applyDelta(tx, diffStates(current, plan.state));
    return plan.report;
  });
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
 * the same bytes and changes nothing.
 */
export function pushSync(db: Database, opts: SyncOptions, push: SyncPush) {
  return db.transaction(async (tx): Promise<StoredResponse> => {
    await lockAllExclusive(tx);
    const [seen] = await tx.query<{ request_hash: string; status: number; response: string }>(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE key = $1',
      [push.key],
    );
    if (seen) {
      if (seen.request_hash !== push.requestHash) {
        throw new DomainError('ERR_IDEMPOTENCY_KEY_INVALID', { reason: 'reused_with_other_body' });
      }
      return { status: Number(seen.status), body: seen.response, replayed: true, report: null };
    }
    const now = opts.now();
    const current = await loadState(tx);
    const plan = planImport(current, push.state, false);
    await applyDelta(tx, diffStates(current, plan.state));
    const snapshot = stateToDataFile(plan.state, now);
    const snapshotText = JSON.stringify(snapshot);
    const hash = sha256(JSON.stringify({ ...snapshot, exported_at: '' }));
    const latest = await latestRevision(tx);
    let revision = latest?.revision ?? 0;
    if (latest?.hash !== hash) {
      const [row] = await tx.query<{ revision: number }>(
        `INSERT INTO snapshots (created_at, device, size_bytes, types, events, content_hash, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING revision`,
        [
          now.toISOString(),
          push.device,
          Buffer.byteLength(snapshotText),
          plan.state.types.length,
          plan.state.events.length,
          hash,
          snapshotText,
        ],
      );
      revision = Number(row?.revision);
      await tx.query('DELETE FROM snapshots WHERE revision <= $1', [revision - opts.snapshotKeep]);
    }
    const body = `{"revision":${revision},"snapshot":${snapshotText},"report":${JSON.stringify(plan.report)}}`;
    await tx.query(
      `INSERT INTO idempotency_keys (key, request_hash, status, response, created_at)
       VALUES ($1, $2, 200, $3, $4)`,
      [push.key, push.requestHash, body, now.toISOString()],
    );
    await tx.query('DELETE FROM idempotency_keys WHERE created_at < $1', [
      new Date(now.getTime() - opts.idempotencyTtlMs).toISOString(),
    ]);
    return { status: 200, body, replayed: false, report: plan.report };
  });
}

/** The kept revisions, newest first, without their bodies. */
export async function listRevisions(db: Database): Promise<RevisionInfo[]> {
  const rows = await db.query(
    `SELECT revision, created_at, device, size_bytes, types, events FROM snapshots
     ORDER BY revision DESC`,
  );
  return rows.map((r) => ({
    revision: Number(r.revision),
    created_at: iso(r.created_at),
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
