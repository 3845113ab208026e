import { type DataFile, readDataFile, replay, STAGES, type Stage } from '@mpt/shared';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { orphanEvents, useTestApp } from '../test-support/test-app';

/** Every type's counts equal the replay of its history, and none is negative. */
function expectConsistent(file: DataFile) {
  const state = readDataFile(file);
  expect(state.ok, JSON.stringify(state.ok ? null : state.details)).toBe(true);
  for (const type of file.types) {
    expect(type.counts).toEqual(replay(type.history).counts);
    for (const s of STAGES) expect(type.counts[s]).toBeGreaterThanOrEqual(0);
  }
}

describeEachDatabase('concurrency', (kind) => {
  const t = useTestApp(kind);

  it('50 parallel moves of 1 from a count of 20: exactly 20 succeed', async () => {
    const { body: type } = await t.call('POST', '/api/v1/types', {
      name: 'Race',
      counts: { IN_BOX: 20 },
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.call('POST', `/api/v1/types/${type.id}/move`, {
          from_stage: 'IN_BOX',
          to_stage: 'BUILDING',
          qty: 1,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.body.error?.code === 'ERR_INSUFFICIENT_QTY');
    expect([ok.length, refused.length]).toEqual([20, 30]);
    const after = await t.call('GET', `/api/v1/types/${type.id}`);
    expect(after.body.counts).toEqual({
      IN_BOX: 0,
      BUILDING: 20,
      PRIMING: 0,
      PAINTING: 0,
      DONE: 0,
    });
    const history = await t.call('GET', `/api/v1/types/${type.id}/history?order=asc`);
    expect(history.body.items.reduce((n: number, g: { events: number }) => n + g.events, 0)).toBe(
      21,
    );
  });

  it('concurrent pushes and moves: counts always equal the replay, never negative', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.call('POST', '/api/v1/types', {
        name: `Mixed ${i}`,
        counts: { IN_BOX: 30 },
      });
      ids.push(res.body.id);
    }
    const base = (await t.call('GET', '/api/v1/sync')).body.snapshot as DataFile;
    // Each "device" spends models from IN_BOX of every type in its own snapshot copy.
    const deviceSnapshot = (d: number): DataFile => {
      const file = structuredClone(base);
      for (const type of file.types) {
        if (!ids.includes(type.id)) continue;
        for (let k = 0; k < 5; k++) {
          type.history.push({
            id: `0000000${d}-0000-4000-8000-${String(k).padStart(4, '0')}${type.id.slice(-8)}`,
            from_stage: 'IN_BOX',
            to_stage: 'PRIMING',
            qty: 2,
            created_at: new Date(Date.now() + d * 1000 + k).toISOString(),
          });
        }
        type.counts = replay(type.history).counts;
      }
      return file;
    };
    const stages: Stage[] = ['IN_BOX', 'BUILDING'];
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const id = ids[i % ids.length]!;
      work.push(
        t.call('POST', `/api/v1/types/${id}/move`, {
          from_stage: stages[i % 2],
          to_stage: 'DONE',
          qty: 1,
        }),
      );
      if (i % 10 === 0) {
        const d = i / 10;
        work.push(
          t
            .call('POST', '/api/v1/sync', JSON.stringify({ snapshot: deviceSnapshot(d) }), {
              'idempotency-key': `mixed-${kind.name}-${d}`,
            })
            .then((r) => {
              expect(r.status).toBe(200);
              expectConsistent(r.body.snapshot);
            }),
        );
        work.push(t.call('GET', '/api/v1/sync').then((r) => expectConsistent(r.body.snapshot)));
      }
    }
    await Promise.all(work);
    const final = (await t.call('GET', '/api/v1/export')).body as DataFile;
    expectConsistent(final);
    expect(await orphanEvents(t)).toBe(0);
    for (const id of ids) {
      const type = final.types.find((x) => x.id === id)!;
      // 30 models in, none created or lost by the interleaving.
      const total = STAGES.reduce((n, s) => n + type.counts[s], 0);
      expect(total).toBe(30);
    }
  });

  it.skipIf(kind.name === 'pglite')(
    'a locked type does not block moves on another type',
    async () => {
      const a = (await t.call('POST', '/api/v1/types', { name: 'Locked A', counts: { IN_BOX: 5 } }))
        .body;
      const b = (await t.call('POST', '/api/v1/types', { name: 'Free B', counts: { IN_BOX: 5 } }))
        .body;
      const schema = (await t.db.query<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
      const holder = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await holder.connect();
      await holder.query(`SET search_path = ${schema}`);
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM miniature_types WHERE id = $1 FOR UPDATE', [a.id]);
      const move = { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1 };
      let aDone = false;
      const onA = t.call('POST', `/api/v1/types/${a.id}/move`, move).then((r) => {
        aDone = true;
        return r;
      });
      const onB = await t.call('POST', `/api/v1/types/${b.id}/move`, move);
      expect(onB.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(aDone).toBe(false); // still waiting for the row lock
      await holder.query('COMMIT');
      await holder.end();
      expect((await onA).status).toBe(200);
    },
  );
});
