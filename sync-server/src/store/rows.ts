import {
  type Counts,
  type HistoryEvent,
  isStage,
  type MiniatureType,
  type Stage,
  type Tombstone,
  zeroCounts,
} from '@mpt/shared';

/** A timestamp column (Date from both drivers) as the wire's ISO 8601 with milliseconds. */
export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

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
export const TYPE_COLUMNS = `t.id, t.name, t.created_at, t.name_updated_at,
  COALESCE((SELECT json_object_agg(c.stage, c.count) FROM stage_counts c WHERE c.type_id = t.id), '{}') AS counts`;

/** A row of TYPE_COLUMNS → the domain type. */
export function rowToType(row: Record<string, unknown>): MiniatureType {
  return {
    id: String(row.id),
    name: String(row.name),
    created_at: iso(row.created_at),
    name_updated_at: iso(row.name_updated_at),
    counts: rowToCounts(row.counts),
  };
}

export const EVENT_COLUMNS = 'id, type_id, from_stage, to_stage, qty, created_at';

/** A history_events row → the domain event. */
export function rowToEvent(row: Record<string, unknown>): HistoryEvent {
  return {
    id: String(row.id),
    type_id: String(row.type_id),
    from_stage: stageOrNull(row.from_stage),
    to_stage: stageOrNull(row.to_stage),
    qty: Number(row.qty),
    created_at: iso(row.created_at),
  };
}

/** A tombstones row → the domain tombstone. */
export function rowToTombstone(row: Record<string, unknown>): Tombstone {
  return {
    id: String(row.id),
    deleted_at: iso(row.deleted_at),
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
