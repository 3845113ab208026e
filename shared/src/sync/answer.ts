import type { StateDelta } from '../transfer/diff';
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
 * just sent `sent` (SPEC §10): its own events filed under the type it sent them with, its
 * own tombstones, and the records of its types that came out of the merge as it sent
 * them, are left out. An event the server files under another type (two devices folded
 * its type differently) goes back, so the device settles it the same way. Counts are not
 * compared: every replica recomputes them by replay. A type stays whenever one of its
 * events does, since a fragment's events travel inside their type. The goal and the
 * file's unknown fields are left out when they are what the device sent.
 */
export function withoutSent(fresh: TrackerState, sent: TrackerState): TrackerState {
  const rest = withoutSentRecords(fresh, sent);
  // The goal and the file's unknown fields (SPEC §9) go back only when they differ from
  // what the device sent: the device sends its own every time.
  if (fresh.goal !== undefined && !sameValue(fresh.goal, sent.goal)) rest.goal = fresh.goal;
  if (fresh.extra !== undefined && !sameValue(fresh.extra, sent.extra)) rest.extra = fresh.extra;
  return rest;
}

const sameValue = (a: object, b: object | undefined): boolean =>
  b !== undefined && recordKey(a, '') === recordKey(b, '');

function withoutSentRecords(
  fresh: TrackerState,
  sent: TrackerState,
): Pick<TrackerState, 'types' | 'events' | 'tombstones'> & Partial<TrackerState> {
  if (sent.types.length === 0 && sent.events.length === 0 && sent.tombstones.length === 0) {
    return { types: fresh.types, events: fresh.events, tombstones: fresh.tombstones };
  }
  const sentEvents = new Map(sent.events.map((e) => [e.id, e.type_id]));
  const events = fresh.events.filter((e) => sentEvents.get(e.id) !== e.type_id);
  const carried = new Set(events.map((e) => e.type_id));
  const sentTypes = new Map(sent.types.map((t) => [t.id, recordKey(t, 'counts')]));
  const types = fresh.types.filter(
    (t) => carried.has(t.id) || sentTypes.get(t.id) !== recordKey(t, 'counts'),
  );
  const sentTombs = new Set(sent.tombstones.map((t) => recordKey(t, '')));
  const tombstones = fresh.tombstones.filter((t) => !sentTombs.has(recordKey(t, '')));
  return { types, events, tombstones };
}

/**
 * `fresh` with the server's current records of the types the device sent (`current`)
 * added where missing: a record the device sent that lost the merge (a rename older than
 * the server's, or tied with it after the device re-dated it for its clock) did not
 * change on the server, so no change number brings it back; without it the device would
 * keep its own name for good. withoutSent then leaves out those equal to what was sent.
 */
export function withSentTypes(
  fresh: TrackerState,
  current: readonly TrackerState['types'][number][],
): TrackerState {
  const present = new Set(fresh.types.map((t) => t.id));
  const missing = current.filter((t) => !present.has(t.id));
  return missing.length === 0 ? fresh : { ...fresh, types: [...fresh.types, ...missing] };
}

/** Ids of the records a merge wrote, by kind. */
export interface FactIds {
  types: string[];
  events: string[];
  tombstones: string[];
}

/**
 * What a device's merge of the server's changes wrote that those changes did not carry
 * as such (SPEC §10): a fold it decided, a type record whose name or times came out
 * differently, an event it filed under another type. The server may lack these, so they
 * go out with the device's next push, which keeps every device converging to the
 * server's state even where the merge is not associative (docs/data-format.md, "Name
 * folds are decisions"). Usually empty.
 */
export function ownFacts(delta: StateDelta, incoming: TrackerState): FactIds {
  const types = new Map(incoming.types.map((t) => [t.id, recordKey(t, 'counts')]));
  const events = new Map(incoming.events.map((e) => [e.id, e.type_id]));
  const tombs = new Set(incoming.tombstones.map((t) => recordKey(t, '')));
  return {
    types: delta.upsertTypes
      .filter((t) => types.get(t.id) !== recordKey(t, 'counts'))
      .map((t) => t.id),
    events: [
      ...delta.insertEvents.filter((e) => events.get(e.id) !== e.type_id).map((e) => e.id),
      ...delta.moveEvents.filter((m) => events.get(m.id) !== m.type_id).map((m) => m.id),
    ],
    tombstones: delta.upsertTombstones.filter((t) => !tombs.has(recordKey(t, ''))).map((t) => t.id),
  };
}
