/** Hard limits shared by import, sync and the UI. Named once so every edge agrees. */
export const LIMITS = {
  /** Largest data file accepted, in bytes. */
  fileBytes: 50 * 1024 * 1024,
  /** Most types in one data file or state. */
  types: 20_000,
  /** Most events in one data file or state. */
  events: 2_000_000,
  /** Most tombstones in one data file. */
  tombstones: 200_000,
  /** Largest quantity of one event. */
  qty: 100_000,
  /**
   * Largest count of one stage of a type given without history in a data file: the
   * importer turns each such count into one add event, so a small file can never
   * make it create many events (SPEC §8, work bounded by input size).
   */
  countWithoutHistory: 100_000,
  /** Longest type name, in code points, after normalization. */
  nameLength: 120,
  /** Longest army or game name, in code points, after normalization (SPEC §9). */
  groupNameLength: 80,
  /** Longest notes of a type, in code points, after normalization (SPEC §9). */
  notesLength: 4_000,
  /** Largest "hobby points" weight of one model (SPEC §9); the smallest is 0. */
  pointsPerModel: 1_000,
  /** Largest target of a goal, in models or points (SPEC §9); the smallest is 1. */
  goalTarget: 100_000,
  /** History grouping window: events strictly less than this apart join a group. */
  groupWindowMs: 300_000,
  /**
   * How far ahead of the local clock a type's last event may be for a new event to be
   * dated just after it (SPEC §2's +1 ms rule); further ahead, the event came from a
   * device whose clock ran ahead and a new event is dated now when the history allows.
   */
  clockLeadMs: 5 * 60_000,
  /** A device clock further from the sync server's than this is shown as wrong (SPEC §10). */
  clockSkewShownMs: 5 * 60_000,
  /**
   * How far ahead of the sync server's clock a pushed change may be dated: later ones are
   * refused with ERR_CLOCK_SKEW and stay on the device (SPEC §10).
   */
  clockAheadRefusedMs: 24 * 60 * 60_000,
  /** Page size cap for list endpoints. */
  pageSize: 500,
} as const;
