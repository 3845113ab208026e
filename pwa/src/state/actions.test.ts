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

  it('a move, add, remove, rework, rename and delete each offer their undo; Undo writes it', async () => {
    db = freshDb();
    const state = createAppState();
    stop = connectAppState(state, db);
    const actions = createActions(db, state);
    await until(() => state.types.value !== null);
    const created = await actions.create('Ork Boyz', { IN_BOX: 5 });
    if (!created.ok) throw new Error(created.code);
    expect(state.undo.value).toBeNull(); // creating is not one of them
    const id = created.value.id;
    const counts = async () => (await db.types.get(id))!.counts;

    await actions.moveOne(id, 'IN_BOX');
    expect(state.undo.value).toMatchObject({
      key: 'undo.moved',
      params: { count: 1, name: 'Ork Boyz', from: 'IN_BOX', to: 'BUILDING' },
    });
    await actions.undo();
    expect(await counts()).toMatchObject({ IN_BOX: 5, BUILDING: 0 });
    expect(state.undo.value).toMatchObject({ key: 'undo.done', undo: null });
    expect(state.types.value![0]!.counts.IN_BOX).toBe(5); // the list patched at once
    await actions.undo(); // nothing to undo now: nothing happens
    expect(await db.events.count()).toBe(3); // the add, one move and its one undo

    await actions.add(id, 'DONE', 2);
    expect(state.undo.value).toMatchObject({ key: 'undo.added', params: { count: 2, to: 'DONE' } });
    await actions.remove(id, 'IN_BOX', 1);
    expect(state.undo.value).toMatchObject({ key: 'undo.removed', params: { from: 'IN_BOX' } });
    await actions.undo();
    expect(await counts()).toMatchObject({ IN_BOX: 5, DONE: 2 });
    await actions.rework(id, 'DONE', 'PRIMING', 2);
    expect(state.undo.value).toMatchObject({ key: 'undo.reworked', params: { to: 'PRIMING' } });
    expect(await counts()).toMatchObject({ PRIMING: 2, DONE: 0 });
    await actions.undo();
    expect(await counts()).toMatchObject({ PRIMING: 0, DONE: 2 });

    await actions.rename(id, 'Boyz');
    expect(state.undo.value).toMatchObject({
      key: 'undo.renamed',
      params: { from: 'Ork Boyz', to: 'Boyz' },
    });
    await actions.undo();
    expect((await db.types.get(id))!.name).toBe('Ork Boyz');

    await actions.deleteType(id);
    expect(state.undo.value).toMatchObject({ key: 'undo.deleted', params: { name: 'Ork Boyz' } });
    expect(state.types.value).toEqual([]);
    await actions.undo();
    await until(() => state.types.value?.length === 1);
    const back = state.types.value![0]!;
    expect(back).toMatchObject({ name: 'Ork Boyz', counts: { IN_BOX: 5, DONE: 2 } });
  });

  it('an undo that can no longer apply says why and changes nothing', async () => {
    db = freshDb();
    const state = createAppState();
    const actions = createActions(db, state);
    const created = await actions.create('Boyz', { IN_BOX: 2 });
    if (!created.ok) throw new Error(created.code);
    await actions.move(created.value.id, 'IN_BOX', 'BUILDING', 2);
    const offer = state.undo.value;
    // The models moved on before Undo was pressed: an undo would need them at Building.
    await actions.move(created.value.id, 'BUILDING', 'DONE', 2);
    state.undo.value = offer;
    const events = await db.events.count();
    await actions.undo();
    expect(state.undo.value).toBeNull();
    // In an undo's words (NoticeBar: undoErrorText), with where the models were missing.
    expect(state.notice.value).toMatchObject({
      code: 'ERR_INSUFFICIENT_QTY',
      undo: true,
      details: { stage: 'BUILDING', available: 0, requested: 2 },
    });
    expect(await db.events.count()).toBe(events);
    // A history entry's undo: the newest entry first is fine.
    const entry = await actions.undoEntry(
      created.value.id,
      (await db.events.toArray()).filter((e) => e.to_stage === 'DONE').map((e) => e.id),
    );
    expect(entry).toMatchObject({ ok: true, value: { counts: { BUILDING: 2, DONE: 0 } } });
    expect(state.undo.value).toMatchObject({ key: 'undo.done' });
  });

  it("a history entry's refused undo is returned with the counts the user saw, not raised", async () => {
    db = freshDb();
    const state = createAppState();
    const actions = createActions(db, state);
    const created = await actions.create('Boyz', {});
    if (!created.ok) throw new Error(created.code);
    const id = created.value.id;
    // One entry "Added 3 models to In box", three taps; two of the models moved on since.
    for (let i = 0; i < 3; i++) await actions.add(id, 'IN_BOX', 1);
    const adds = (await db.events.toArray()).map((e) => e.id);
    await actions.move(id, 'IN_BOX', 'BUILDING', 2);
    const events = await db.events.count();
    const out = await actions.undoEntry(id, adds);
    // The third undo found none left, but the entry's refusal is about the entry: 1 of
    // the 3 it needs is at In box (the state before the undo, which changed nothing).
    expect(out).toEqual({
      ok: false,
      code: 'ERR_INSUFFICIENT_QTY',
      details: { stage: 'IN_BOX', available: 1, requested: 3 },
    });
    expect(state.notice.value).toBeNull();
    expect(state.undo.value).toBeNull();
    expect(await db.events.count()).toBe(events);
    // A storage failure is the app's, not the entry's: raised as the notice (HistoryList
    // then shows nothing by the entry, so it is said once).
    db.events.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const moved = (await db.events.toArray()).filter((e) => e.to_stage === 'BUILDING');
    const failed = await actions.undoEntry(
      id,
      moved.map((e) => e.id),
    );
    expect(failed).toMatchObject({ ok: false, code: 'ERR_STORAGE' });
    expect(state.notice.value).toMatchObject({ kind: 'error', code: 'ERR_STORAGE' });
    expect(await db.events.count()).toBe(events);
  });
});
