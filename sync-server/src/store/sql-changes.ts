import {
  type ClockRefusal,
  changeScope,
  DomainError,
  emptyChangesReport,
  farAheadTypeIds,
  formatCursor,
  type HistoryTail,
  type ImportReport,
  parseCursor,
  planAppend,
  planChanges,
  refuseFarAhead,
  stateToDataFile,
  type TrackerState,
  typesToReplay,
  withoutSent,
  withSentTypes,
} from '@mpt/shared';
import type { Database, Queryable } from './database';
import { type FullSource, stateFromRevision } from './roll-forward';
import { rowToTombstone, rowToType, TOMBSTONE_SELECT, TYPE_COLUMNS, wireTime } from './rows';
import {
  applyDelta,
  loadEvents,
  loadSince,
  loadState,
  loadTopLevel,
  lockAllExclusive,
} from './sql-state';
import type { SyncOptions } from './sql-sync';
import type { ChangesPush, StoredChanges } from './store';

/** The server's database id and the number of its latest committed change. */
async function changeHead(tx: Queryable): Promise<{ server: string; seq: number }> {
  const [row] = await tx.query<{ server_id: string; seq: number }>(
    'SELECT server_id, seq FROM change_seq',
  );
  return { server: String(row?.server_id), seq: Number(row?.seq ?? 0) };
}

const isEmpty = (s: TrackerState) =>
  s.types.length === 0 && s.events.length === 0 && s.tombstones.length === 0;

/**
 * Merges a pushed change set into the part of the stored state it touches (shared's
 * changeScope; then planAppend from where those histories end, or else planChanges over
 * them whole; SPEC §10): the whole-state writers are kept out by the
 * advisory lock, the touched type rows are locked in id order before their events are
 * read, and what is dated more than a day after `now` waits (refuseFarAhead).
 */
async function mergeChanges(
  tx: Queryable,
  changes: TrackerState,
  now: Date,
): Promise<{ report: ImportReport; refusal: ClockRefusal | null }> {
  const keys = await tx.query<{ id: string; name_key: string }>(
    'SELECT id, name_key FROM miniature_types',
  );
  const tombstones = (await tx.query(`SELECT ${TOMBSTONE_SELECT} FROM tombstones`)).map(
    rowToTombstone,
  );
  const held = await tx.query<{ id: string; type_id: string }>(
    'SELECT id, type_id FROM history_events WHERE id = ANY($1::uuid[])',
    [changes.events.map((e) => e.id)],
  );
  // Only the records a far-ahead time would keep are read: usually none.
  const late = farAheadTypeIds(changes, now);
  const known =
    late.length === 0
      ? []
      : await tx.query(`SELECT ${TYPE_COLUMNS} FROM miniature_types t WHERE t.id = ANY($1)`, [
          late,
        ]);
  const heldEventTypes = new Map(held.map((r) => [String(r.id), String(r.type_id)]));
  const { accepted, refusal } = refuseFarAhead(
    changes,
    {
      types: new Map(known.map((r) => [String(r.id), rowToType(r)])),
      gone: new Set(tombstones.map((t) => t.id)),
      events: new Set(heldEventTypes.keys()),
    },
    now,
  );
  const scope = [
    ...changeScope(
      {
        typeKeys: keys.map((k) => [String(k.id), k.name_key] as const),
        tombstones,
        heldEventTypes,
      },
      accepted,
    ),
  ].sort();
  await tx.query(
    'SELECT id FROM miniature_types WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
    [scope],
  );
  // Most pushes only append (a device's moves since its last sync): then the scope's
  // histories need not be read, only where each one ends.
  const tails = await loadTails(tx, scope);
  const replayed = typesToReplay(tails, accepted);
  const appended = planAppend(
    {
      tails,
      tombstones,
      ...(await loadTopLevel(tx)),
      heldEvents: accepted.events.filter((e) => heldEventTypes.has(e.id)).length,
      histories:
        replayed.length === 0
          ? []
          : await loadEvents(tx, 'WHERE type_id = ANY($1::uuid[])', [replayed]),
    },
    accepted,
    false,
  );
  if (appended) {
    await applyDelta(
      tx,
      appended.delta,
      tails.map((t) => t.type),
    );
    return { report: appended.report, refusal };
  }
  const scoped = await loadState(tx, scope);
  const plan = planChanges(scoped, accepted, false);
  await applyDelta(tx, plan.delta, scoped.types);
  return { report: plan.report, refusal };
}

/**
 * Merges a push of only the goal or the file's unknown top-level fields (a device sends
 * its own with every push): by their own time (SPEC §9), with no type or event read.
 * Before, such a push was taken for an empty one and a new goal alone never reached
 * the server.
 */
async function mergeTopLevel(
  tx: Queryable,
  changes: TrackerState,
): Promise<{ report: ImportReport; refusal: null }> {
  const stored = { types: [], events: [], tombstones: [], ...(await loadTopLevel(tx)) };
  const plan = planChanges(stored, changes, false);
  await applyDelta(tx, plan.delta, []);
  return { report: plan.report, refusal: null };
}

