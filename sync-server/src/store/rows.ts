import {
  type Counts,
  type Extra,
  type GoalSetting,
  goalSchema,
  type HistoryEvent,
  isStage,
  type MiniatureType,
  nameKey,
  orderKey,
  type Stage,
  searchKey,
  type Tombstone,
  zeroCounts,
} from '@mpt/shared';

/**
 * SQL for a timestamptz column as the wire's text (SPEC §8). Times are always read
 * back this way, never through a driver's Date parser (PGlite read year 0010 as 2015).
 */
export const wireTime = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A column selected with wireTime: already the canonical text. */
const text = (value: unknown): string => String(value);

const stageOrNull = (value: unknown): Stage | null => (isStage(value) ? value : null);

/**
 * The `extra` column (SPEC §9: fields of a newer app version) as stored: the JSON text
 * of the canonical object, kept verbatim; NULL when there are none.
 */
export const extraColumn = (extra: Extra | undefined): string | null =>
  extra === undefined ? null : JSON.stringify(extra);

/** An `extra` column back to the object (undefined for NULL). */
export const columnExtra = (value: unknown): Extra | undefined =>
  value === null || value === undefined ? undefined : (JSON.parse(String(value)) as Extra);

/** The key column of an army or game name: shared's nameKey, NULL for none. */
export const groupKey = (name: string | null): string | null =>
  name === null ? null : nameKey(name);

/** The counts column: a JSON object stage → count (missing stages are 0). */
export function rowToCounts(value: unknown): Counts {
  const counts = zeroCounts();
  const raw = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  for (const [stage, count] of Object.entries(raw ?? {})) {
    if (isStage(stage)) counts[stage] = Number(count);
  }
  return counts;
}

/** The select list that yields a type row with its counts (alias the table `t`). */
export const TYPE_COLUMNS = `t.id, t.name, ${wireTime('t.created_at')} AS created_at,
  ${wireTime('t.name_updated_at')} AS name_updated_at,
  t.army, ${wireTime('t.army_updated_at')} AS army_updated_at,
  t.game, ${wireTime('t.game_updated_at')} AS game_updated_at,
  t.points_per_model, ${wireTime('t.points_per_model_updated_at')} AS points_per_model_updated_at,
  t.notes, ${wireTime('t.notes_updated_at')} AS notes_updated_at, t.extra,
  COALESCE((SELECT json_object_agg(c.stage, c.count) FROM stage_counts c WHERE c.type_id = t.id), '{}') AS counts`;

/** A row of TYPE_COLUMNS → the domain type. */
export function rowToType(row: Record<string, unknown>): MiniatureType {
  const type: MiniatureType = {
    id: String(row.id),
    name: String(row.name),
    created_at: text(row.created_at),
    name_updated_at: text(row.name_updated_at),
    army: row.army === null ? null : String(row.army),
    army_updated_at: text(row.army_updated_at),
    game: row.game === null ? null : String(row.game),
    game_updated_at: text(row.game_updated_at),
    points_per_model: Number(row.points_per_model),
    points_per_model_updated_at: text(row.points_per_model_updated_at),
    notes: String(row.notes),
    notes_updated_at: text(row.notes_updated_at),
    counts: rowToCounts(row.counts),
  };
  const extra = columnExtra(row.extra);
  if (extra !== undefined) type.extra = extra;
  return type;
}

/** The miniature_types columns a type is written to, in the order of typeRow. */
export const TYPE_ROW_COLUMNS = `id, name, name_key, search_key, order_key, created_at, name_updated_at,
  army, army_key, army_updated_at, game, game_key, game_updated_at, points_per_model,
  points_per_model_updated_at, notes, notes_updated_at, extra`;

/** The SQL types of TYPE_ROW_COLUMNS, for unnest($n::type[]). */
export const TYPE_ROW_TYPES = [
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'timestamptz',
  'text',
  'text',
  'timestamptz',
  'text',
  'text',
  'timestamptz',
  'int',
  'timestamptz',
  'text',
  'timestamptz',
  'text',
] as const;

/**
 * A domain type → the values of TYPE_ROW_COLUMNS: the identity, search and order keys
 * of its name and the keys of its army and game computed by shared (SPEC §8), unknown fields
 * as their JSON text. Every write of a type goes through here.
 */
export const typeRow = (t: MiniatureType) =>
  [
    t.id,
    t.name,
    nameKey(t.name),
    searchKey(t.name),
    orderKey(t.name),
    t.created_at,
    t.name_updated_at,
    t.army,
    groupKey(t.army),
    t.army_updated_at,
    t.game,
    groupKey(t.game),
    t.game_updated_at,
    t.points_per_model,
    t.points_per_model_updated_at,
    t.notes,
    t.notes_updated_at,
    extraColumn(t.extra),
  ] as const;

