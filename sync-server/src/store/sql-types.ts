import {
  appliedEvents,
  type CreateTypeBody,
  canonicalId,
  DomainError,
  groupHistory,
  type HistoryPage,
  type HistoryQuery,
  isFarAhead,
  type MiniatureType,
  nameKey,
  planAdd,
  planCreateType,
  planDelete,
  planMove,
  planRemove,
  planRevert,
  planRework,
  planUpdateType,
  STAGES,
  type Tombstone,
  type TypeChange,
  type TypeLedger,
  type TypePatch,
  unwrap,
  validateName,
} from '@mpt/shared';
import type { Database, Queryable } from './database';
import {
  EVENT_COLUMNS,
  EVENT_SELECT,
  eventRow,
  rowToEvent,
  rowToType,
  TYPE_COLUMNS,
  TYPE_ROW_COLUMNS,
  typeRow,
  wireTime,
} from './rows';
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

async function nameTaken(q: Queryable, rawName: unknown, exceptId: string | null) {
  const name = validateName(rawName);
  if (!name.ok) return false;
  const rows = await q.query(
    'SELECT 1 FROM miniature_types WHERE name_key = $1 AND id IS DISTINCT FROM $2::uuid',
    [nameKey(name.value), exceptId],
  );
  return rows.length > 0;
}

/** Inserts a type's row (every column through rows.ts's typeRow). */
async function insertType(tx: Queryable, type: MiniatureType): Promise<void> {
  const row = typeRow(type);
  await tx.query(
    `INSERT INTO miniature_types (${TYPE_ROW_COLUMNS})
     VALUES (${row.map((_, k) => `$${k + 1}`).join(', ')})`,
    [...row],
  );
}

/** Creates a type with its initial counts (as add events) and its fields of SPEC §9. */
export function createType(
  db: Database,
  clock: Clock,
  body: CreateTypeBody,
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
    await insertType(tx, type);
    await tx.query(
      `INSERT INTO stage_counts (type_id, stage, count)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[])`,
      [type.id, STAGES, STAGES.map((s) => type.counts[s])],
    );
    for (const e of events) {
      const row = eventRow(e);
      await tx.query(
        `INSERT INTO history_events (${EVENT_COLUMNS})
         VALUES (${row.map((_, k) => `$${k + 1}`).join(', ')})`,
        [...row],
      );
    }
    return type;
  });
}

/**
 * Edits a type's name and fields of SPEC §9 (PATCH): only the fields whose value
 * changes move, each with its own time (shared's planUpdateType). Errors: the field's
 * code, ERR_NAME_TAKEN, ERR_TYPE_NOT_FOUND; nothing changes then.
 */
export function updateType(db: Database, clock: Clock, id: string, patch: TypePatch) {
  return db.transaction(async (tx) => {
    await lockAllExclusive(tx);
    const type = await readType(tx, id);
    const taken = patch.name === undefined ? false : await nameTaken(tx, patch.name, id);
    const update = unwrap(planUpdateType(type, patch, clock.now(), () => taken));
    if (Object.keys(update).length === 0) return type;
    const next: MiniatureType = { ...type, ...update };
    const row = typeRow(next);
    const names = TYPE_ROW_COLUMNS.split(',').map((c) => c.trim());
    await tx.query(
      `UPDATE miniature_types SET ${names
        .map((c, k) => `${c} = $${k + 1}`)
        .slice(1)
        .join(', ')}
       WHERE id = $1`,
      [...row],
    );
    return next;
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

/** The shared planner of one change of counts (an undo also learns whose its event is). */
async function plan(
  tx: Queryable,
  ledger: TypeLedger,
  change: CountChange,
  ctx: { eventId: string; now: Date },
) {
  switch (change.op) {
    case 'add':
      return planAdd(ledger, change, ctx);
    case 'remove':
      return planRemove(ledger, change, ctx);
    case 'move':
      return planMove(ledger, change, ctx);
    case 'rework':
      return planRework(ledger, change, ctx);
    case 'revert': {
      const eventId = canonicalId(change.event_id);
      const [owner] = await tx.query<{ type_id: string }>(
        'SELECT type_id FROM history_events WHERE id = $1',
        [eventId],
      );
      const history = ledger.history ?? [];
      return planRevert({ ...ledger, history }, { event_id: eventId }, ctx, () =>
        owner ? String(owner.type_id) : null,
      );
    }
  }
}

/**
 * Add, remove, move, rework or undo (SPEC §9), in one transaction. The type row is locked with SELECT … FOR
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
    // An undo checks its event against the whole history; when another device's clock
    // ran ahead, the planner places the event in the history.
    if (change.op === 'revert' || isFarAhead(ledger.last_event_at, ctx.now)) {
      const rows = await tx.query(`SELECT ${EVENT_SELECT} FROM history_events WHERE type_id = $1`, [
        id,
      ]);
      ledger.history = rows.map(rowToEvent);
    }
    const { event, counts } = unwrap(await plan(tx, ledger, change, ctx));
    const touched = STAGES.filter((s) => s === event.from_stage || s === event.to_stage);
    const values = eventRow(event);
    await tx.query(
      `WITH ins AS (INSERT INTO history_events (${EVENT_COLUMNS})
         VALUES (${values.map((_, k) => `$${k + 1}`).join(', ')}))
       UPDATE stage_counts s SET count = n.count
       FROM unnest($${values.length + 1}::text[], $${values.length + 2}::bigint[]) AS n(stage, count)
       WHERE s.type_id = $2 AND s.stage = n.stage`,
      [...values, touched, touched.map((s) => counts[s])],
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
