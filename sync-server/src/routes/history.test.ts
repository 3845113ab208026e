import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { useTestApp } from '../test-support/test-app';

describeEachDatabase('history route', (kind) => {
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const t = useTestApp(kind, {}, { now: () => new Date(clock) });

  it('groups the same move within 300 s, newest first by default, paginated', async () => {
    const { body: type } = await t.call('POST', '/api/v1/types', {
      name: 'Grouped',
      counts: { IN_BOX: 10 },
    });
    const move = { from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 1 };
    const base = `/api/v1/types/${type.id}`;
    clock += 1000;
    await t.call('POST', `${base}/move`, move);
    clock += 299_000; // joins
    await t.call('POST', `${base}/move`, move);
    clock += 300_000; // does not join
    await t.call('POST', `${base}/move`, move);
    clock += 1000;
    await t.call('POST', `${base}/remove`, { stage: 'IN_BOX', qty: 2 });

    const desc = await t.call('GET', `${base}/history`);
    expect(desc.status).toBe(200);
    expect(desc.body.total).toBe(4);
    expect(desc.body.items.map((g: { qty: number; events: number }) => [g.qty, g.events])).toEqual([
      [2, 1],
      [1, 1],
      [2, 2],
      [10, 1],
    ]);
    expect(desc.body.items[2].last_at > desc.body.items[2].created_at).toBe(true);
    const asc = await t.call('GET', `${base}/history?order=asc&limit=2&offset=1`);
    expect(asc.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(asc.body.items.map((g: { qty: number }) => g.qty)).toEqual([2, 1]);
  });

  it('404 for an unknown type, 400 for a bad query', async () => {
    const missing = await t.call(
      'GET',
      '/api/v1/types/00000000-0000-4000-8000-000000000000/history',
    );
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ERR_TYPE_NOT_FOUND']);
    const { body: list } = await t.call('GET', '/api/v1/types');
    const id = list.items[0].id;
    for (const q of ['order=newest', 'limit=0', 'offset=x']) {
      const bad = await t.call('GET', `/api/v1/types/${id}/history?${q}`);
      expect([bad.status, bad.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
    }
  });
});
