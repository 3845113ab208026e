import type { GoalSetting, HistoryEvent, MiniatureType, Tombstone } from '../schema/entities';
import type { Extra } from '../values/extra';

/**
 * The whole tracked data of one replica, normalized as both stores keep it.
 * `events` holds every event ever seen for a live type, including those a replay set
 * aside as conflicts; counts are always replay(events). `goal` is absent until a goal
 * is first set; `extra` holds the data file's top-level fields this version does not
 * know (SPEC §9), absent when there are none.
 */
export interface TrackerState {
  types: MiniatureType[];
  events: HistoryEvent[];
  tombstones: Tombstone[];
  goal?: GoalSetting;
  extra?: Extra;
}

/** A replica with nothing in it. */
export function emptyState(): TrackerState {
  return { types: [], events: [], tombstones: [] };
}
