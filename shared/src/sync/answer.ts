import type { TrackerState } from '../transfer/state';

/** Canonical JSON of a record without some fields: equal records give equal text. */
function recordKey(record: object, omit: string): string {
  const entries = Object.entries(record)
    .filter(([key]) => key !== omit)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

/**
 * What a device lacks of `fresh` (the server's changes since its cursor) when it has
 * just sent `sent` (SPEC §10): its own events, its own tombstones, and the records of
 * its types that came out of the merge as it sent them, are left out. Counts are not
 * compared: every replica recomputes them by replay. A type stays whenever one of its
 * events does, since a fragment's events travel inside their type.
 */
export function withoutSent(fresh: TrackerState, sent: TrackerState): TrackerState {
  if (sent.types.length === 0 && sent.events.length === 0 && sent.tombstones.length === 0) {
    return fresh;
  }
  const sentEvents = new Set(sent.events.map((e) => e.id));
  const events = fresh.events.filter((e) => !sentEvents.has(e.id));
  const carried = new Set(events.map((e) => e.type_id));
  const sentTypes = new Map(sent.types.map((t) => [t.id, recordKey(t, 'counts')]));
  const types = fresh.types.filter(
    (t) => carried.has(t.id) || sentTypes.get(t.id) !== recordKey(t, 'counts'),
  );
  const sentTombs = new Set(sent.tombstones.map((t) => recordKey(t, '')));
  const tombstones = fresh.tombstones.filter((t) => !sentTombs.has(recordKey(t, '')));
  return { types, events, tombstones };
}