/** The types of `ids` as stored, each with its number of events and its last event. */
async function loadTails(tx: Queryable, ids: readonly string[]): Promise<HistoryTail[]> {
  const rows = await tx.query(
    `SELECT ${TYPE_COLUMNS},
       (SELECT count(*) FROM history_events e WHERE e.type_id = t.id)::int AS event_count,
       l.id AS last_id, ${wireTime('l.created_at')} AS last_at
     FROM miniature_types t
     LEFT JOIN LATERAL (SELECT e.id, e.created_at FROM history_events e WHERE e.type_id = t.id
       ORDER BY e.created_at DESC, e.id DESC LIMIT 1) l ON true
     WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((row) => ({
    type: rowToType(row),
    events: Number(row.event_count),
    last:
      row.last_id === null ? null : { id: String(row.last_id), created_at: String(row.last_at) },
  }));
}

/**
 * The answer to a push, assembled from stored text so a retry reports the same merge:
 * the cursor after it, what changed since `since` that the device did not just send
 * (everything when `since` is null or names another database), the report and what
 * waits for the device's clock.
 */
async function answer(
  tx: Queryable,
  push: ChangesPush,
  report: string,
  refused: string | null,
  now: Date,
): Promise<{ body: string; seq: number; source: FullSource | null }> {
  const head = await changeHead(tx);
  const since = push.since === null ? null : parseCursor(push.since);
  const full = since === null || since.server !== head.server || since.seq > head.seq;
  const sentTypes = push.changes.types.map((t) => t.id);
  const fresh = async (): Promise<TrackerState> => {
    if (full) return await loadState(tx);
    return withSentTypes(
      // Nothing is numbered after the head: only the top-level fields can be news.
      since.seq === head.seq
        ? { types: [], events: [], tombstones: [], ...(await loadTopLevel(tx)) }
        : await loadSince(tx, since.seq),
      sentTypes.length === 0
        ? []
        : (
            await tx.query(`SELECT ${TYPE_COLUMNS} FROM miniature_types t WHERE t.id = ANY($1)`, [
              sentTypes,
            ])
          ).map(rowToType),
    );
  };
  // A new device's first sync: the newest backup revision, rolled forward to now.
  const kept =
    full && sentNothing(push.changes) ? await stateFromRevision(tx, head.seq, now) : null;
  const changes =
    kept?.text ?? JSON.stringify(stateToDataFile(withoutSent(await fresh(), push.changes), now));
  const body =
    `{"cursor":${JSON.stringify(formatCursor(head))},"server_time":"${now.toISOString()}",` +
    `"full":${full},"changes":${changes},"report":${report},` +
    `"refused":${refused ?? 'null'}}`;
  return { body, seq: head.seq, source: full ? (kept?.source ?? 'read') : null };
}

/** Whether a push carries nothing: no record, no goal, no unknown top-level field. */
const sentNothing = (changes: TrackerState) =>
  isEmpty(changes) && changes.goal === undefined && changes.extra === undefined;

/**
 * A delta push (POST /sync/changes) in one transaction: merge what the device sent,
 * answer what it lacks, remember the key. A retry with the same key and body merges
 * nothing again: it gets the first report and what changed since its `since` (now);
 * the same key with another body is refused.
 */
export function pushChanges(
  db: Database,
  opts: SyncOptions,
  push: ChangesPush,
): Promise<StoredChanges> {
  return db.transaction(async (tx): Promise<StoredChanges> => {
    await lockAllExclusive(tx);
    const now = opts.now();
    const [seen] = await tx.query<{ request_hash: string; report: string; refused: string | null }>(
      'SELECT request_hash, report, refused FROM change_keys WHERE key = $1',
      [push.key],
    );
    if (seen) {
      if (seen.request_hash !== push.requestHash) {
        throw new DomainError('ERR_IDEMPOTENCY_KEY_INVALID', { reason: 'reused_with_other_body' });
      }
      const replay = await answer(tx, push, seen.report, seen.refused, now);
      return {
        body: replay.body,
        replayed: true,
        report: null,
        changed: false,
        full: replay.source,
      };
    }
    if (push.device !== null) {
      await tx.query(`SELECT set_config('mpt.device', $1, true)`, [push.device]);
    }
    const before = (await changeHead(tx)).seq;
    const merged = sentNothing(push.changes)
      ? { report: emptyChangesReport(), refusal: null }
      : isEmpty(push.changes)
        ? await mergeTopLevel(tx, push.changes)
        : await mergeChanges(tx, push.changes, now);
    const report = JSON.stringify(merged.report);
    const refused = merged.refusal === null ? null : JSON.stringify(merged.refusal);
    const reply = await answer(tx, push, report, refused, now);
    await tx.query(
      `INSERT INTO change_keys (key, request_hash, seq, report, refused, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [push.key, push.requestHash, reply.seq, report, refused, now.toISOString()],
    );
    await tx.query('DELETE FROM change_keys WHERE created_at < $1', [
      new Date(now.getTime() - opts.idempotencyTtlMs).toISOString(),
    ]);
    return {
      body: reply.body,
      replayed: false,
      report: merged.report,
      changed: reply.seq > before,
      full: reply.source,
    };
  });
}
