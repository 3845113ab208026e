import {
  appliedEvents,
  DomainError,
  groupHistory,
  type HistoryPage,
  type HistoryQuery,
  isFarAhead,
  type ListTypesQuery,
  type MiniatureType,
  nameKey,
  planAdd,
  planCreateType,
  planDelete,
  planMove,
  planRemove,
  planRename,
  STAGES,
  searchKey,
  searchWords,
  type Tombstone,
  type TypeChange,
  type TypeLedger,
  type TypeList,
  unwrap,
  validateName,
} from '@mpt/shared';
import type { Database, Queryable } from './database';
import { EVENT_COLUMNS, EVENT_SELECT, rowToEvent, rowToType, TYPE_COLUMNS, wireTime } from './rows';
import { lockAllExclusive } from './sql-state';
import type { CountChange } from './store';

/** What the type operations need besides the database: fresh ids and the clock. */
export interface Clock {
  newId: () => string;
  now: () => Date;
}

const notFound = (id: string) => new DomainError('ERR_TYPE_NOT_FOUND', { id });

/** One type with its counts, or ERR_TYPE_NOT_FOUND. */
export async function readType(q: Queryable, id: string): Promise<MiniatureType> {
  const [row] = await q.query(`SELECT ${TYPE_COLUMNS} FROM miniature_types t WHERE t.id = $1`, [
    id,
  ]);
  if (!row) throw notFound(id);
  return rowToType(row);
}

/**
 * Types A–Z by identity key, one page, filtered in SQL: a type matches when its stored
 * search key holds every word of `q` (shared's searchWords, SPEC §8).
 */
export async function listTypes(db: Database, query: ListTypesQuery): Promise<TypeList> {
  const words = searchWords(query.q ?? '');
  const where = `WHERE NOT EXISTS
    (SELECT 1 FROM unnest($1::text[]) AS w(word) WHERE strpos(t.search_key, w.word) = 0)`;
  const rows = await db.query(
    `SELECT ${TYPE_COLUMNS}, count(*) OVER () AS total FROM miniature_types t ${where}
     ORDER BY t.name_key, t.id LIMIT $2 OFFSET $3`,
    [words, query.limit, query.offset],
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && query.offset > 0) {
    const [row] = await db.query(`SELECT count(*) AS total FROM miniature_types t ${where}`, [
      words,
    ]);
    total = Number(row?.total ?? 0);
  }
  return { items: rows.map(rowToType), total, limit: query.limit, offset: query.offset };
}

async function nameTaken(q: Queryable, rawName: unknown, exceptId: string | null) {
  const name = validateName(rawName);
  if (!name.ok) return false;
  const rows = await q.query(
    'SELECT 1 FROM miniature_types WHERE name_key = $1 AND id IS DISTINCT FROM $2::uuid',
    [nameKey(name.value), exceptId],
  );
  return rows.length > 0;
}

/** Creates a type with its initial counts (as add events). */
export function createType(
  db: Database,
  clock: Clock,
  body: { name: string; counts?: Partial<Record<string, number>> | undefined },
): Promise<MiniatureType> {
  return db.transaction(async (tx) => {
    await lockAllExclusive(tx);
    const taken = await nameTaken(tx, body.name, null);
    const [live] = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM miniature_types');
    const { type, events } = unwrap(
      planCreateType(
        body,
        {
          typeId: clock.newId(),
          now: clock.now(),
          newEventId: clock.newId,
          liveTypes: Number(live?.n ?? 0),
        },
        () => taken,
      ),
    );
    await tx.query(
      `INSERT INTO miniature_types (id, name, name_key, search_key, created_at, name_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        type.id,
        type.name,
        nameKey(type.name),
        searchKey(type.name),
        type.created_at,
        type.name_updated_at,
      ],
    );
    await tx.query(
      `INSERT INTO stage_counts (type_id, stage, count)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[])`,
      [type.id, STAGES, STAGES.map((s) => type.counts[s])],
    );
    for (const e of events) {
      await tx.query(
        `INSERT INTO history_events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
        [e.id, e.type_id, e.from_stage, e.to_stage, e.qty, e.created_at],
      );
    }
    return type;
  });
}

