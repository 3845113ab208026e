import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { orphanEvents, useTestApp } from '../test-support/test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

describeEachDatabase('types routes', (kind) => {
  const t = useTestApp(kind);
  const create = (name: string, counts?: Record<string, number>) =>
    t.call('POST', '/api/v1/types', counts ? { name, counts } : { name });

  it('creates a type with normalized name and initial counts (201)', async () => {
    const res = await create('  Space   Marine Intercessors ', { IN_BOX: 10, DONE: 2 });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Space Marine Intercessors');
    expect(res.body.counts).toEqual({ IN_BOX: 10, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 2 });
    const read = await t.call('GET', `/api/v1/types/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('rejects invalid and taken names', async () => {
    expect((await create('   ')).body.error.code).toBe('ERR_NAME_INVALID');
    expect((await create('x'.repeat(121))).status).toBe(400);
    const taken = await create('SPACE marine   intercessors');
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ERR_NAME_TAKEN');
    const bad = await t.call('POST', '/api/v1/types', { name: 1 });
    expect(bad.body.error.code).toBe('ERR_NAME_INVALID');
  });

  it('rejects bad bodies with the specific code', async () => {
    const stage = await create('Stage test', { PAINTED: 1 } as Record<string, number>);
    expect([stage.status, stage.body.error.code]).toEqual([400, 'ERR_INVALID_STAGE']);
    const qty = await create('Qty test', { IN_BOX: -1 });
    expect([qty.status, qty.body.error.code]).toEqual([400, 'ERR_INVALID_QTY']);
    const extra = await t.call('POST', '/api/v1/types', { name: 'Extra', colour: 'red' });
    expect([extra.status, extra.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
    const malformed = await t.call('POST', '/api/v1/types', '{"name":');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
    expect(malformed.body.error.message).toEqual(expect.any(String));
    expect(malformed.body.error.details).toEqual(expect.any(Object));
  });

  it('lists A–Z case-insensitively, filters by substring and paginates', async () => {
    for (const name of ['ork boyz', 'Aeldari Rangers', 'Necron Warriors', 'Ork Nobz']) {
      expect((await create(name)).status).toBe(201);
    }
    const all = await t.call('GET', '/api/v1/types?limit=500');
    const names = all.body.items.map((x: { name: string }) => x.name);
    expect(names).toEqual([
      'Aeldari Rangers',
      'Necron Warriors',
      'ork boyz',
      'Ork Nobz',
      'Space Marine Intercessors',
    ]);
    expect(all.body.total).toBe(5);
    const orks = await t.call('GET', '/api/v1/types?q=ORK');
    expect(orks.body.items.map((x: { name: string }) => x.name)).toEqual(['ork boyz', 'Ork Nobz']);
    expect(orks.body.total).toBe(2);
    const page = await t.call('GET', '/api/v1/types?limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.body.items.map((x: { name: string }) => x.name)).toEqual(['ork boyz', 'Ork Nobz']);
    const past = await t.call('GET', '/api/v1/types?offset=50');
    expect(past.body).toMatchObject({ items: [], total: 5 });
    for (const q of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc']) {
      const bad = await t.call('GET', `/api/v1/types?${q}`);
      expect([bad.status, bad.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
    }
  });

  it('lists A–Z as the app does: Ё beside Е, accents beside their letter, numbers by value (newcomer review)', async () => {
    const armies: Record<string, string> = {
      Яблоки: 'Ящеры',
      Ёлки: 'Ёжики',
      Ели: 'Еноты',
      Éclair: 'Éclaireurs',
      'Squad 10': 'Zulus',
      'Squad 2': 'Eagles',
      '🐉 Драконы': 'Драконы',
    };
    for (const [name, army] of Object.entries(armies)) {
      expect((await t.call('POST', '/api/v1/types', { name, army })).status).toBe(201);
    }
    const listed = (await t.call('GET', '/api/v1/types?limit=500')).body.items
      .map((x: { name: string }) => x.name)
      .filter((name: string) => name in armies);
    expect(listed).toEqual([
      'Éclair',
      'Squad 2',
      'Squad 10',
      '🐉 Драконы',
      'Ели',
      'Ёлки',
      'Яблоки',
    ]);
    // Sorted by another measure, ties keep the same A–Z.
    const ties = (await t.call('GET', '/api/v1/types?limit=500&sort=in_box')).body.items
      .map((x: { name: string }) => x.name)
      .filter((name: string) => name in armies);
    expect(ties).toEqual(listed);
    const armyNames = (await t.call('GET', '/api/v1/armies')).body.items
      .map((a: { army: string | null }) => a.army)
      .filter((a: string | null) => a !== null && Object.values(armies).includes(a));
    expect(armyNames).toEqual([
      'Eagles',
      'Éclaireurs',
      'Zulus',
      'Драконы',
      'Ёжики',
      'Еноты',
      'Ящеры',
    ]);
  });

  it('reads, renames and deletes; 404 for unknown ids, 400 for malformed ids', async () => {
    const { body: type } = await create('Rename me');
    const renamed = await t.call('PATCH', `/api/v1/types/${type.id}`, { name: 'Renamed  one' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed one');
    expect(renamed.body.name_updated_at >= type.name_updated_at).toBe(true);
    const recase = await t.call('PATCH', `/api/v1/types/${type.id}`, { name: 'RENAMED ONE' });
    expect(recase.status).toBe(200);
    const clash = await t.call('PATCH', `/api/v1/types/${type.id}`, { name: 'ork BOYZ' });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'ERR_NAME_TAKEN']);
    const invalid = await t.call('PATCH', `/api/v1/types/${type.id}`, { name: '' });
    expect(invalid.body.error.code).toBe('ERR_NAME_INVALID');
    expect((await t.call('PATCH', `/api/v1/types/${MISSING}`, { name: 'x' })).status).toBe(404);
    const del = await t.call('DELETE', `/api/v1/types/${type.id}`);
    expect(del.status).toBe(204);
    const gone = await t.call('GET', `/api/v1/types/${type.id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'ERR_TYPE_NOT_FOUND']);
    expect((await t.call('DELETE', `/api/v1/types/${type.id}`)).status).toBe(404);
    expect(await orphanEvents(t)).toBe(0);
    const exported = await t.call('GET', '/api/v1/export');
    expect(exported.body.tombstones).toContainEqual(
      expect.objectContaining({ id: type.id, merged_into: null }),
    );
    const malformed = await t.call('GET', '/api/v1/types/not-a-uuid');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
  });

  it('adds, removes and moves, returning the type and the event', async () => {
    const { body: type } = await create('Movers', { IN_BOX: 5 });
    const base = `/api/v1/types/${type.id}`;
    const add = await t.call('POST', `${base}/add`, { stage: 'PAINTING', qty: 2 });
    expect(add.status).toBe(200);
    expect(add.body.type.counts).toMatchObject({ IN_BOX: 5, PAINTING: 2 });
    expect(add.body.event).toMatchObject({ from_stage: null, to_stage: 'PAINTING', qty: 2 });
    const move = await t.call('POST', `${base}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 3,
    });
    expect(move.status).toBe(200);
    expect(move.body.type.counts).toEqual({
      IN_BOX: 2,
      BUILDING: 0,
      PRIMING: 0,
      PAINTING: 2,
      DONE: 3,
    });
    expect(move.body.event.created_at > add.body.event.created_at).toBe(true);
    const remove = await t.call('POST', `${base}/remove`, { stage: 'DONE', qty: 1 });
    expect(remove.body.type.counts.DONE).toBe(2);
    expect(remove.body.event).toMatchObject({ from_stage: 'DONE', to_stage: null });
    expect((await t.call('GET', base)).body.counts).toEqual(remove.body.type.counts);
  });

  it('reports every error code of add, remove and move', async () => {
    const { body: type } = await create('Errors', { IN_BOX: 1 });
    const base = `/api/v1/types/${type.id}`;
    const cases: [string, unknown, number, string][] = [
      ['move', { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 2 }, 400, 'ERR_INSUFFICIENT_QTY'],
      [
        'move',
        { from_stage: 'DONE', to_stage: 'IN_BOX', qty: 1 },
        400,
        'ERR_INVALID_STAGE_TRANSITION',
      ],
      [
        'move',
        { from_stage: 'IN_BOX', to_stage: 'IN_BOX', qty: 1 },
        400,
        'ERR_INVALID_STAGE_TRANSITION',
      ],
      ['move', { from_stage: 'BOX', to_stage: 'DONE', qty: 1 }, 400, 'ERR_INVALID_STAGE'],
      ['move', { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 0 }, 400, 'ERR_INVALID_QTY'],
      ['move', { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1.5 }, 400, 'ERR_INVALID_QTY'],
      ['move', { from_stage: 'IN_BOX', to_stage: 'DONE' }, 400, 'ERR_INVALID_QTY'],
      ['remove', { stage: 'PRIMING', qty: 1 }, 400, 'ERR_INSUFFICIENT_QTY'],
      ['remove', { stage: 'primed', qty: 1 }, 400, 'ERR_INVALID_STAGE'],
      ['add', { stage: 'IN_BOX', qty: 100_001 }, 400, 'ERR_INVALID_QTY'],
      ['add', { stage: 'IN_BOX', qty: 1, x: 1 }, 400, 'ERR_VALIDATION'],
    ];
    for (const [op, body, status, code] of cases) {
      const res = await t.call('POST', `${base}/${op}`, body);
      expect([op, body, res.status, res.body.error.code]).toEqual([op, body, status, code]);
    }
    for (const op of ['add', 'remove']) {
      const res = await t.call('POST', `/api/v1/types/${MISSING}/${op}`, {
        stage: 'IN_BOX',
        qty: 1,
      });
      expect([res.status, res.body.error.code]).toEqual([404, 'ERR_TYPE_NOT_FOUND']);
    }
    const moveMissing = await t.call('POST', `/api/v1/types/${MISSING}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
    });
    expect(moveMissing.status).toBe(404);
    expect((await t.call('GET', base)).body.counts.IN_BOX).toBe(1);
  });
});
