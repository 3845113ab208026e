import { afterEach, describe, expect, it } from 'vitest';
import type { TrackerDb } from '../db/schema';
import { freshDb } from '../db/test-db';
import { createActions, loadWriteOps } from './actions';
import { createAppState, loadSearch } from './app-state';
import { connectAppState } from './connect';

let db: TrackerDb;
let stop: () => void = () => {};
afterEach(async () => {
  stop();
  await db?.delete();
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('app state and actions', () => {
  it('live query fills the list; a move patches it at once; totals follow', async () => {
    db = freshDb();
    const state = createAppState();
    stop = connectAppState(state, db);
    const actions = createActions(db, state);
    await until(() => state.types.value !== null);
    const created = await actions.create('Intercessors', { IN_BOX: 2 });
    if (!created.ok) throw new Error(created.code);
    await until(() => state.types.value?.length === 1);
    const moved = await actions.moveOne(created.value.id, 'IN_BOX');
    expect(moved.ok).toBe(true);
    expect(state.types.value![0]!.counts).toMatchObject({ IN_BOX: 1, BUILDING: 1 });
    expect(state.totals.value.total).toBe(2);
    await loadSearch(state);
    state.query.value = 'inter';
    expect(state.visible.value).toHaveLength(1);
    state.query.value = 'orks';
    expect(state.visible.value).toHaveLength(0);
  });

  it('creating a type that the search would hide clears the search; a matching one keeps it', async () => {
    db = freshDb();
    const state = createAppState();
    stop = connectAppState(state, db);
    const actions = createActions(db, state);
    await loadSearch(state);
    state.query.value = 'ork';
    expect((await actions.create('Ork Boyz', {})).ok).toBe(true);
    expect(state.query.value).toBe('ork');
    await until(() => state.visible.value.length === 1);
    expect((await actions.create('Intercessors', {})).ok).toBe(true);
    expect(state.query.value).toBe('');
    await until(() => state.visible.value.length === 2);
  });

  it('a failing quick move raises a notice; a storage failure raises ERR_STORAGE', async () => {
    db = freshDb();
    const state = createAppState();
    const actions = createActions(db, state);
    const created = await actions.create('Boyz', { BUILDING: 1 });
    if (!created.ok) throw new Error(created.code);
    const nothing = await actions.moveOne(created.value.id, 'IN_BOX');
    expect(nothing).toMatchObject({ ok: false, code: 'ERR_INSUFFICIENT_QTY' });
    expect(state.notice.value).toMatchObject({ kind: 'error', code: 'ERR_INSUFFICIENT_QTY' });
    db.events.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const failed = await actions.move(created.value.id, 'BUILDING', 'DONE', 1);
    expect(failed).toMatchObject({ ok: false, code: 'ERR_STORAGE' });
    expect(state.notice.value).toMatchObject({ code: 'ERR_STORAGE' });
    expect((await db.types.get(created.value.id))!.counts.BUILDING).toBe(1);
  });

  it('a newer version opened elsewhere closes this connection and asks to reload', async () => {
    db = freshDb();
    const state = createAppState();
    stop = connectAppState(state, db);
    await db.open();
    const { Dexie } = await import('dexie');
    const newer = new Dexie(db.name);
    newer.version(5).stores({ types: 'id', extra: 'id' });
    await newer.open();
    await until(() => state.dbStale.value);
    expect(db.isOpen()).toBe(false);
    newer.close();
  });

  it('once the write code is loaded, a move opens its transaction in the click task', async () => {
    db = freshDb();
    const state = createAppState();
    const actions = createActions(db, state);
    const created = await actions.create('Scouts', { IN_BOX: 1 });
    if (!created.ok) throw new Error(created.code);
    await loadWriteOps();
    const opened: string[] = [];
    const transaction = db.transaction.bind(db);
    db.transaction = ((...args: Parameters<typeof transaction>) => {
      opened.push('rw');
      return transaction(...args);
    }) as typeof db.transaction;
    // Not awaited: any await before the transaction (even a settled import) would
    // leave `opened` empty here.
    const moving = actions.moveOne(created.value.id, 'IN_BOX');
    expect(opened).toEqual(['rw']);
    expect(await moving).toMatchObject({ ok: true });
  });
});