/** Renames a type; a rename to another case of its own name is allowed. */
export function renameType(db: Database, clock: Clock, id: string, name: string) {
  return db.transaction(async (tx) => {
    await lockAllExclusive(tx);
    const type = await readType(tx, id);
    const taken = await nameTaken(tx, name, id);
    const renamed = unwrap(planRename(type, name, clock.now(), () => taken));
    await tx.query(
      `UPDATE miniature_types SET name = $2, name_key = $3, search_key = $4, name_updated_at = $5
       WHERE id = $1`,
      [id, renamed.name, nameKey(renamed.name), searchKey(renamed.name), renamed.name_updated_at],
    );
    return { ...type, ...renamed };
  });
}

/** Deletes a type and its history, leaving a tombstone so sync cannot bring it back. */
export function deleteType(db: Database, clock: Clock, id: string): Promise<Tombstone> {
  return db.transaction(async (tx) => {
    await lockAllExclusive(tx);
    const deleted = await tx.query('DELETE FROM miniature_types WHERE id = $1 RETURNING id', [id]);
    if (deleted.length === 0) throw notFound(id);
    await tx.query('DELETE FROM history_events WHERE type_id = $1', [id]);
    const tomb = unwrap(planDelete(id, clock.now()));
    await tx.query(
      `INSERT INTO tombstones (id, deleted_at, merged_into) VALUES ($1, $2, NULL)
       ON CONFLICT (id) DO NOTHING`,
      [tomb.id, tomb.deleted_at],
    );
    return tomb;
  });
}

/**
 * Add, remove or move, in one transaction. The type row is locked with SELECT … FOR
 * UPDATE before its counts and last event are read (in a later statement, so they are
 * the latest committed: a statement that waited for a lock still reads its subqueries
 * in the snapshot it started with), so two requests on one type queue up and a count
 * can never go negative; requests on other types do not wait.
 */
export function changeCounts(
  db: Database,
  clock: Clock,
  id: string,
  change: CountChange,
): Promise<TypeChange> {
  return db.transaction(async (tx) => {
    const locked = await tx.query('SELECT id FROM miniature_types WHERE id = $1 FOR UPDATE', [id]);
    if (locked.length === 0) throw notFound(id);
    const [row] = await tx.query(
      `SELECT ${TYPE_COLUMNS},
        (SELECT ${wireTime('max(e.created_at)')} FROM history_events e WHERE e.type_id = t.id)
          AS last_event_at
       FROM miniature_types t WHERE t.id = $1`,
      [id],
    );
    if (!row) throw notFound(id);
    const type = rowToType(row);
    const ctx = { eventId: clock.newId(), now: clock.now() };
    const ledger: TypeLedger = {
      id,
      counts: type.counts,
      last_event_at: row.last_event_at === null ? null : String(row.last_event_at),
    };
    // Another device's clock ran ahead: the planner places the event in the history.
    if (isFarAhead(ledger.last_event_at, ctx.now)) {
      const rows = await tx.query(`SELECT ${EVENT_SELECT} FROM history_events WHERE type_id = $1`, [
        id,
      ]);
      ledger.history = rows.map(rowToEvent);
    }
    const planned =
      change.op === 'move'
        ? planMove(ledger, change, ctx)
        : change.op === 'add'
          ? planAdd(ledger, change, ctx)
          : planRemove(ledger, change, ctx);
    const { event, counts } = unwrap(planned);
    const touched = STAGES.filter((s) => s === event.from_stage || s === event.to_stage);
    await tx.query(
      `WITH ins AS (INSERT INTO history_events (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6))
       UPDATE stage_counts s SET count = n.count
       FROM unnest($7::text[], $8::bigint[]) AS n(stage, count)
       WHERE s.type_id = $2 AND s.stage = n.stage`,
      [
        event.id,
        id,
        event.from_stage,
        event.to_stage,
        event.qty,
        event.created_at,
        touched,
        touched.map((s) => counts[s]),
      ],
    );
    return { type: { ...type, counts }, event };
  });
}

/** Grouped history of one type (grouping by shared's groupHistory), one page. */
export async function typeHistory(
  db: Database,
  id: string,
  query: HistoryQuery,
): Promise<HistoryPage> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await readType(tx, id);
    const rows = await tx.query(
      `SELECT ${EVENT_SELECT} FROM history_events WHERE type_id = $1 ORDER BY created_at, id`,
      [id],
    );
    const groups = groupHistory(appliedEvents(rows.map(rowToEvent)), query.order);
    return {
      items: groups.slice(query.offset, query.offset + query.limit),
      total: groups.length,
      limit: query.limit,
      offset: query.offset,
    };
  });
}
