import type { DataFile } from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { asV1File, makeFile } from '../test-support/fixtures';
import { importFile as importTo, useTestApp } from '../test-support/test-app';

// Issue 8: values real files and devices produce, through the API on both databases.
// Each block is one failing input of the issue; the dry run must tell the same truth.

const withoutTime = (file: DataFile) => ({ ...file, exported_at: '' });
const upper = (file: DataFile): DataFile =>
  JSON.parse(
    JSON.stringify(file).replace(/"([0-9a-f-]{36})"/g, (_, id: string) => `"${id.toUpperCase()}"`),
  );

describeEachDatabase('canonical values at the edge', (kind) => {
  const t = useTestApp(kind);
  const importFile = (file: unknown, query = '') => importTo(t, file, query);
  const push = (file: DataFile, key: string) =>
    t.call('POST', '/api/v1/sync', JSON.stringify({ snapshot: file }), { 'idempotency-key': key });
  const exported = async () => (await t.call('GET', '/api/v1/export')).body as DataFile;

  it('item 1: upper-case ids are the same ids (import twice, push twice)', async () => {
    const file = makeFile(3, 4, 'Upper');
    const res1 = await importFile(upper(file));
    expect([res1.status, res1.body.types_created]).toEqual([200, 3]);
    const res2 = await importFile(upper(file));
    expect([res2.status, res2.body.events_added, res2.body.changed]).toEqual([200, 0, false]);
    const after = await exported();
    expect(after.types.filter((x) => x.name.startsWith('Upper'))).toEqual(file.types);
    for (const key of ['upper-1', 'upper-2']) {
      const res = await push(upper(await exported()), `${kind.name}-${key}`);
      expect(res.status).toBe(200);
      expect(res.body.report.events_added).toBe(0);
    }
    const byPath = await t.call('GET', `/api/v1/types/${file.types[0]!.id.toUpperCase()}`);
    expect([byPath.status, byPath.body.id]).toEqual([200, file.types[0]!.id]);
  });

  it('item 2: lone surrogates become U+FFFD; two such names are one type', async () => {
    const file = makeFile(2, 1, 'Lone');
    file.types[0]!.name = 'Banner \ud83c';
    file.types[1]!.name = 'Banner \ud83d';
    const res = await importFile(file);
    expect(res.status).toBe(200);
    expect(res.body.types_folded).toHaveLength(1);
    // The report says what reading replaced, as the app's import review does.
    expect(res.body.text_repairs).toEqual({
      unreadable: { fields: 2, types: ['Banner \ufffd', 'Banner \ufffd'] },
      control: { fields: 0, types: [] },
    });
    const banners = (await exported()).types.filter((x) => x.name.startsWith('Banner'));
    expect(banners.map((x) => x.name)).toEqual(['Banner \ufffd']);
    expect((await push(await exported(), `${kind.name}-lone`)).status).toBe(200);
  });

  it('item 3: NUL and other controls in a name become spaces, everywhere', async () => {
    const created = await t.call('POST', '/api/v1/types', { name: 'Ork\u0000Boyz' });
    expect([created.status, created.body.name]).toEqual([201, 'Ork Boyz']);
    const file = makeFile(1, 1, 'Nul');
    file.types[0]!.name = 'Gret\u0000chin\u0007';
    const dry = await importFile(file, '?dry_run=true');
    const real = await importFile(file);
    expect([dry.status, real.status]).toEqual([200, 200]);
    for (const res of [dry, real]) {
      expect(res.body.text_repairs).toEqual({
        unreadable: { fields: 0, types: [] },
        control: { fields: 1, types: ['Gret chin'] },
      });
    }
    expect((await exported()).types.map((x) => x.name)).toContain('Gret chin');
    expect((await push(await exported(), `${kind.name}-nul`)).status).toBe(200);
  });

  it('items 4–6: times outside 1970…2999 are refused with their path, dry run alike', async () => {
    const cases: [string, (f: DataFile) => void, string][] = [
      [
        'year 0000',
        (f) => (f.types[0]!.created_at = '0000-06-15T00:00:00.000Z'),
        '$.types[0].created_at',
      ],
      [
        'year 0010',
        (f) => (f.types[0]!.history[0]!.created_at = '0010-06-15T00:00:00.000Z'),
        '$.types[0].history[0].created_at',
      ],
      [
        'year 0049',
        (f) => (f.types[0]!.name_updated_at = '0049-01-01T00:00:00.000Z'),
        '$.types[0].name_updated_at',
      ],
      [
        'year 9999',
        (f) => (f.types[0]!.history[3]!.created_at = '9999-12-31T23:59:59.999Z'),
        '$.types[0].history[3].created_at',
      ],
    ];
    const before = withoutTime(await exported());
    for (const [label, breakIt, path] of cases) {
      const file = makeFile(1, 4, `Time ${label}`);
      breakIt(file);
      const dry = await importFile(file, '?dry_run=true');
      const real = await importFile(file);
      const pushed = await push(file, `${kind.name}-${label.replace(' ', '-')}`);
      for (const res of [dry, real]) {
        expect([label, res.status, res.body.error?.code, res.body.error?.details.path]).toEqual([
          label,
          400,
          'ERR_IMPORT_INVALID',
          path,
        ]);
      }
      expect([label, pushed.status, pushed.body.error?.details.path]).toEqual([
        label,
        400,
        path.replace('$', '$.snapshot'),
      ]);
    }
    expect(withoutTime(await exported())).toEqual(before);
  });

  it('items 5–6: both ends of the range round-trip exactly; a move on such a type is dated now', async () => {
    const file = makeFile(1, 2, 'Edges');
    const type = file.types[0]!;
    type.created_at = '1970-01-01T00:00:00.000Z';
    type.name_updated_at = '1970-01-01T00:00:00.000Z';
    type.history[0]!.created_at = '1970-01-01T00:00:00.000Z';
    type.history[1]!.created_at = '2999-12-31T23:59:59.999Z';
    expect((await importFile(file)).status).toBe(200);
    const back = (await exported()).types.find((x) => x.id === type.id)!;
    expect(back).toEqual(type);
    const before = Date.now();
    const moved = await t.call('POST', `/api/v1/types/${type.id}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
    });
    expect(moved.status).toBe(200);
    const at = Date.parse(moved.body.event.created_at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('item 6: a change that needs a time past 2999 fails with ERR_TIME_OUT_OF_RANGE, nothing changed', async () => {
    const file = makeFile(1, 2, 'End of time');
    const type = file.types[0]!;
    // Everything happens at the last instant: a removal needs the move that comes then.
    for (const e of type.history) e.created_at = '2999-12-31T23:59:59.999Z';
    expect((await importFile(file)).status).toBe(200);
    const before = (await t.call('GET', `/api/v1/types/${type.id}`)).body;
    const res = await t.call('POST', `/api/v1/types/${type.id}/remove`, {
      stage: 'BUILDING',
      qty: 1,
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'ERR_TIME_OUT_OF_RANGE']);
    expect((await t.call('GET', `/api/v1/types/${type.id}`)).body).toEqual(before);
  });

  it('item 7: İ is a caseless match of i, and search finds "inş" in "İnşaat Walls"', async () => {
    expect((await t.call('POST', '/api/v1/types', { name: 'İzmir Ruins' })).status).toBe(201);
    const again = await t.call('POST', '/api/v1/types', { name: 'izmir ruins' });
    expect([again.status, again.body.error.code]).toEqual([409, 'ERR_NAME_TAKEN']);
    await t.call('POST', '/api/v1/types', { name: 'İnşaat Walls' });
    await t.call('POST', '/api/v1/types', { name: 'Некроны — Воины' });
    await t.call('POST', '/api/v1/types', { name: 'Ёжики' });
    const names = async (q: string) =>
      (await t.call('GET', `/api/v1/types?q=${encodeURIComponent(q)}`)).body.items.map(
        (x: { name: string }) => x.name,
      );
    expect(await names('inş')).toContain('İnşaat Walls');
    expect(await names('inşaat')).toEqual(['İnşaat Walls']);
    expect(await names('İZMİR')).toEqual(['İzmir Ruins']);
    expect(await names('воины некроны')).toEqual(['Некроны — Воины']);
    expect(await names('ежики')).toEqual(['Ёжики']);
  });

  it('item 8: invisible characters are removed; a name of only invisible ones is refused', async () => {
    expect((await t.call('POST', '/api/v1/types', { name: 'Orks' })).status).toBe(201);
    for (const name of ['Or\u200bks', '\u2060Orks', 'ORKS\ufeff']) {
      const res = await t.call('POST', '/api/v1/types', { name });
      expect([name, res.status, res.body.error.code]).toEqual([name, 409, 'ERR_NAME_TAKEN']);
    }
    const blank = await t.call('POST', '/api/v1/types', { name: '\u200b' });
    expect([blank.status, blank.body.error.code]).toEqual([400, 'ERR_NAME_INVALID']);
  });

  it('item 10: a tiny file with a huge count is refused at once, and the server keeps answering', async () => {
    const file = asV1File(makeFile(1, 1, 'Huge'));
    const type = file.types[0]!;
    type.history = [];
    type.counts = { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 199_999_999_999, DONE: 0 };
    const text = JSON.stringify(file);
    expect(text.length).toBeLessThan(400);
    const started = performance.now();
    const [dry, health] = await Promise.all([
      importFile(text, '?dry_run=true'),
      t.call('GET', '/health'),
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(health.status).toBe(200);
    for (const res of [dry, await importFile(text)]) {
      expect([res.status, res.body.error.code, res.body.error.details.path]).toEqual([
        400,
        'ERR_IMPORT_INVALID',
        '$.types[0].counts.PAINTING',
      ]);
    }
  });

  it('item 10: health answers while a large import is being read and written', async () => {
    const text = JSON.stringify(makeFile(1500, 20, 'Busy'));
    let importDone = false;
    const importing = importFile(text).then((res) => {
      importDone = true;
      return res;
    });
    const answeredDuring: number[] = [];
    while (!importDone) {
      const health = await t.call('GET', '/health');
      if (!importDone) answeredDuring.push(health.status);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await importing).status).toBe(200);
    expect(answeredDuring.length).toBeGreaterThan(2);
    expect(new Set(answeredDuring)).toEqual(new Set([200]));
  });
});
