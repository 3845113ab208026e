import {
  emptyState,
  type ImportReport,
  planCreateType,
  stateToDataFile,
  type TrackerState,
  unwrap,
} from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { completeAttempt, type LocalReplica, prepareAttempt, sameAsPushed } from './attempt';
import type { SyncClient } from './client';

const REPORT: ImportReport = {
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

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function stateWith(name: string): TrackerState {
  const created = unwrap(
    planCreateType(
      { name, counts: { IN_BOX: 3 } },
      { typeId: id(), now: '2026-11-20T10:00:00.000Z', newEventId: id },
      () => false,
    ),
  );
  return { types: [created.type], events: created.events, tombstones: [] };
}

function replica(state: TrackerState) {
  const merged: TrackerState[] = [];
  const local: LocalReplica = {
    changeSeq: async () => 4,
    readState: async () => state,
    merge: async (incoming) => {
      merged.push(incoming);
      return REPORT;
    },
  };
  return { local, merged };
}

const answering = (snapshot: unknown): SyncClient => ({
  push: async () => ({ revision: 7, report: REPORT, snapshot, bytes: 10 }),
  pull: async () => {
    throw new Error('unused');
  },
  checkConnection: async () => ({ revision: 7 }),
});

describe('sync attempt', () => {
  it('freezes the snapshot, its seq and a fresh key', async () => {
    const state = stateWith('Orks');
    const { local } = replica(state);
    const attempt = await prepareAttempt(
      local,
      () => 'key-1',
      new Date('2026-11-23T10:00:00.000Z'),
    );
    expect(attempt).toMatchObject({ key: 'key-1', seq: 4, exportedAt: '2026-11-23T10:00:00.000Z' });
    expect(JSON.parse(attempt.body)).toEqual({
      snapshot: stateToDataFile(state, '2026-11-23T10:00:00.000Z'),
    });
    expect(attempt.bytes).toBe(new TextEncoder().encode(attempt.body).length);
  });

  it('skips validation and merge when the server answers with exactly what was pushed', async () => {
    const state = stateWith('Orks');
    const { local, merged } = replica(state);
    const attempt = await prepareAttempt(local, () => 'k');
    const echo = stateToDataFile(state, '2030-01-01T00:00:00.000Z');
    expect(sameAsPushed(attempt, echo)).toBe(true);
    const phases: string[] = [];
    const outcome = await completeAttempt(answering(echo), local, attempt, (p) =>
      phases.push(p.phase),
    );
    expect(outcome).toMatchObject({ revision: 7, pushedSeq: 4, eventsAdded: 0 });
    expect(merged).toEqual([]);
    expect(phases).not.toContain('merging');
  });

  it('validates and merges an answer that differs from what was pushed', async () => {
    const mine = stateWith('Orks');
    const theirs = stateWith('Eldar');
    const { local, merged } = replica(mine);
    const attempt = await prepareAttempt(local, () => 'k');
    const answer = stateToDataFile(
      {
        types: [...mine.types, ...theirs.types],
        events: [...mine.events, ...theirs.events],
        tombstones: [],
      },
      '2030-01-01T00:00:00.000Z',
    );
    expect(sameAsPushed(attempt, answer)).toBe(false);
    const phases: string[] = [];
    await completeAttempt(answering(answer), local, attempt, (p) => phases.push(p.phase));
    expect(merged).toHaveLength(1);
    expect(merged[0]!.types.map((t) => t.name).sort()).toEqual(['Eldar', 'Orks']);
    expect(phases).toEqual(['uploading', 'merging']);
  });

  it('refuses an invalid snapshot from the server with the import code', async () => {
    const { local, merged } = replica(emptyState());
    const attempt = await prepareAttempt(local, () => 'k');
    const broken = { ...stateToDataFile(emptyState(), '2030-01-01T00:00:00.000Z'), version: 9 };
    await expect(completeAttempt(answering(broken), local, attempt)).rejects.toMatchObject({
      code: 'ERR_IMPORT_UNSUPPORTED_VERSION',
      retryable: false,
    });
    expect(merged).toEqual([]);
  });
});
