import type {
  ArmyList,
  CreateTypeBody,
  HistoryPage,
  HistoryQuery,
  ImportReport,
  ListArmiesQuery,
  ListTypesQuery,
  MiniatureType,
  MoveBody,
  RevertBody,
  RevisionInfo,
  StageQtyBody,
  Tombstone,
  TrackerState,
  TypeChange,
  TypeList,
  TypePatch,
} from '@mpt/shared';
import type { FullSource } from './roll-forward';

/** A change of counts on one type: the operations that append one event (SPEC §2, §9). */
export type CountChange =
  | ({ op: 'add' } & StageQtyBody)
  | ({ op: 'remove' } & StageQtyBody)
  | ({ op: 'move' } & MoveBody)
  | ({ op: 'rework' } & MoveBody)
  | ({ op: 'revert' } & RevertBody);

/** A sync push as the route hands it over: the validated state and its idempotency key. */
export interface SyncPush {
  key: string;
  /** sha256 of the request body: the same key with another body is refused. */
  requestHash: string;
  state: TrackerState;
  device: string | null;
}

/** A delta push (POST /sync/changes) as the route hands it over. */
export interface ChangesPush {
  key: string;
  /** sha256 of the request body (uncompressed): the same key with another body is refused. */
  requestHash: string;
  /** The device's cursor (cursorSchema), or null for everything. */
  since: string | null;
  /** The validated change set (a data file fragment). */
  changes: TrackerState;
  device: string | null;
}

/** The answer to a delta push, as JSON text. */
export interface StoredChanges {
  body: string;
  /** A retry of a key already answered: nothing was merged again. */
  replayed: boolean;
  report: ImportReport | null;
  /** The push stored a change (a backup revision may be due). */
  changed: boolean;
  /** Where a full answer's state came from (Server-Timing `full`); null for a delta. */
  full: FullSource | null;
}

/** What writing a backup revision did (SPEC §10: at most once a minute while changes arrive). */
export type BackupOutcome =
  | { kind: 'written'; revision: number }
  | { kind: 'up-to-date' }
  | { kind: 'too-soon'; waitMs: number };

/** The stored answer to a push; a retry with the same key gets these exact bytes. */
export interface StoredResponse {
  status: number;
  body: string;
  replayed: boolean;
  report: ImportReport | null;
}

/**
 * Everything the routes need from storage. Broken rules are thrown as DomainError
 * (codes from @mpt/shared); the HTTP edge picks the status.
 */
export interface Store {
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  listTypes(query: ListTypesQuery): Promise<TypeList>;
  getType(id: string): Promise<MiniatureType>;
  createType(body: CreateTypeBody): Promise<MiniatureType>;
  /** Edits the name and fields of SPEC §9 given; only what changes moves. */
  updateType(id: string, patch: TypePatch): Promise<MiniatureType>;
  deleteType(id: string): Promise<Tombstone>;
  changeCounts(id: string, change: CountChange): Promise<TypeChange>;
  history(id: string, query: HistoryQuery): Promise<HistoryPage>;
  /** Totals per army in models and points (SPEC §9). */
  listArmies(query: ListArmiesQuery): Promise<ArmyList>;
  /** The whole state, read in one consistent snapshot. */
  exportState(): Promise<TrackerState>;
  /** Merges a validated file state in one transaction (or only reports, on a dry run). */
  importState(file: TrackerState, dryRun: boolean): Promise<ImportReport>;
  /** The latest stored revision (0 when none) and the current state. */
  readSync(): Promise<{ revision: number; state: TrackerState }>;
  pushSync(push: SyncPush): Promise<StoredResponse>;
  /** Merges a change set in one transaction and answers what the device lacks. */
  pushChanges(push: ChangesPush): Promise<StoredChanges>;
  /** Stores the current state as a backup revision when changes came after the last one. */
  writeBackupRevision(): Promise<BackupOutcome>;
  listRevisions(): Promise<RevisionInfo[]>;
  /** The stored snapshot's JSON text, or null when that revision is not kept. */
  getRevision(revision: number): Promise<string | null>;
}
