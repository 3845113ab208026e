import type { HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';

/**
 * The whole tracked data of one replica, normalized as both stores keep it.
 * `events` holds every event ever seen for a live type, including those a replay set
 * aside as conflicts; counts are always replay(events).
 */
export interface TrackerState {
  types: MiniatureType[];
  events: HistoryEvent[];
  tombstones: Tombstone[];
}

/** A replica with nothing in it. */
export function emptyState(): TrackerState {
  return { types: [], events: [], tombstones: [] };
}
