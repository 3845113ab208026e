import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { offerText } from '../components/Snackbar';
import { moveModels } from '../db/events';
import type { TrackerDb } from '../db/schema';
import { readState } from '../db/state-io';
import { initI18n, setLanguage } from '../i18n';
import { memoryClient } from '../sync/memory-client';
import { deviceDatabases, syncOnce as sync } from '../sync/test-devices';
import { createActions, loadWriteOps } from './actions';
import { createAppState, withdrawSetAside } from './app-state';
import { connectAppState } from './connect';

let stop: () => void = () => {};
beforeAll(async () => {
  initI18n('en');
  await loadWriteOps();
});
afterEach(() => stop());
const device = deviceDatabases();

const tick = () => new Promise((r) => setTimeout(r, 5));

/**
 * The phone (with the app's state and actions) and a desktop share Ork Boyz with
 * `boxed` models in the box. The desktop moves one model to Building first; the phone
 * then taps → `taps` times, and syncs: its last tap finds no boxed model left.
 */
async function conflict(boxed: number, taps: number) {
  const server = memoryClient();
  const [phone, desktop] = [device(), device()];
  const state = createAppState();
  stop = connectAppState(state, phone);
  const actions = createActions(phone, state);
  const created = await actions.create('Ork Boyz', { IN_BOX: boxed });
  if (!created.ok) throw new Error(created.code);
  const typeId = created.value.id;
  await sync(server, phone);
  await sync(server, desktop);
  await moveModels(desktop, { typeId, from: 'IN_BOX', to: 'BUILDING', qty: 1 });
  await sync(server, desktop);
  const mine: string[] = [];
  for (let i = 0; i < taps; i++) {
    await tick(); // dated after the desktop's move
    const out = await actions.moveOne(typeId, 'IN_BOX');
    if (!out.ok) throw new Error(out.code);
    mine.push((await phone.events.orderBy('created_at').last())!.id);
  }
  const offer = state.undo.value;
  const outcome = await sync(server, phone);
  return { phone, state, actions, typeId, mine, offer, outcome };
}

/** What the phone holds: an undo written, or a count changed, shows here. */
async function snapshot(db: TrackerDb) {
  const { types, events } = await readState(db);
  return { counts: types.map((t) => t.counts), events: events.map((e) => e.id).sort() };
}

describe('undoing a step a sync set aside', () => {
  it("the snackbar's Undo says the step was never applied, not an error, and writes nothing", async () => {
    const { phone, state, actions, mine, offer, outcome } = await conflict(1, 1);
    expect(outcome.conflicts.map((c) => c.event.id)).toEqual(mine);
    const before = await snapshot(phone);
    expect(before.counts).toEqual([{ IN_BOX: 0, BUILDING: 1, PRIMING: 0, PAINTING: 0, DONE: 0 }]);
    // The sync's report names the snackbar's step: its Undo is withdrawn (SyncBadge).
    expect(state.undo.value).toBe(offer);
    expect(withdrawSetAside(state, new Set(outcome.conflicts.map((c) => c.event.id)))).toBe(true);
    expect(state.undo.value).toMatchObject({ id: offer!.id, key: 'undo.setAside', undo: null });
    // Tapped before the report arrived: the same words, not an error.
    state.undo.value = offer;
    await actions.undo();
    expect(state.notice.value).toBeNull();
    expect(state.undo.value).toMatchObject({ undo: null });
    expect(offerText(state.undo.value!)).toBe(
      'A sync set this step aside: its models were already used. Nothing to undo.',
    );
    expect(await snapshot(phone)).toEqual(before);
    await setLanguage('ru');
    expect(offerText(state.undo.value!)).toBe(
      'Синхронизация не применила это действие: его модели уже были использованы. Отменять нечего.',
    );
    await setLanguage('en');
  });

  it("a history entry's Undo says so too, for one step or for an entry with one set aside", async () => {
    const { phone, state, actions, typeId, mine } = await conflict(2, 2);
    const before = await snapshot(phone);
    // The second tap is the one set aside; an entry drawn before the sync still holds it.
    const one = await actions.undoEntry(typeId, [mine[1]!]);
    expect(one).toMatchObject({ ok: false, code: 'ERR_NOT_REVERTIBLE' });
    expect(state.notice.value).toBeNull();
    expect(offerText(state.undo.value!)).toBe(
      'A sync set this step aside: it was never applied, so there is nothing to undo.',
    );
    const both = await actions.undoEntry(typeId, mine);
    expect(both).toMatchObject({ ok: false, code: 'ERR_NOT_REVERTIBLE' });
    expect(state.notice.value).toBeNull();
    expect(offerText(state.undo.value!)).toBe(
      'A sync set a step of this entry aside: it was never applied. Nothing was undone; the history now shows what was applied.',
    );
    expect(await snapshot(phone)).toEqual(before);
    // The applied tap alone, as the history shows it now, is undone.
    expect(await actions.undoEntry(typeId, [mine[0]!])).toMatchObject({ ok: true });
    expect(offerText(state.undo.value!)).toBe('Undone.');
  });
});
