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

/**
 * Whether `state` holds nothing at all: no types, events or tombstones, no goal and no
 * unknown top-level fields (SPEC §9). Such a state is what a new device starts with;
 * a restore point of it could put nothing back (docs/pwa.md, restore points).
 */
export function isEmptyState(state: TrackerState): boolean {
  return (
    state.types.length === 0 &&
    state.events.length === 0 &&
    state.tombstones.length === 0 &&
    state.goal === undefined &&
    state.extra === undefined
  );
}
