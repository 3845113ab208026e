import { readChanges, unwrap } from '@mpt/shared';
import { describe, expect, it } from 'vitest';
import { moveModels } from '../db/events';
import { readState } from '../db/state-io';
import { createType } from '../db/types';
import { completeAttempt, prepareAttempt, type SyncPhase } from './attempt';
import { dexieReplica } from './local-replica';
import { memoryClient } from './memory-client';
import { deviceDatabases } from './test-devices';

const URL = 'http://sync.test';
const newDb = deviceDatabases();
function device() {
  const db = newDb();
  return { db, local: dexieReplica(db) };
}
let n = 0;
const key = () => `key-${++n}`;

describe('sync attempt (delta protocol)', () => {
  it('a device without a cursor sends everything, gzip when large, and keeps the cursor', async () => {
    const server = memoryClient();
    const { db, local } = device();
    for (let i = 0; i < 20; i++) await createType(db, { name: `Type ${i}`, counts: { IN_BOX: 3 } });
    const first = await prepareAttempt(local, URL, key);
    expect(first).toMatchObject({ since: null, gzip: true, records: 40, seq: 20 });
    expect(first.bytes).toBeLessThan(first.records * 100);
    const phases: SyncPhase['phase'][] = [];
    const outcome = await completeAttempt(server, local, first, 'Test', (p) =>
      phases.push(p.phase),
    );
    expect(outcome).toMatchObject({ pushedSeq: 20, conflicts: [], eventsAdded: 0 });
    expect(server.hub.server.events).toHaveLength(20);
    expect(phases).toEqual(['uploading', 'merging']);
    // The outbox is settled: nothing new means an empty change set and a small body.
    const second = await prepareAttempt(local, URL, key);
    expect(second).toMatchObject({ since: outcome.cursor, gzip: false, records: 0 });
    expect(second.bytes).toBeLessThan(250);
  });

  it('with a cursor sends only what changed: one move is its type and its event', async () => {
    const server = memoryClient();
    const { db, local } = device();
    const orks = await createType(db, { name: 'Orks', counts: { IN_BOX: 3 } });
    await createType(db, { name: 'Eldar', counts: { DONE: 1 } });
    await completeAttempt(server, local, await prepareAttempt(local, URL, key), 'Test');
    const moved = await moveModels(db, { typeId: orks.id, from: 'IN_BOX', to: 'DONE', qty: 1 });
    const attempt = await prepareAttempt(local, URL, key);
    const sent = JSON.parse(String(attempt.body));
    const changes = unwrap(readChanges(sent.changes));
    expect(changes.types.map((t) => t.name)).toEqual(['Orks']);
    expect(changes.events).toEqual([moved.event]);
    await completeAttempt(server, local, attempt, 'Test');
    expect(server.hub.server.types.find((t) => t.id === orks.id)?.counts.DONE).toBe(1);
  });

  it('merges what others sent, keeping a write made while the answer was on its way', async () => {
    const server = memoryClient();
    const a = device();
    const b = device();
    const orks = await createType(a.db, { name: 'Orks', counts: { IN_BOX: 4 } });
    await completeAttempt(server, a.local, await prepareAttempt(a.local, URL, key), 'A');
    const attemptB = await prepareAttempt(b.local, URL, key);
    await createType(b.db, { name: 'Tau', counts: { PRIMING: 2 } }); // after the read
    await completeAttempt(server, b.local, attemptB, 'B');
    const stateB = await readState(b.db);
    expect(stateB.types.map((t) => t.name).sort()).toEqual(['Orks', 'Tau']);
    expect(stateB.types.find((t) => t.id === orks.id)?.counts.IN_BOX).toBe(4);
    // Tau was written after the push was read: it goes out with the next one.
    const next = await prepareAttempt(b.local, URL, key);
    expect(next.records).toBe(2);
  });

  it('refuses a broken answer with the import code, changing nothing', async () => {
    const { db, local } = device();
    await createType(db, { name: 'Orks' });
    const attempt = await prepareAttempt(local, URL, key);
    const broken = memoryClient();
    const real = broken.pushChanges;
    broken.pushChanges = async (req) => ({ ...(await real(req)), changes: { format: 'nope' } });
    await expect(completeAttempt(broken, local, attempt, 'Test')).rejects.toMatchObject({
      code: 'ERR_IMPORT_INVALID',
      retryable: false,
    });
    // Nothing was settled: the next attempt still sends everything.
    expect((await prepareAttempt(local, URL, key)).since).toBeNull();
  });

  it('what the server refuses for the clock stays to be sent again', async () => {
    const server = memoryClient(() => new Date('2026-01-01T00:00:00.000Z'));
    const { db, local } = device();
    await createType(
      db,
      { name: 'Orks', counts: { IN_BOX: 1 } },
      new Date('2026-01-05T00:00:00.000Z'),
    );
    const outcome = await completeAttempt(
      server,
      local,
      await prepareAttempt(local, URL, key),
      'T',
    );
    expect(outcome.refused?.type_ids).toHaveLength(1);
    expect(outcome.skewMs).toBeGreaterThan(24 * 60 * 60_000);
    expect(server.hub.server.types).toEqual([]);
    const again = await prepareAttempt(local, URL, key);
    expect(again.records).toBe(2); // the type and its add, once more
  });
});
