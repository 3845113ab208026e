import { API_WRITER, emptyState, stateToDataFile, type TrackerState } from '@mpt/shared';
import { expect, it } from 'vitest';
import { createBackupScheduler } from '../http/backup-scheduler';
import { describeEachDatabase } from '../test-support/databases';
import { makeState } from '../test-support/fixtures';
import { useTestApp } from '../test-support/test-app';
import type { BackupOutcome } from './store';

const MINUTE = 60_000;
const T0 = Date.parse('2026-06-01T12:00:00.000Z');
let n = 0;

describeEachDatabase('backup revisions of delta pushes', (kind) => {
  let clock = T0;
  const t = useTestApp(kind, {}, { now: () => new Date(clock), snapshotKeep: 3 });
  const push = (state: TrackerState, device: string) =>
    t.call(
      'POST',
      '/api/v1/sync/changes',
      JSON.stringify({ since: null, changes: stateToDataFile(state, new Date(clock)) }),
      { 'idempotency-key': `backup-${++n}`, 'x-device': device },
    );
  const revisions = async () => (await t.call('GET', '/api/v1/sync/revisions')).body.items;

  it('none while nothing changed; then one, naming the devices whose changes it holds', async () => {
    expect(await t.store.writeBackupRevision()).toEqual({ kind: 'up-to-date' });
    await push(emptyState(), 'Idle tablet');
    expect(await t.store.writeBackupRevision()).toEqual({ kind: 'up-to-date' });
    await push(makeState(2, 3, 'Phone'), 'Phone');
    await push(makeState(1, 3, 'Desk'), 'Desktop');
    expect(await revisions()).toEqual([]); // pushes never write one themselves
    expect(await t.store.writeBackupRevision()).toEqual({ kind: 'written', revision: 1 });
    const [first] = await revisions();
    expect(first).toMatchObject({ revision: 1, device: 'Desktop, Phone', types: 3, events: 9 });
    expect(await t.store.writeBackupRevision()).toEqual({ kind: 'up-to-date' });
  });

  it('at most once a minute while changes arrive', async () => {
    clock += 10_000;
    await push(makeState(1, 2, 'Later'), 'Phone');
    expect(await t.store.writeBackupRevision()).toEqual({ kind: 'too-soon', waitMs: 50_000 });
    clock += 50_000;
    expect(await t.store.writeBackupRevision()).toEqual({ kind: 'written', revision: 2 });
    const stored = await t.call('GET', '/api/v1/sync/revisions/2');
    expect(stored.body.snapshot.types.map((x: { name: string }) => x.name)).toContain('Later 0');
    for (let i = 0; i < 3; i++) {
      clock += MINUTE;
      await push(makeState(1, 1, `Filler ${i}`), 'Phone');
      expect((await t.store.writeBackupRevision()).kind).toBe('written');
    }
    expect((await revisions()).map((r: { revision: number }) => r.revision)).toEqual([5, 4, 3]);
  });

  it('credits changes made through the API without X-Device to the API, not to the next device (review)', async () => {
    clock += MINUTE;
    const file = stateToDataFile(makeState(1, 2, 'Imported'), new Date(clock));
    expect((await t.call('POST', '/api/v1/import', JSON.stringify(file))).status).toBe(200);
    await push(makeState(1, 1, 'Synced'), 'Phone');
    expect(await t.store.writeBackupRevision()).toMatchObject({ kind: 'written' });
    const [both] = await revisions();
    expect(both.device).toBe(`${API_WRITER}, Phone`);
    clock += MINUTE;
    await t.call(
      'POST',
      '/api/v1/import',
      JSON.stringify(stateToDataFile(makeState(1, 1, 'More'), new Date(clock))),
    );
    expect(await t.store.writeBackupRevision()).toMatchObject({ kind: 'written' });
    expect((await revisions())[0].device).toBe(API_WRITER);
  });
});

it('the scheduler writes after a change, waits as long as the writer says, never twice at once', async () => {
  const timers: { fn: () => void; ms: number }[] = [];
  const outcomes: BackupOutcome[] = [
    { kind: 'written', revision: 1 },
    { kind: 'too-soon', waitMs: 42_000 },
    { kind: 'written', revision: 2 },
  ];
  let calls = 0;
  let release = () => {};
  const scheduler = createBackupScheduler(
    async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return outcomes[calls - 1] ?? { kind: 'up-to-date' };
    },
    () => {},
    { setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {} },
  );
  scheduler.noteChange();
  scheduler.noteChange(); // during the write: once more afterwards, not now
  expect(calls).toBe(1);
  release();
  await scheduler.idle();
  expect(calls).toBe(2);
  expect(timers.map((x) => x.ms)).toEqual([42_000]);
  scheduler.noteChange(); // a timer is waiting: it will do
  expect(calls).toBe(2);
  timers[0]!.fn();
  await scheduler.idle();
  expect(calls).toBe(3);
  scheduler.stop();
  scheduler.noteChange();
  expect(calls).toBe(3);
});
