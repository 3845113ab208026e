import { readDataFile, stateToDataFile, type TrackerState } from '@mpt/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { moveModels } from './events';
import { mergeIntoLocal, mergeIntoLocalTracked } from './merge';
import { getLocalChangeSeq } from './meta';
import { listRestorePoints } from './restore-points';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType } from './types';

let db: TrackerDb;
let remote: TrackerDb;
afterEach(async () => {
  await db?.delete();
  await remote?.delete();
});

const sorted = (s: TrackerState) => ({
  types: [...s.types].sort((a, b) => a.id.localeCompare(b.id)),
  events: [...s.events].sort((a, b) => a.id.localeCompare(b.id)),
  tombstones: [...s.tombstones].sort((a, b) => a.id.localeCompare(b.id)),
});

describe('mergeIntoLocal', () => {
  it('a dry run reports and writes nothing', async () => {
    db = freshDb();
    remote = freshDb();
    await createType(db, { name: 'Orks', counts: { IN_BOX: 2 } });
    await createType(remote, { name: 'orks', counts: { IN_BOX: 3 } });
    await createType(remote, { name: 'Eldar', counts: { DONE: 1 } });
    const before = await readState(db);
    const report = await mergeIntoLocal(db, await readState(remote), {
      dryRun: true,
      reason: 'import',
    });
    expect(report).toMatchObject({
      types_created: 1,
      types_merged: 1,
      events_added: 2,
      dry_run: true,
    });
    expect(sorted(await readState(db))).toEqual(sorted(before));
    expect(await listRestorePoints(db)).toEqual([]);
  });

  it('merges by name, keeps a restore point of the previous state and keeps local writes', async () => {
    db = freshDb();
    remote = freshDb();
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 2 } });
    await createType(remote, { name: 'ORKS', counts: { IN_BOX: 3 } });
    const incoming = await readState(remote);
    await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 1 }); // made "meanwhile"
    const seq = await getLocalChangeSeq(db);
    const report = await mergeIntoLocal(db, incoming, { dryRun: false, reason: 'import' });
    expect(report.types_merged).toBe(1);
    const state = await readState(db);
    expect(state.types).toHaveLength(1);
    expect(state.types[0]!.counts).toMatchObject({ IN_BOX: 4, DONE: 1 });
    expect(state.tombstones).toHaveLength(1);
    const points = await listRestorePoints(db);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ reason: 'import', types: 1, events: 2 });
    expect(await getLocalChangeSeq(db)).toBe(seq + 1);
  });

  it('a merge that changes nothing takes no restore point; a sync does not count as local', async () => {
    db = freshDb();
    await createType(db, { name: 'Orks', counts: { IN_BOX: 2 } });
    const seq = await getLocalChangeSeq(db);
    await mergeIntoLocal(db, await readState(db), { dryRun: false, reason: 'sync' });
    expect(await listRestorePoints(db)).toEqual([]);
    expect(await getLocalChangeSeq(db)).toBe(seq);
  });

  it('an import into an empty device keeps no restore point of nothing, and says none was kept', async () => {
    db = freshDb();
    remote = freshDb();
    await createType(remote, { name: 'Orks', counts: { IN_BOX: 3 } });
    const steps: string[] = [];
    const first = await mergeIntoLocalTracked(db, await readState(remote), {
      dryRun: false,
      reason: 'import',
      onProgress: (p) => steps.push(p.step),
    });
    expect(first.report.types_created).toBe(1);
    expect(first.pointKept).toBe(false);
    expect(steps).not.toContain('restore-point');
    expect(await listRestorePoints(db)).toEqual([]);
    // Once the device holds data, the next import keeps it first.
    await createType(remote, { name: 'Tau' });
    const next = await mergeIntoLocalTracked(db, await readState(remote), {
      dryRun: false,
      reason: 'import',
    });
    expect(next.pointKept).toBe(true);
    expect(await listRestorePoints(db)).toMatchObject([{ reason: 'import', types: 1 }]);
  });

  it('the stored state equals shared’s merge, and re-importing the same file adds nothing', async () => {
    db = freshDb();
    remote = freshDb();
    await createType(db, { name: 'A', counts: { IN_BOX: 1 } });
    const b = await createType(remote, { name: 'B', counts: { IN_BOX: 5 } });
    await moveModels(remote, { typeId: b.id, from: 'IN_BOX', to: 'PAINTING', qty: 2 });
    const file = readDataFile(
      JSON.parse(JSON.stringify(stateToDataFile(await readState(remote), new Date()))),
    );
    if (!file.ok) throw new Error(file.code);
    await mergeIntoLocal(db, file.value, { dryRun: false, reason: 'import' });
    const once = await readState(db);
    const again = await mergeIntoLocal(db, file.value, { dryRun: false, reason: 'import' });
    expect(again.events_added).toBe(0);
    expect(sorted(await readState(db))).toEqual(sorted(once));
    expect(once.types.find((t) => t.name === 'B')!.counts).toMatchObject({
      IN_BOX: 3,
      PAINTING: 2,
    });
  });

  it('an inconsistent file (a reused event id) is rejected and changes nothing', async () => {
    db = freshDb();
    await createType(db, { name: 'A', counts: { IN_BOX: 1 } });
    const before = await readState(db);
    const bad: TrackerState = structuredClone(before);
    bad.events[0]!.qty = 7;
    await expect(
      mergeIntoLocal(db, bad, { dryRun: false, reason: 'import' }),
    ).rejects.toMatchObject({
      code: 'ERR_IMPORT_INCONSISTENT',
    });
    expect(sorted(await readState(db))).toEqual(sorted(before));
    expect(await listRestorePoints(db)).toEqual([]);
  });

  // Issue 8, item 11b: Cancel must really cancel.
  it('aborting while rows are written rolls everything back; progress is reported', async () => {
    db = freshDb();
    remote = freshDb();
    await createType(db, { name: 'Mine', counts: { IN_BOX: 1 } });
    for (let i = 0; i < 12; i++) await createType(remote, { name: `T${i}`, counts: { DONE: 1 } });
    const before = await readState(db);
    const seq = await getLocalChangeSeq(db);
    const abort = new AbortController();
    const seen: string[] = [];
    const merging = mergeIntoLocal(db, await readState(remote), {
      dryRun: false,
      reason: 'import',
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p.step === 'writing' ? `writing ${p.done}/${p.total}` : p.step);
        if (p.step === 'writing') abort.abort();
      },
    });
    await expect(merging).rejects.toBeTruthy();
    expect(seen).toEqual(['reading', 'merging', 'restore-point', 'writing 12/24']);
    expect(sorted(await readState(db))).toEqual(sorted(before));
    expect(await listRestorePoints(db)).toEqual([]);
    expect(await getLocalChangeSeq(db)).toBe(seq);
  });

  // Issue 8, item 1: a file with upper-case ids, then the server's lower-case copy of
  // the same data: 8 In box + 2 Priming stay 8 + 2 (they became 16 + 4).
  it('an upper-case copy and a lower-case copy of one file are the same data', async () => {
    db = freshDb();
    remote = freshDb();
    const t = await createType(remote, { name: 'Boyz', counts: { IN_BOX: 10 } });
    await moveModels(remote, { typeId: t.id, from: 'IN_BOX', to: 'PRIMING', qty: 2 });
    const text = JSON.stringify(stateToDataFile(await readState(remote), new Date()));
    const upper = text.replace(/"([0-9a-f-]{36})"/g, (_, id: string) => `"${id.toUpperCase()}"`);
    expect(upper).not.toBe(text);
    for (const copy of [upper, text]) {
      const file = readDataFile(JSON.parse(copy));
      if (!file.ok) throw new Error(file.code);
      await mergeIntoLocal(db, file.value, { dryRun: false, reason: 'import' });
    }
    const state = await readState(db);
    expect(state.types.map((x) => [x.id, x.counts.IN_BOX, x.counts.PRIMING])).toEqual([
      [t.id, 8, 2],
    ]);
    expect(state.events).toHaveLength(2);
  });
});
