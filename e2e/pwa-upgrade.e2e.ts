import { describe, expect, it } from 'vitest';
import { APP_DB, chromiumOrSkip, readStoredState, useAppSuite, withApp } from './support';

// The database upgrades (versions 2 and 3 load their code only when one runs, inside the
// upgrade transaction, through Dexie.waitFor; 5 moves restore points' data apart): this
// opens a database as app version 1 left it, in the real browser, and checks the
// upgrade ran whole.
const run = chromiumOrSkip('pwa upgrade');

const TYPE_ID = '0b5e6f1c-6a0e-4c55-9a43-3f2a1e7d9c01';
const EVENT_ID = '1c6f7a2d-7b1f-4d66-8b54-4a3b2f8e0d12';

describe.skipIf(!run)('PWA: a database of app version 1', () => {
  const suite = useAppSuite();

  it('is upgraded to the current version in the browser: canonical values, the v2 fields at their defaults, the outbox', () =>
    withApp(
      suite,
      {
        lang: 'en',
        prepare: async (context) => {
          const page = await context.newPage();
          await page.goto(`${suite.url}/404-not-the-app.txt`).catch(() => undefined);
          await page.evaluate(
            ({ name, typeId, eventId }) =>
              new Promise<void>((resolve, reject) => {
                // Dexie's version 1 is IndexedDB version 10, with these stores.
                const req = indexedDB.open(name, 10);
                req.onupgradeneeded = () => {
                  const db = req.result;
                  db.createObjectStore('types', { keyPath: 'id' });
                  const events = db.createObjectStore('events', { keyPath: 'id' });
                  events.createIndex('type_id', 'type_id');
                  events.createIndex('created_at', 'created_at');
                  events.createIndex('[type_id+created_at]', ['type_id', 'created_at']);
                  db.createObjectStore('tombstones', { keyPath: 'id' });
                  db.createObjectStore('restore_points', { keyPath: 'id' }).createIndex(
                    'created_at',
                    'created_at',
                  );
                  db.createObjectStore('meta', { keyPath: 'key' });
                  const tx = req.transaction!;
                  const at = '2026-01-05T10:00:00.000Z';
                  // A restore point holding its data: version 5 keeps the data apart.
                  tx.objectStore('restore_points').put({
                    id: `${eventId.slice(0, -1)}9`,
                    created_at: at,
                    reason: 'import',
                    size_bytes: 2,
                    types: 0,
                    events: 0,
                    data: '{}',
                  });
                  // An upper-case id and a name with a double space: version 2 fixes both.
                  tx.objectStore('types').put({
                    id: typeId.toUpperCase(),
                    name: 'Ork  Boyz',
                    created_at: at,
                    name_updated_at: at,
                    counts: { IN_BOX: 3, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 2 },
                  });
                  tx.objectStore('events').put({
                    id: eventId,
                    type_id: typeId.toUpperCase(),
                    from_stage: null,
                    to_stage: 'IN_BOX',
                    qty: 5,
                    created_at: at,
                  });
                  tx.objectStore('events').put({
                    id: `${eventId.slice(0, -1)}3`,
                    type_id: typeId.toUpperCase(),
                    from_stage: 'IN_BOX',
                    to_stage: 'DONE',
                    qty: 2,
                    created_at: '2026-01-05T10:05:00.000Z',
                  });
                };
                req.onsuccess = () => {
                  req.result.close();
                  resolve();
                };
                req.onerror = () => reject(req.error);
              }),
            { name: APP_DB, typeId: TYPE_ID, eventId: EVENT_ID },
          );
          await page.close();
        },
      },
      async (page) => {
        await page.getByRole('link', { name: 'Ork Boyz', exact: true }).waitFor();
        const version = await page.evaluate(
          (name) =>
            new Promise<[number, string[], string[], string[], boolean]>((resolve, reject) => {
              const req = indexedDB.open(name);
              req.onsuccess = () => {
                const tx = req.result.transaction(['events', 'types', 'histories']);
                const events = tx.objectStore('events');
                const types = tx.objectStore('types');
                const histories = tx.objectStore('histories');
                resolve([
                  req.result.version,
                  [...events.indexNames].sort(),
                  [...types.indexNames].sort(),
                  [...histories.indexNames].sort(),
                  req.result.objectStoreNames.contains('history_ids'),
                ]);
                req.result.close();
              };
              req.onerror = () => reject(req.error);
            }),
          APP_DB,
        );
        // Dexie's version 10: restore points apart from their data (5), events without
        // their own type_id index (6), types with a name index (7), history rows for
        // events that arrive in bulk (8), counted by `n`, with an id directory (10).
        expect(version).toEqual([
          100,
          ['[type_id+created_at]', 'created_at'],
          ['name'],
          ['last_at', 'n'],
          true,
        ]);
        const [point, data] = await page.evaluate(
          (name) =>
            new Promise<unknown[]>((resolve, reject) => {
              const req = indexedDB.open(name);
              req.onsuccess = () => {
                const tx = req.result.transaction(['restore_points', 'restore_point_data']);
                const rows: unknown[] = [];
                for (const store of ['restore_points', 'restore_point_data']) {
                  const get = tx.objectStore(store).getAll();
                  get.onsuccess = () => rows.push(get.result[0]);
                }
                tx.oncomplete = () => {
                  req.result.close();
                  resolve(rows);
                };
              };
              req.onerror = () => reject(req.error);
            }),
          APP_DB,
        );
        const pointId = `${EVENT_ID.slice(0, -1)}9`;
        expect(point).toEqual({
          id: pointId,
          created_at: '2026-01-05T10:00:00.000Z',
          reason: 'import',
          size_bytes: 2,
          types: 0,
          events: 0,
        });
        expect(data).toEqual({ id: pointId, data: '{}' });
        const { types, events } = await readStoredState(page);
        expect(types).toHaveLength(1);
        expect(types[0]).toMatchObject({
          id: TYPE_ID,
          name: 'Ork Boyz',
          army: null,
          game: null,
          points_per_model: 1,
          notes: '',
          counts: { IN_BOX: 3, DONE: 2 },
        });
        expect(events.map((e) => e.type_id)).toEqual([TYPE_ID, TYPE_ID]);
      },
    ));
});
