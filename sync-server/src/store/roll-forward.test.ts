import { emptyState, stateToDataFile, type TrackerState } from '@mpt/shared';
import { worldArb } from '@mpt/shared/test-support/arbitraries';
import { counts, event, state, type, uid } from '@mpt/shared/test-support/builders';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { makeState } from '../test-support/fixtures';
import { useTestApp } from '../test-support/test-app';
import { type FullSource, rollForward } from './roll-forward';

describe('rollForward', () => {
  const a = uid(1);
  const b = uid(2);
  const base = state(
    [type({ id: a, name: 'Orks', counts: counts({ IN_BOX: 3 }) }), type({ id: b, name: 'Eldar' })],
    [
      event({ id: uid(11), type_id: a, to_stage: 'IN_BOX', qty: 3 }),
      event({ id: uid(12), type_id: b, to_stage: 'IN_BOX', qty: 1 }),
    ],
  );
  const live = (entries: [string, number, Partial<ReturnType<typeof counts>>][]) =>
    new Map(entries.map(([id, events, c]) => [id, { events, counts: counts(c) }]));

  it("drops a deleted type's record and history, and takes each type's counts from the store", () => {
    const rolled = rollForward(base, emptyState(), live([[a, 1, { IN_BOX: 2, DONE: 1 }]]));
    expect(rolled?.types.map((t) => [t.id, t.counts.DONE])).toEqual([[a, 1]]);
    expect(rolled?.events.map((e) => e.id)).toEqual([uid(11)]);
  });

  it('gives up when the store holds other events than the roll forward gives (an unnumbered change)', () => {
    expect(
      rollForward(
        base,
        emptyState(),
        live([
          [a, 0, {}],
          [b, 1, {}],
        ]),
      ),
    ).toBeNull();
    expect(
      rollForward(
        base,
        emptyState(),
        live([
          [a, 2, {}],
          [b, 1, {}],
        ]),
      ),
    ).toBeNull();
    // A type the store holds that neither the revision nor the changes know.
    expect(rollForward(base, emptyState(), live([[uid(3), 0, {}]]))).toBeNull();
  });

  it('moves an event the changes give under another type', () => {
    const moved = event({ id: uid(12), type_id: a, to_stage: 'IN_BOX', qty: 1 });
    const changes: TrackerState = { types: [], events: [moved], tombstones: [] };
    const rolled = rollForward(base, changes, live([[a, 2, { IN_BOX: 4 }]]));
    expect(rolled?.events.filter((e) => e.type_id === a)).toHaveLength(2);
  });
});

// The full answer to a new device, built from the newest backup revision and the changes
// after it, equals a fresh read of the whole state: for any mix of pushes from three
// replicas (folds, moves, deletions, undos), changes through the API and revisions
// written between them (SPEC §10).
describeEachDatabase(
  'a new device gets the state of now from a rolled-forward revision',
  (kind) => {
    let clock = Date.parse('2026-09-01T00:00:00.000Z');
    const t = useTestApp(kind, {}, { now: () => new Date(clock) });
    let n = 0;
    const push = (changes: TrackerState, device: string) =>
      t.call(
        'POST',
        '/api/v1/sync/changes',
        JSON.stringify({ since: null, changes: stateToDataFile(changes, new Date(clock)) }),
        { 'idempotency-key': `roll-forward-${++n}`, 'x-device': device },
      );
    const empty = () =>
      t.db.query(
        `TRUNCATE history_events, stage_counts, miniature_types, tombstones, snapshots,
         change_keys, change_log, top_level_fields`,
      );
    const liveIds = async () =>
      (await t.db.query<{ id: string }>('SELECT id FROM miniature_types ORDER BY id')).map((r) =>
        String(r.id),
      );
    /** A data file's text without its export time. */
    const bare = (file: Record<string, unknown>) => JSON.stringify({ ...file, exported_at: '' });
    /** The new device's answer and the export, both without their export time. */
    const newDeviceAndExport = async () => {
      const answer = await push(emptyState(), 'New phone');
      expect(answer.status).toBe(200);
      const source = /\bfull;desc="([^"]+)"/.exec(answer.headers.get('server-timing') ?? '')?.[1];
      const exported = (await t.call('GET', '/api/v1/export')).body;
      return { got: bare(answer.body.changes), want: bare(exported), source: source as FullSource };
    };
    const action = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('push'), replica: fc.nat(2) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('revision') }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete'), pick: fc.nat(9) }) },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('add'),
          pick: fc.nat(9),
          qty: fc.integer({ min: 1, max: 3 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename'), pick: fc.nat(9) }) },
    );

    it('equals a fresh read after every step', async () => {
      const seen: Record<FullSource, number> = { revision: 0, 'rolled-forward': 0, read: 0 };
      let backups = 0;
      await fc.assert(
        fc.asyncProperty(
          worldArb(),
          fc.array(action, { minLength: 3, maxLength: 10 }),
          async (world, actions) => {
            await empty();
            for (const step of actions) {
              clock += 61_000; // past the backup interval, so every revision asked for is written
              const ids = await liveIds();
              const picked = 'pick' in step ? ids[step.pick % Math.max(ids.length, 1)] : undefined;
              if (step.kind === 'push') {
                expect(
                  (await push(world.replicas[step.replica]!, `Replica ${step.replica}`)).status,
                ).toBe(200);
              } else if (step.kind === 'revision') {
                const written = await t.store.writeBackupRevision();
                // The backup is rolled forward too: it must hold the state of now.
                if (written.kind === 'written') {
                  const stored = await t.call('GET', `/api/v1/sync/revisions/${written.revision}`);
                  const now = (await t.call('GET', '/api/v1/export')).body;
                  expect(bare(stored.body.snapshot)).toBe(bare(now));
                  backups++;
                }
              } else if (picked === undefined) {
                continue;
              } else if (step.kind === 'delete') {
                await t.store.deleteType(picked);
              } else if (step.kind === 'add') {
                await t.store.changeCounts(picked, { op: 'add', stage: 'IN_BOX', qty: step.qty });
              } else {
                // A name another type holds is refused, which is a step too.
                await t.store.updateType(picked, { name: `Renamed ${n}` }).catch(() => {});
              }
              const { got, want, source } = await newDeviceAndExport();
              expect(got).toBe(want);
              seen[source]++;
            }
          },
        ),
        { numRuns: 60 },
      );
      // The property covered the roll forward, not only the two other ways.
      expect(seen['rolled-forward']).toBeGreaterThan(20);
      expect(seen.revision).toBeGreaterThan(5);
      expect(backups).toBeGreaterThan(20);
    }, 300_000);

    it('reads the whole state when a change left no number (an event of the revision deleted by hand)', async () => {
      await empty();
      clock += 61_000;
      await push(makeState(3, 4, 'By hand'), 'Phone');
      expect(await t.store.writeBackupRevision()).toMatchObject({ kind: 'written' });
      clock += 61_000;
      const [first] = await liveIds();
      await t.store.changeCounts(first!, { op: 'add', stage: 'IN_BOX', qty: 1 });
      expect((await newDeviceAndExport()).source).toBe('rolled-forward');
      await t.db.query(
        `DELETE FROM history_events WHERE id =
         (SELECT id FROM history_events ORDER BY created_at, id LIMIT 1)`,
      );
      const { got, want, source } = await newDeviceAndExport();
      expect(source).toBe('read');
      expect(got).toBe(want);
    });
  },
);
