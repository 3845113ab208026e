import { compareEvents, type HistoryEvent, type Stage } from '@mpt/shared';

/**
 * One type's events that arrived in bulk, as stored (event-store.ts): column by column,
 * index i of each column being event i in history order, since IndexedDB's structured
 * clone costs per object: 50 events as six arrays put in about a third of the time of 50
 * objects (docs/pwa.md, "Events in two stores"). `last_at` (indexed) is the newest
 * event's time, `n` (indexed) their number.
 */
export interface HistoryRow {
  type_id: string;
  last_at: string;
  n: number;
  ids: string[];
  from: (Stage | null)[];
  to: (Stage | null)[];
  qty: number[];
  at: string[];
  /** The few events that undo another, are a rework or carry unknown fields: by index. */
  marks?: [number, EventMarks][];
}

type EventMarks = Pick<HistoryEvent, 'reverts' | 'rework' | 'extra'>;

const marksOf = (e: HistoryEvent): EventMarks | null => {
  if (e.reverts === undefined && e.rework === undefined && e.extra === undefined) return null;
  const marks: EventMarks = {};
  if (e.reverts !== undefined) marks.reverts = e.reverts;
  if (e.rework !== undefined) marks.rework = e.rework;
  if (e.extra !== undefined) marks.extra = e.extra;
  return marks;
};

/**
 * The row of type `typeId` holding `events` (all of that type), sorted into history order
 * (shared's compareEvents); undefined for no events: such a type has no row.
 */
export function encodeHistory(
  typeId: string,
  events: readonly HistoryEvent[],
): HistoryRow | undefined {
  if (events.length === 0) return undefined;
  const sorted = [...events].sort(compareEvents);
  const marks: [number, EventMarks][] = [];
  sorted.forEach((e, i) => {
    const m = marksOf(e);
    if (m) marks.push([i, m]);
  });
  const row: HistoryRow = {
    type_id: typeId,
    last_at: sorted[sorted.length - 1]!.created_at,
    n: sorted.length,
    ids: sorted.map((e) => e.id),
    from: sorted.map((e) => e.from_stage),
    to: sorted.map((e) => e.to_stage),
    qty: sorted.map((e) => e.qty),
    at: sorted.map((e) => e.created_at),
  };
  if (marks.length > 0) row.marks = marks;
  return row;
}

/** Event `i` of a row, with the fields in the schema's order (shared's historyEventSchema). */
function eventAt(row: HistoryRow, i: number, marks: ReadonlyMap<number, EventMarks>) {
  const e: HistoryEvent = {
    id: row.ids[i]!,
    type_id: row.type_id,
    from_stage: row.from[i] ?? null,
    to_stage: row.to[i] ?? null,
    qty: row.qty[i]!,
    created_at: row.at[i]!,
  };
  const m = marks.get(i);
  return m === undefined ? e : { ...e, ...m };
}

/** A stored row's events, in history order: exactly those encodeHistory was given. */
export function decodeHistory(row: HistoryRow): HistoryEvent[] {
  const marks = new Map(row.marks ?? []);
  return row.ids.map((_, i) => eventAt(row, i, marks));
}

/** A stored row's newest event (the last in history order). */
export function lastOfHistory(row: HistoryRow): HistoryEvent {
  return eventAt(row, row.n - 1, new Map(row.marks ?? []));
}
