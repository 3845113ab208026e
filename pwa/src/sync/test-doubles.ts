import {
  type CorrectionSummary,
  emptyState,
  type ImportReport,
  noCorrections,
  type TrackerState,
} from '@mpt/shared';
import type { LocalReplica } from './attempt';
import type { KeyValueStore } from './store';

/** A merge report with nothing in it. */
export const EMPTY_REPORT: ImportReport = {
  types_created: 0,
  types_merged: 0,
  events_added: 0,
  events_skipped: 0,
  conflicts: [],
  types_deleted: [],
  types_folded: [],
  changed: false,
  dry_run: false,
};

/** What a restore on every device records when there is nothing to correct. */
export const NO_CORRECTIONS: CorrectionSummary = noCorrections();

/** An empty data file fragment. */
export const EMPTY_FILE = {
  format: 'miniatures-tracker',
  version: 1,
  exported_at: '2026-11-23T10:00:00.000Z',
  types: [],
  tombstones: [],
};

/** The server's answer to POST /sync/changes with nothing new, the server clock now. */
export const changesAnswer = (patch: Record<string, unknown> = {}) => ({
  cursor: '3f0c2a5e-8d1b-4c6e-9a7f-1b2c3d4e5f60:1',
  server_time: new Date().toISOString(),
  full: false,
  changes: EMPTY_FILE,
  report: EMPTY_REPORT,
  refused: null,
  ...patch,
});

/** A replica with nothing in it and nothing to send; `seq` is its change counter. */
export function stubReplica(refused: TrackerState = emptyState()): LocalReplica & { seq: number } {
  const local = {
    seq: 0,
    changeSeq: async () => local.seq,
    readOutgoing: async () => ({
      seq: local.seq,
      since: null,
      changes: emptyState(),
      upTo: 0,
      everything: true,
    }),
    applyChanges: async () => ({
      ...EMPTY_REPORT,
      heldBefore: new Set<string>(),
      droppedBefore: new Set<string>(),
    }),
    redate: async () => ({ changed: 0, conflicts: [] }),
    readRefused: async () => refused,
    alreadySetAside: async () => new Set<string>(),
    sameStepTwins: async () => new Map<string, string>(),
    possibleDoubles: async () => [],
  };
  return local;
}

/** A Map behind the localStorage interface. */
export function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** A JSON response. */
export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
