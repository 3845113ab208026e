import {
  type HistoryEvent,
  type MiniatureType,
  STAGES,
  type StateDelta,
  sameTypeRecord,
  type TrackerState,
} from '@mpt/shared';
import type { Queryable } from './database';
import {
  EVENT_COLUMNS,
  EVENT_TUPLES,
  EVENT_TYPES,
  eventRow,
  extraColumn,
  parseEventArray,
  rowToTombstone,
  rowToTopLevel,
  rowToType,
  TOMBSTONE_SELECT,
  TYPE_COLUMNS,
  TYPE_ROW_COLUMNS,
  TYPE_ROW_TYPES,
  typeRow,
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
/**
 * Loads the whole state: live types with counts and fields, every stored event, every
 * tombstone, the goal and the file's unknown top-level fields (SPEC §9); or, given
 * `typeIds`, only those types and their events (with every tombstone and the top-level
 * fields): the scope of a change set (shared's changeScope).
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
  return {
    types: types.map(rowToType),
    events,
    tombstones: tombstones.map(rowToTombstone),
    ...(await loadTopLevel(tx)),
  };
}

/**
 * What changed after change `seq`: the types whose record changed or that gained,
 * lost or moved an event, the events stored or moved, the tombstones written; and the
 * goal and the file's unknown top-level fields, always (a few bytes, merged by their
 * own time on the device: SPEC §9), since they carry no change number.
 */
export async function loadSince(tx: Queryable, seq: number): Promise<TrackerState> {
  const types = await tx.query(
    // A UNION, not an OR: each side reads its own seq index instead of every type.
    `SELECT ${TYPE_COLUMNS} FROM miniature_types t WHERE t.id IN
       (SELECT id FROM miniature_types WHERE seq > $1
        UNION SELECT type_id FROM history_events WHERE seq > $1)`,
    [seq],
  );
  const events = await loadEvents(tx, 'WHERE seq > $1', [seq]);
  const tombstones = await tx.query(`SELECT ${TOMBSTONE_SELECT} FROM tombstones WHERE seq > $1`, [
    seq,
  ]);
  return {
    types: types.map(rowToType),
    events,
    tombstones: tombstones.map(rowToTombstone),
    ...(await loadTopLevel(tx)),
  };
}

/** The goal and the file's unknown top-level fields (SPEC §9), absent when unset. */
export async function loadTopLevel(tx: Queryable): Promise<Pick<TrackerState, 'goal' | 'extra'>> {
  const [top] = await tx.query(
    `SELECT goal, ${wireTime('goal_updated_at')} AS goal_updated_at, extra FROM top_level_fields`,
  );
  return rowToTopLevel(top);
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
    `SELECT ${EVENT_TUPLES} AS events FROM history_events ${where}`,
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

/** Rows of values → one array per column, for `SELECT * FROM unnest($1::t1[], …)`. */
function columns(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  return Array.from({ length: width }, (_, k) => rows.map((r) => r[k]));
}

/** `unnest($1::uuid[], $2::text[], …)` for these SQL types. */
const unnest = (types: readonly string[]) =>
  `unnest(${types.map((t, k) => `$${k + 1}::${t}[]`).join(', ')})`;

/** Sets columns of the one top_level_fields row (the goal, or the file's unknown fields). */
async function setTopLevel(tx: Queryable, values: Record<string, unknown>): Promise<void> {
  const names = Object.keys(values);
  await tx.query(
    `INSERT INTO top_level_fields (id, ${names.join(', ')})
     VALUES (true, ${names.map((_, k) => `$${k + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`,
    Object.values(values),
  );
}

const TYPE_UPDATED = TYPE_ROW_COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => c !== 'id');

/**
 * Writes the delta between the stored state and a merge result. Every type,
 * event and tombstone goes through the row mapping of rows.ts, so each field of the
 * data file — and each field of a newer version (SPEC §9) — is stored the one way.
 * Names may swap between types inside one merge, so the unique name check waits for
 * the commit. `before` (the stored types the delta was computed from, or those in its
 * scope) lets it write only the counts that changed: a move changes two of five. A
 * type row whose fields are all unchanged (only its counts moved) is not rewritten,
 * so its change number stays; the device still gets the type with its new events
 * (sql-changes.ts, loadSince).
 */
export async function applyDelta(
  tx: Queryable,
  delta: StateDelta,
  before: readonly MiniatureType[] = [],
): Promise<void> {
  await tx.query('SET CONSTRAINTS miniature_types_name_key_unique DEFERRED');
  const stored = new Map(before.map((t) => [t.id, t]));
  await inChunks(delta.upsertTypes, async (types) => {
    // Rows whose counts alone moved are not sent: the usual case of a merge (a move).
    const records = types.filter((t) => {
      const old = stored.get(t.id);
      return old === undefined || !sameTypeRecord({ ...old, counts: t.counts }, t);
    });
    if (records.length > 0)
      await tx.query(
        `INSERT INTO miniature_types (${TYPE_ROW_COLUMNS}) SELECT * FROM ${unnest(TYPE_ROW_TYPES)}
       ON CONFLICT (id) DO UPDATE SET ${TYPE_UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
       WHERE (${TYPE_UPDATED.map((c) => `miniature_types.${c}`).join(', ')})
         IS DISTINCT FROM (${TYPE_UPDATED.map((c) => `excluded.${c}`).join(', ')})`,
        columns(records.map(typeRow), TYPE_ROW_TYPES.length),
      );
    const counts = types.flatMap((t) =>
      STAGES.filter((s) => stored.get(t.id)?.counts[s] !== t.counts[s]).map(
        (s) => [t.id, s, t.counts[s]] as const,
      ),
    );
    await tx.query(
      `INSERT INTO stage_counts (type_id, stage, count)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])
       ON CONFLICT (type_id, stage) DO UPDATE SET count = excluded.count`,
      columns(counts, 3),
    );
  });
  await inChunks(delta.insertEvents, (events) =>
    tx.query(
      `INSERT INTO history_events (${EVENT_COLUMNS}) SELECT * FROM ${unnest(EVENT_TYPES)}`,
      columns(events.map(eventRow), EVENT_TYPES.length),
    ),
  );
  await inChunks(delta.moveEvents, (moves) =>
    tx.query(
      `UPDATE history_events h SET type_id = m.type_id
       FROM unnest($1::uuid[], $2::uuid[]) AS m(id, type_id) WHERE h.id = m.id`,
      [moves.map((m) => m.id), moves.map((m) => m.type_id)],
    ),
  );
  // Events whose unknown fields a merge completed (a newer version's data merged in).
  await inChunks(delta.updateEvents, (events) =>
    tx.query(
      `UPDATE history_events h SET extra = u.extra
       FROM unnest($1::uuid[], $2::text[]) AS u(id, extra) WHERE h.id = u.id`,
      [events.map((e) => e.id), events.map((e) => extraColumn(e.extra))],
    ),
  );
  await inChunks(delta.deleteTypeIds, async (ids) => {
    await tx.query('DELETE FROM history_events WHERE type_id = ANY($1::uuid[])', [ids]);
    await tx.query('DELETE FROM miniature_types WHERE id = ANY($1::uuid[])', [ids]);
  });
  await inChunks(delta.upsertTombstones, (tombs) =>
    tx.query(
      `INSERT INTO tombstones (id, deleted_at, merged_into, extra)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[])
       ON CONFLICT (id) DO UPDATE SET deleted_at = excluded.deleted_at,
         merged_into = excluded.merged_into, extra = excluded.extra`,
      [
        tombs.map((t) => t.id),
        tombs.map((t) => t.deleted_at),
        tombs.map((t) => t.merged_into),
        tombs.map((t) => extraColumn(t.extra)),
      ],
    ),
  );
  if ('goal' in delta) {
    await setTopLevel(tx, {
      goal: delta.goal?.value ? JSON.stringify(delta.goal.value) : null,
      goal_updated_at: delta.goal?.updated_at ?? null,
    });
  }
  if ('extra' in delta) await setTopLevel(tx, { extra: extraColumn(delta.extra) });
}
