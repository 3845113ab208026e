import {
  type Counts,
  type HistoryEvent,
  isStage,
  type MiniatureType,
  type Stage,
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
  COALESCE((SELECT json_object_agg(c.stage, c.count) FROM stage_counts c WHERE c.type_id = t.id), '{}') AS counts`;

/** A row of TYPE_COLUMNS → the domain type. */
export function rowToType(row: Record<string, unknown>): MiniatureType {
  return {
    id: String(row.id),
    name: String(row.name),
    created_at: text(row.created_at),
    name_updated_at: text(row.name_updated_at),
    counts: rowToCounts(row.counts),
  };
}

/** The columns of history_events, in the order of rowToEvent and of INSERTs. */
export const EVENT_COLUMNS = 'id, type_id, from_stage, to_stage, qty, created_at';

/** The select list that yields an event row for rowToEvent. */
export const EVENT_SELECT = `id, type_id, from_stage, to_stage, qty, ${wireTime('created_at')} AS created_at`;

/** The select list that yields a tombstone row for rowToTombstone. */
export const TOMBSTONE_SELECT = `id, ${wireTime('deleted_at')} AS deleted_at, merged_into`;

/** A history_events row → the domain event. */
export function rowToEvent(row: Record<string, unknown>): HistoryEvent {
  return {
    id: String(row.id),
    type_id: String(row.type_id),
    from_stage: stageOrNull(row.from_stage),
    to_stage: stageOrNull(row.to_stage),
    qty: Number(row.qty),
    created_at: text(row.created_at),
  };
}

/** A tombstones row → the domain tombstone. */
export function rowToTombstone(row: Record<string, unknown>): Tombstone {
  return {
    id: String(row.id),
    deleted_at: text(row.deleted_at),
    merged_into: row.merged_into === null ? null : String(row.merged_into),
  };
}

type EventTuple = [string, string, string | null, string | null, number, string];

/** The JSON array of [id, type_id, from, to, qty, created_at] tuples loadState reads. */
export function parseEventArray(text: string): HistoryEvent[] {
  return (JSON.parse(text) as EventTuple[]).map(([id, type_id, from, to, qty, created_at]) => ({
    id,
    type_id,
    from_stage: stageOrNull(from),
    to_stage: stageOrNull(to),
    qty,
    created_at,
  }));
}
