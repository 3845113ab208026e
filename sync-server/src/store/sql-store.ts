import { randomUUID } from 'node:crypto';
import type { Database } from './database';
import { pushChanges } from './sql-changes';
import { listArmies, listTypes } from './sql-lists';
import {
  exportState,
  getRevision,
  importState,
  listRevisions,
  pushSync,
  readSync,
  writeBackupRevision,
} from './sql-sync';
import {
  changeCounts,
  createType,
  deleteType,
  readType,
  typeHistory,
  updateType,
} from './sql-types';
import type { Store } from './store';

export interface SqlStoreOptions {
  newId?: () => string;
  now?: () => Date;
  snapshotKeep?: number;
  idempotencyTtlMs?: number;
  idempotencyHoldMs?: number;
  backupIntervalMs?: number;
}

/** The one Store implementation: the same SQL over pg or PGlite. */
export function createSqlStore(db: Database, options: SqlStoreOptions = {}): Store {
  const clock = { newId: options.newId ?? randomUUID, now: options.now ?? (() => new Date()) };
  const sync = {
    now: clock.now,
    snapshotKeep: options.snapshotKeep ?? 20,
    idempotencyTtlMs: options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000,
    idempotencyHoldMs: options.idempotencyHoldMs ?? 15 * 60 * 1000,
    backupIntervalMs: options.backupIntervalMs ?? 60 * 1000,
  };
  return {
    ping: () => db.ping(),
    listTypes: (query) => listTypes(db, query),
    getType: (id) => readType(db, id),
    createType: (body) => createType(db, clock, body),
    updateType: (id, patch) => updateType(db, clock, id, patch),
    deleteType: (id) => deleteType(db, clock, id),
    changeCounts: (id, change) => changeCounts(db, clock, id, change),
    history: (id, query) => typeHistory(db, id, query),
    listArmies: (query) => listArmies(db, query),
    exportState: () => exportState(db),
    importState: (file, dryRun) => importState(db, file, dryRun),
    readSync: () => readSync(db),
    pushSync: (push) => pushSync(db, sync, push),
    pushChanges: (push) => pushChanges(db, sync, push),
    writeBackupRevision: () => writeBackupRevision(db, sync),
    listRevisions: () => listRevisions(db),
    getRevision: (revision) => getRevision(db, revision),
  };
}