/** The SQL types of EVENT_COLUMNS, for unnest($n::type[]). */
export const EVENT_TYPES = [
  'uuid',
  'uuid',
  'text',
  'text',
  'int',
  'timestamptz',
  'uuid',
  'boolean',
  'text',
] as const;

/** The events columns of INSERTs, in the order of eventRow. */
export const EVENT_COLUMNS =
  'id, type_id, from_stage, to_stage, qty, created_at, reverts, rework, extra';

/** A domain event → its row's values, in the order of EVENT_COLUMNS. */
export const eventRow = (e: HistoryEvent) =>
  [
    e.id,
    e.type_id,
    e.from_stage,
    e.to_stage,
    e.qty,
    e.created_at,
    e.reverts ?? null,
    e.rework === true,
    extraColumn(e.extra),
  ] as const;

/** The select list that yields an event row for rowToEvent. */
export const EVENT_SELECT = `id, type_id, from_stage, to_stage, qty, ${wireTime('created_at')} AS created_at,
  reverts, rework, extra`;

/** The select list that yields a tombstone row for rowToTombstone. */
export const TOMBSTONE_SELECT = `id, ${wireTime('deleted_at')} AS deleted_at, merged_into, extra`;

/** The marks of an event beyond its stages, absent when not set (as the data file has them). */
function withMarks(event: HistoryEvent, reverts: unknown, rework: unknown, extra: unknown) {
  if (reverts !== null && reverts !== undefined) event.reverts = String(reverts);
  if (rework === true) event.rework = true;
  const fields = columnExtra(extra);
  if (fields !== undefined) event.extra = fields;
  return event;
}

/** A history_events row → the domain event. */
export function rowToEvent(row: Record<string, unknown>): HistoryEvent {
  return withMarks(
    {
      id: String(row.id),
      type_id: String(row.type_id),
      from_stage: stageOrNull(row.from_stage),
      to_stage: stageOrNull(row.to_stage),
      qty: Number(row.qty),
      created_at: text(row.created_at),
    },
    row.reverts,
    row.rework,
    row.extra,
  );
}

/** A tombstones row → the domain tombstone. */
export function rowToTombstone(row: Record<string, unknown>): Tombstone {
  const tomb: Tombstone = {
    id: String(row.id),
    deleted_at: text(row.deleted_at),
    merged_into: row.merged_into === null ? null : String(row.merged_into),
  };
  const extra = columnExtra(row.extra);
  if (extra !== undefined) tomb.extra = extra;
  return tomb;
}

/** The top_level_fields row (or none) → the state's goal and unknown top-level fields. */
export function rowToTopLevel(row: Record<string, unknown> | undefined): {
  goal?: GoalSetting;
  extra?: Extra;
} {
  const top: { goal?: GoalSetting; extra?: Extra } = {};
  if (row?.goal_updated_at !== null && row?.goal_updated_at !== undefined) {
    top.goal = {
      value: row.goal === null ? null : goalSchema.parse(JSON.parse(String(row.goal))),
      updated_at: text(row.goal_updated_at),
    };
  }
  const extra = columnExtra(row?.extra);
  if (extra !== undefined) top.extra = extra;
  return top;
}

/**
 * The SQL that aggregates every event as one JSON array of tuples (loadState): six
 * fields, or nine when the event is an undo, a rework or has unknown fields (rare).
 */
export const EVENT_TUPLES = `coalesce(json_agg(CASE WHEN reverts IS NULL AND NOT rework AND extra IS NULL
    THEN json_build_array(id, type_id, from_stage, to_stage, qty, ${wireTime('created_at')})
    ELSE json_build_array(id, type_id, from_stage, to_stage, qty, ${wireTime('created_at')},
      reverts, rework, extra) END
  ORDER BY created_at, id), '[]')::text`;

type EventTuple = [
  string,
  string,
  string | null,
  string | null,
  number,
  string,
  (string | null)?,
  boolean?,
  (string | null)?,
];

/** The JSON array of EVENT_TUPLES → the domain events. */
export function parseEventArray(json: string): HistoryEvent[] {
  return (JSON.parse(json) as EventTuple[]).map(
    ([id, type_id, from, to, qty, created_at, reverts, rework, extra]) => {
      const event: HistoryEvent = {
        id,
        type_id,
        from_stage: stageOrNull(from),
        to_stage: stageOrNull(to),
        qty,
        created_at,
      };
      return reverts === undefined ? event : withMarks(event, reverts, rework, extra);
    },
  );
}
