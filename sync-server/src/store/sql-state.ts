import {
  type HistoryEvent,
  nameKey,
  STAGES,
  type StateDelta,
  searchKey,
  type TrackerState,
} from '@mpt/shared';
import type { Queryable } from './database';
import {
  EVENT_COLUMNS,
  parseEventArray,
  rowToTombstone,
  rowToType,
  TOMBSTONE_SELECT,
  TYPE_COLUMNS,
  wireTime,
} from './rows';

// One advisory lock per schema (tests run one schema per suite) serializes the
// whole-state writes: create, rename, delete, import and push. A change of counts
// locks only its type row (SELECT … FOR UPDATE), so changes on different types run in
// parallel; a merge also locks every type row, in id order, before it reads, so it
// never sees a change half-done and a change never interleaves with it. Whole-state
// writes take the advisory lock before any row lock and changes of counts take one
// row lock only, so no two transactions can wait on each other in a cycle.
const LOCK_KEY = 'hashtext(current_schema())';

/** Excludes every other whole-state writer until the transaction ends. */
export async function lockAllExclusive(tx: Queryable): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
}

/** lockAllExclusive, plus every type row: nothing else writes until the transaction ends. */
export async function lockEverything(tx: Queryable): Promise<void> {
  await lockAllExclusive(tx);
  await tx.query('SELECT id FROM miniature_types ORDER BY id FOR UPDATE');
}

/** Makes a multi-statement read see one snapshot; must be the transaction's first statement. */
export async function readConsistently(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

/**
 * Loads the whole state: live types with counts, every stored event, every tombstone;
 * or, given `typeIds`, only those types and their events (with every tombstone): the
 * scope of a change set (shared's changeScope).
 */
export async function loadState(tx: Queryable, typeIds?: readonly string[]): Promise<TrackerState> {
  const only = typeIds === undefined ? '' : 'WHERE t.id = ANY($1::uuid[])';
  const params = typeIds === undefined ? [] : [typeIds];
  const types = await tx.query(`SELECT ${TYPE_COLUMNS} FROM miniature_types t ${only}`, params);
  const events = await loadEvents(
    tx,
    typeIds === undefined ? '' : 'WHERE type_id = ANY($1::uuid[])',
    params,
  );
  const tombstones = await tx.query(`SELECT ${TOMBSTONE_SELECT} FROM tombstones`);
  return { types: types.map(rowToType), events, tombstones: tombstones.map(rowToTombstone) };
}

/**
 * Events matching a WHERE clause, in history order. One JSON text instead of 50 000
 * rows: both drivers decode rows one by one, and the timestamps arrive already in the
 * wire format.
 */
export async function loadEvents(
  tx: Queryable,
  where: string,
  params: readonly unknown[],
): Promise<HistoryEvent[]> {
  const [events] = await tx.query<{ events: string }>(
    `SELECT coalesce(json_agg(json_build_array(id, type_id, from_stage, to_stage, qty,
       ${wireTime('created_at')})
       ORDER BY created_at, id), '[]')::text AS events FROM history_events ${where}`,
    params,
  );
  return parseEventArray(events?.events ?? '[]');
}

// Small enough that one statement keeps the event loop (PGlite runs in this thread)
// for a few tens of milliseconds, large enough that a big import stays a few hundred.
const CHUNK = 2_000;

/** Runs one statement per slice of rows, so a 2-million-event import keeps small parameters. */
async function inChunks<T>(rows: readonly T[], write: (slice: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * Writes the delta between the stored state and a merge result. Names may swap
 * between types inside one merge, so the unique name check waits for the commit.
 */
export async function applyDelta(tx: Queryable, delta: StateDelta): Promise<void> {
  await tx.query('SET CONSTRAINTS miniature_types_name_key_unique DEFERRED');
  await inChunks(delta.upsertTypes, async (types) => {
    await tx.query(
      `INSERT INTO miniature_types (id, name, name_key, search_key, created_at, name_updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
         $6::timestamptz[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
         search_key = excluded.search_key, created_at = excluded.created_at,
         name_updated_at = excluded.name_updated_at`,
      [
        types.map((t) => t.id),
        types.map((t) => t.name),
        types.map((t) => nameKey(t.name)),
        types.map((t) => searchKey(t.name)),
        types.map((t) => t.created_at),
        types.map((t) => t.name_updated_at),
      ],
    );
    const counts = types.flatMap((t) => STAGES.map((s) => [t.id, s, t.counts[s]] as const));
    await tx.query(
      `INSERT INTO stage_counts (type_id, stage, count)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])
       ON CONFLICT (type_id, stage) DO UPDATE SET count = excluded.count`,
      [counts.map((c) => c[0]), counts.map((c) => c[1]), counts.map((c) => c[2])],
    );
  });
  await inChunks(delta.insertEvents, (events) =>
    tx.query(
      `INSERT INTO history_events (${EVENT_COLUMNS})
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::timestamptz[])`,
      [
        events.map((e) => e.id),
        events.map((e) => e.type_id),
        events.map((e) => e.from_stage),
        events.map((e) => e.to_stage),
        events.map((e) => e.qty),
        events.map((e) => e.created_at),
      ],
    ),
  );
  await inChunks(delta.moveEvents, (moves) =>
    tx.query(
      `UPDATE history_events h SET type_id = m.type_id
       FROM unnest($1::uuid[], $2::uuid[]) AS m(id, type_id) WHERE h.id = m.id`,
      [moves.map((m) => m.id), moves.map((m) => m.type_id)],
    ),
  );
  await inChunks(delta.deleteTypeIds, async (ids) => {
    await tx.query('DELETE FROM history_events WHERE type_id = ANY($1::uuid[])', [ids]);
    await tx.query('DELETE FROM miniature_types WHERE id = ANY($1::uuid[])', [ids]);
  });
  await inChunks(delta.upsertTombstones, (tombs) =>
    tx.query(
      `INSERT INTO tombstones (id, deleted_at, merged_into)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[])
       ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at,
         merged_into = excluded.merged_into`,
      [tombs.map((t) => t.id), tombs.map((t) => t.deleted_at), tombs.map((t) => t.merged_into)],
    ),
  );
}
