import { armyTotals, type DataFile } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { useTestApp } from '../test-support/test-app';

// Issue 12 (SPEC §9): army, game, points per model and notes through the REST API —
// PATCH, the filters and sorts of GET /types, and GET /armies — on both databases.
describeEachDatabase('type fields of data file v2', (kind) => {
  const t = useTestApp(kind);
  const create = async (body: Record<string, unknown>) => {
    const res = await t.call('POST', '/api/v1/types', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((x) => x.name);

  it('creates a type with its fields, and with the defaults when none are given', async () => {
    const plain = await create({ name: 'Plain' });
    expect(plain).toMatchObject({ army: null, game: null, points_per_model: 1, notes: '' });
    for (const f of ['army', 'game', 'points_per_model', 'notes']) {
      expect(plain[`${f}_updated_at`]).toBe(plain.created_at);
    }
    const full = await create({
      name: 'Full',
      army: '  Space   Marines ',
      game: 'Warhammer 40,000',
      points_per_model: 20,
      notes: 'Base: Macragge Blue.\nStored in box 3.',
    });
    expect(full).toMatchObject({
      army: 'Space Marines',
      game: 'Warhammer 40,000',
      points_per_model: 20,
      notes: 'Base: Macragge Blue.\nStored in box 3.',
    });
    expect((await t.call('GET', `/api/v1/types/${full.id}`)).body).toEqual(full);
  });

  it('PATCH sets each field given, moves only the changed fields’ times, null clears', async () => {
    const type = await create({ name: 'Patched', army: 'Orks', points_per_model: 5 });
    const path = `/api/v1/types/${type.id}`;
    const res = await t.call('PATCH', path, {
      name: 'Patched',
      army: 'Orks',
      game: 'Kill Team',
      notes: 'Snakebite green',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ army: 'Orks', game: 'Kill Team', notes: 'Snakebite green' });
    // Fields sent with their current value keep their time (a full form never wins by accident).
    expect(res.body.name_updated_at).toBe(type.name_updated_at);
    expect(res.body.army_updated_at).toBe(type.army_updated_at);
    expect(res.body.points_per_model_updated_at).toBe(type.points_per_model_updated_at);
    expect(res.body.game_updated_at > type.game_updated_at).toBe(true);
    expect(res.body.notes_updated_at > type.notes_updated_at).toBe(true);
    const cleared = await t.call('PATCH', path, { army: null, points_per_model: 0 });
    expect(cleared.body).toMatchObject({ army: null, points_per_model: 0, game: 'Kill Team' });
    expect(cleared.body.army_updated_at > type.army_updated_at).toBe(true);
    expect((await t.call('GET', path)).body).toEqual(cleared.body);
    const exported = await t.call('GET', '/api/v1/export');
    expect(exported.body.types.find((x: { id: string }) => x.id === type.id)).toMatchObject({
      army: null,
      army_updated_at: cleared.body.army_updated_at,
      game: 'Kill Team',
      points_per_model: 0,
      notes: 'Snakebite green',
    });
  });

  it('refuses bad fields with their own code and changes nothing', async () => {
    const type = await create({ name: 'Guarded', army: 'Necrons', notes: 'keep me' });
    const path = `/api/v1/types/${type.id}`;
    const cases: [unknown, string][] = [
      [{ points_per_model: 1001 }, 'ERR_INVALID_POINTS'],
      [{ points_per_model: -1 }, 'ERR_INVALID_POINTS'],
      [{ points_per_model: 2.5 }, 'ERR_INVALID_POINTS'],
      [{ points_per_model: '5' }, 'ERR_INVALID_POINTS'],
      [{ notes: 'n'.repeat(4001) }, 'ERR_NOTES_TOO_LONG'],
      // Counted in code points: 4 001 emoji are too long, 4 000 are not (below).
      [{ notes: '🎨'.repeat(4001) }, 'ERR_NOTES_TOO_LONG'],
      [{ army: 'a'.repeat(81) }, 'ERR_ARMY_INVALID'],
      [{ army: '   ' }, 'ERR_ARMY_INVALID'],
      [{ army: 7 }, 'ERR_ARMY_INVALID'],
      [{ game: 'g'.repeat(81) }, 'ERR_GAME_INVALID'],
      [{ game: '\u200b' }, 'ERR_GAME_INVALID'],
      // One bad field spoils the whole edit: the good one is not applied either.
      [{ army: 'Tyranids', points_per_model: 5000 }, 'ERR_INVALID_POINTS'],
      [{ notes: 'new', colour: 'red' }, 'ERR_VALIDATION'],
    ];
    for (const [body, code] of cases) {
      const res = await t.call('PATCH', path, body);
      expect([res.status, res.body.error.code]).toEqual([400, code]);
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    const create1001 = await t.call('POST', '/api/v1/types', {
      name: 'Heavy',
      points_per_model: 1001,
    });
    expect([create1001.status, create1001.body.error.code]).toEqual([400, 'ERR_INVALID_POINTS']);
    const createNotes = await t.call('POST', '/api/v1/types', {
      name: 'Long',
      notes: 'x'.repeat(4001),
    });
    expect([createNotes.status, createNotes.body.error.code]).toEqual([400, 'ERR_NOTES_TOO_LONG']);
    expect((await t.call('GET', path)).body).toEqual(type);
    const list = await t.call('GET', '/api/v1/types?limit=500');
    expect(names(list)).not.toContain('Heavy');
    expect(names(list)).not.toContain('Long');
    const longest = await t.call('PATCH', path, {
      notes: '🎨'.repeat(4000),
      points_per_model: 1000,
    });
    expect(longest.status).toBe(200);
    expect([...longest.body.notes].length).toBe(4000);
  });

  it('a newer edit from another device wins per field through the merge, an older one does not', async () => {
    const type = await create({ name: 'Contested', army: 'Aeldari', notes: 'server notes' });
    const patched = await t.call('PATCH', `/api/v1/types/${type.id}`, {
      notes: 'edited on server',
    });
    const exported = (await t.call('GET', '/api/v1/export')).body;
    const mine = exported.types.find((x: { id: string }) => x.id === type.id);
    // A device that edited the army later and the notes earlier than the server did.
    mine.army = 'Drukhari';
    mine.army_updated_at = new Date(
      Date.parse(patched.body.notes_updated_at) + 60_000,
    ).toISOString();
    mine.notes = 'device notes';
    mine.notes_updated_at = type.created_at;
    const push = await t.call('POST', '/api/v1/sync', JSON.stringify({ snapshot: exported }), {
      'idempotency-key': `fields-lww-${kind.name}`,
    });
    expect(push.status).toBe(200);
    const after = (await t.call('GET', `/api/v1/types/${type.id}`)).body;
    expect(after).toMatchObject({
      army: 'Drukhari',
      army_updated_at: mine.army_updated_at,
      notes: 'edited on server',
      notes_updated_at: patched.body.notes_updated_at,
    });
  });
});

describeEachDatabase('GET /types filters and sorts in SQL, GET /armies totals', (kind) => {
  const t = useTestApp(kind);
  const ids: Record<string, string> = {};
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((x) => x.name);

  it('sets up a collection', async () => {
    const rows: [string, Record<string, unknown>][] = [
      ['Boyz', { army: 'Orks', game: '40k', points_per_model: 9, counts: { IN_BOX: 20 } }],
      ['Nobz', { army: 'ORKS', game: '40k', points_per_model: 20, counts: { DONE: 3, IN_BOX: 2 } }],
      ['Warriors', { army: 'Necrons', game: '40k', points_per_model: 13, counts: { DONE: 10 } }],
      ['Kommandos', { army: 'Orks', game: 'Kill Team', counts: { IN_BOX: 5, PAINTING: 5 } }],
      ['Terrain', { counts: { BUILDING: 4 } }],
      ['Empty box', { army: 'Necrons' }],
    ];
    for (const [name, body] of rows) {
      const res = await t.call('POST', '/api/v1/types', { name, ...body });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    }
  });

  it('filters by army and game (case ignored; empty: none set), with q, paginated', async () => {
    expect(names(await t.call('GET', '/api/v1/types?army=orks'))).toEqual([
      'Boyz',
      'Kommandos',
      'Nobz',
    ]);
    expect(names(await t.call('GET', '/api/v1/types?army=%C3%96RKS'))).toEqual([]);
    expect(names(await t.call('GET', '/api/v1/types?army=Orks&game=40K'))).toEqual([
      'Boyz',
      'Nobz',
    ]);
    expect(names(await t.call('GET', '/api/v1/types?army='))).toEqual(['Terrain']);
    expect(names(await t.call('GET', '/api/v1/types?game='))).toEqual(['Empty box', 'Terrain']);
    expect(names(await t.call('GET', '/api/v1/types?army=Orks&q=nob'))).toEqual(['Nobz']);
    const page = await t.call('GET', '/api/v1/types?army=orks&limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(names(page)).toEqual(['Nobz']);
    const past = await t.call('GET', '/api/v1/types?army=orks&offset=10');
    expect(past.body).toMatchObject({ items: [], total: 3 });
  });

  it('sorts by name, % done, most in box and latest change; pages never overlap', async () => {
    const sorted = async (sort: string) => names(await t.call('GET', `/api/v1/types?sort=${sort}`));
    expect(await sorted('name')).toEqual([
      'Boyz',
      'Empty box',
      'Kommandos',
      'Nobz',
      'Terrain',
      'Warriors',
    ]);
    // 100 %, 60 %, then 0 % A–Z; a type without models last.
    expect(await sorted('progress')).toEqual([
      'Warriors',
      'Nobz',
      'Boyz',
      'Kommandos',
      'Terrain',
      'Empty box',
    ]);
    expect(await sorted('in_box')).toEqual([
      'Boyz',
      'Kommandos',
      'Nobz',
      'Empty box',
      'Terrain',
      'Warriors',
    ]);
    // The latest of the type's edits and events, newest first (ties A–Z), as the export shows them.
    const byChange = async () => {
      const { types } = (await t.call('GET', '/api/v1/export')).body as {
        types: (Record<string, string> & { history: { created_at: string }[] })[];
      };
      const changed = (x: (typeof types)[number]) =>
        [
          x.name_updated_at,
          x.army_updated_at,
          x.game_updated_at,
          x.points_per_model_updated_at,
          x.notes_updated_at,
          ...x.history.map((e) => e.created_at),
        ].reduce((a, b) => (a! > b! ? a : b));
      return types
        .map((x) => ({ name: x.name as string, at: changed(x) as string }))
        .sort((a, b) =>
          a.at === b.at
            ? a.name.toLowerCase().localeCompare(b.name.toLowerCase())
            : a.at > b.at
              ? -1
              : 1,
        )
        .map((x) => x.name);
    };
    expect(await sorted('recent')).toEqual(await byChange());
    expect((await sorted('recent'))[0]).toBe('Empty box');
    const moved = await t.call('POST', `/api/v1/types/${ids.Boyz}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'BUILDING',
      qty: 1,
    });
    expect(moved.status).toBe(200);
    await t.call('PATCH', `/api/v1/types/${ids.Warriors}`, { notes: 'Leadbelcher' });
    expect((await sorted('recent')).slice(0, 2)).toEqual(['Warriors', 'Boyz']);
    expect(await sorted('recent')).toEqual(await byChange());
    for (const sort of ['name', 'progress', 'in_box', 'recent']) {
      const whole = await sorted(sort);
      const paged: string[] = [];
      for (let offset = 0; offset < 6; offset += 4) {
        paged.push(
          ...names(await t.call('GET', `/api/v1/types?sort=${sort}&limit=4&offset=${offset}`)),
        );
      }
      expect(paged).toEqual(whole);
    }
    const badQueries: [string, string][] = [
      ['sort=size', 'ERR_VALIDATION'],
      ['sort=', 'ERR_VALIDATION'],
      [`army=${'a'.repeat(161)}`, 'ERR_ARMY_INVALID'],
      [`game=${'g'.repeat(161)}`, 'ERR_GAME_INVALID'],
    ];
    for (const [q, code] of badQueries) {
      const bad = await t.call('GET', `/api/v1/types?${q}`);
      expect([q, bad.status, bad.body.error.code]).toEqual([q, 400, code]);
    }
  });

  it('GET /armies: per army A–Z, none last, models and points per stage; game filter', async () => {
    const res = await t.call('GET', '/api/v1/armies');
    expect(res.status).toBe(200);
    const zero = { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 };
    expect(res.body.items).toEqual([
      {
        army: 'Necrons',
        types: 2,
        models: { ...zero, DONE: 10, total: 10 },
        points: { ...zero, DONE: 130, total: 130 },
      },
      {
        // Three spellings of one army are one army, named by the most used spelling.
        army: 'Orks',
        types: 3,
        // Boyz 19 in box + 1 building (×9), Nobz 2 + 3 done (×20), Kommandos 5 + 5 (×1).
        models: { ...zero, IN_BOX: 26, BUILDING: 1, PAINTING: 5, DONE: 3, total: 35 },
        points: { ...zero, IN_BOX: 171 + 40 + 5, BUILDING: 9, PAINTING: 5, DONE: 60, total: 290 },
      },
      {
        army: null,
        types: 1,
        models: { ...zero, BUILDING: 4, total: 4 },
        points: { ...zero, BUILDING: 4, total: 4 },
      },
    ]);
    // The same figures as shared's armyTotals over the exported types.
    const exported = (await t.call('GET', '/api/v1/export')).body as DataFile;
    expect(res.body.items).toEqual(armyTotals(exported.types));
    const killTeam = await t.call('GET', '/api/v1/armies?game=kill%20team');
    expect(killTeam.body.items).toEqual([
      {
        army: 'Orks',
        types: 1,
        models: { ...zero, IN_BOX: 5, PAINTING: 5, total: 10 },
        points: { ...zero, IN_BOX: 5, PAINTING: 5, total: 10 },
      },
    ]);
    const noGame = await t.call('GET', '/api/v1/armies?game=');
    expect(noGame.body.items.map((a: { army: string | null }) => a.army)).toEqual([
      'Necrons',
      null,
    ]);
    const none = await t.call('GET', '/api/v1/armies?game=Necromunda');
    expect(none.body.items).toEqual([]);
  });

  it('the OpenAPI document describes the new fields and routes', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/armies', '/types/{id}/revert', '/types/{id}/rework']),
    );
    const params = doc.paths['/types'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['q', 'army', 'game', 'sort', 'limit', 'offset']),
    );
    const patch = JSON.stringify(doc.paths['/types/{id}'].patch);
    for (const field of ['army', 'game', 'points_per_model', 'notes']) {
      expect(patch).toContain(`"${field}"`);
    }
  });
});
