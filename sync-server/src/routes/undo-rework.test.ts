import {
  type DataFile,
  dataFileToState,
  type HistoryEvent,
  ledgerOf,
  mergeStates,
  parseDataFile,
  planMove,
  planRevert,
  stateToDataFile,
  type TrackerState,
  unwrap,
} from '@mpt/shared';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/databases';
import { useTestApp } from '../test-support/test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

// Issue 12 (SPEC §9): POST /types/:id/revert and /rework on both databases, and an undo
// racing a move on two devices that sync through the server.
describeEachDatabase('undo and rework', (kind) => {
  const t = useTestApp(kind);
  const create = async (name: string, counts: Record<string, number>) => {
    const res = await t.call('POST', '/api/v1/types', { name, counts });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  /** Everything stored about a type: fields, counts and its whole history. */
  const snapshotOf = async (id: string) => {
    const file = (await t.call('GET', '/api/v1/export')).body as DataFile;
    return file.types.find((x) => x.id === id);
  };

  it('rework moves models back, marked; history shows it as a rework group', async () => {
    const type = await create('Reworked', { DONE: 4 });
    const res = await t.call('POST', `/api/v1/types/${type.id}/rework`, {
      from_stage: 'DONE',
      to_stage: 'PRIMING',
      qty: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body.event).toMatchObject({
      from_stage: 'DONE',
      to_stage: 'PRIMING',
      qty: 1,
      rework: true,
    });
    expect(res.body.type.counts).toMatchObject({ PRIMING: 1, DONE: 3 });
    const history = await t.call('GET', `/api/v1/types/${type.id}/history`);
    expect(history.body.items[0]).toMatchObject({
      from_stage: 'DONE',
      to_stage: 'PRIMING',
      rework: true,
    });
    const { type_id, ...stored } = res.body.event;
    expect(type_id).toBe(type.id);
    expect((await snapshotOf(type.id))?.history.at(-1)).toEqual(stored);
  });

  it('refuses a rework forward or in place, too many models, a bad stage; nothing changes', async () => {
    const type = await create('Not reworked', { PRIMING: 2 });
    const before = await snapshotOf(type.id);
    const cases: [unknown, number, string][] = [
      [{ from_stage: 'PRIMING', to_stage: 'DONE', qty: 1 }, 400, 'ERR_INVALID_REWORK'],
      [{ from_stage: 'PRIMING', to_stage: 'PRIMING', qty: 1 }, 400, 'ERR_INVALID_REWORK'],
      [{ from_stage: 'PRIMING', to_stage: 'IN_BOX', qty: 3 }, 400, 'ERR_INSUFFICIENT_QTY'],
      [{ from_stage: 'DONE', to_stage: 'IN_BOX', qty: 1 }, 400, 'ERR_INSUFFICIENT_QTY'],
      [{ from_stage: 'PRIMED', to_stage: 'IN_BOX', qty: 1 }, 400, 'ERR_INVALID_STAGE'],
      [{ from_stage: 'PRIMING', to_stage: 'IN_BOX', qty: 0 }, 400, 'ERR_INVALID_QTY'],
      [{ from_stage: 'PRIMING', to_stage: 'IN_BOX', qty: 1, rework: true }, 400, 'ERR_VALIDATION'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.call('POST', `/api/v1/types/${type.id}/rework`, body);
      expect([body, res.status, res.body.error.code]).toEqual([body, status, code]);
    }
    const missing = await t.call('POST', `/api/v1/types/${MISSING}/rework`, {
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      qty: 1,
    });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ERR_TYPE_NOT_FOUND']);
    // A plain move backwards stays what it was.
    const back = await t.call('POST', `/api/v1/types/${type.id}/move`, {
      from_stage: 'PRIMING',
      to_stage: 'IN_BOX',
      qty: 1,
    });
    expect(back.body.error.code).toBe('ERR_INVALID_STAGE_TRANSITION');
    expect(await snapshotOf(type.id)).toEqual(before);
  });

  it('reverts a move, an add and a removal exactly; history hides the undone pair', async () => {
    const type = await create('Undone', { IN_BOX: 10 });
    const base = `/api/v1/types/${type.id}`;
    const move = await t.call('POST', `${base}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 3,
    });
    const undo = await t.call('POST', `${base}/revert`, { event_id: move.body.event.id });
    expect(undo.status).toBe(200);
    expect(undo.body.event).toMatchObject({
      from_stage: 'DONE',
      to_stage: 'IN_BOX',
      qty: 3,
      reverts: move.body.event.id,
    });
    expect(undo.body.event.created_at > move.body.event.created_at).toBe(true);
    expect(undo.body.type.counts).toMatchObject({ IN_BOX: 10, DONE: 0 });
    const history = await t.call('GET', `${base}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({ from_stage: null, qty: 10 })]);
    const add = await t.call('POST', `${base}/add`, { stage: 'PAINTING', qty: 2 });
    const unadd = await t.call('POST', `${base}/revert`, {
      event_id: add.body.event.id.toUpperCase(),
    });
    expect(unadd.body.event).toMatchObject({
      from_stage: 'PAINTING',
      to_stage: null,
      qty: 2,
      reverts: add.body.event.id,
    });
    const removal = await t.call('POST', `${base}/remove`, { stage: 'IN_BOX', qty: 4 });
    const unremove = await t.call('POST', `${base}/revert`, { event_id: removal.body.event.id });
    expect(unremove.body.event).toMatchObject({ from_stage: null, to_stage: 'IN_BOX', qty: 4 });
    expect(unremove.body.type.counts).toEqual({
      IN_BOX: 10,
      BUILDING: 0,
      PRIMING: 0,
      PAINTING: 0,
      DONE: 0,
    });
    const stored = await snapshotOf(type.id);
    expect(stored?.history.filter((e) => e.reverts !== undefined)).toHaveLength(3);
    expect(stored?.counts).toEqual(unremove.body.type.counts);
  });

  it('refuses an unknown, undone, foreign or spent event and an undo of an undo; nothing changes', async () => {
    const type = await create('Guarded undo', { IN_BOX: 5 });
    const other = await create('Other type', { IN_BOX: 1 });
    const base = `/api/v1/types/${type.id}`;
    const move = await t.call('POST', `${base}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'BUILDING',
      qty: 2,
    });
    const undo = await t.call('POST', `${base}/revert`, { event_id: move.body.event.id });
    expect(undo.status).toBe(200);
    // The first add's 5 models are partly gone on: undoing it needs 5 in the box.
    const spend = await t.call('POST', `${base}/move`, {
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
    });
    expect(spend.status).toBe(200);
    const [firstAdd] = (await snapshotOf(type.id))?.history ?? [];
    const foreign = (await snapshotOf(other.id))?.history[0];
    const before = await snapshotOf(type.id);
    const beforeOther = await snapshotOf(other.id);
    const cases: [unknown, number, string][] = [
      [{ event_id: MISSING }, 404, 'ERR_EVENT_NOT_FOUND'],
      [{ event_id: move.body.event.id }, 400, 'ERR_ALREADY_REVERTED'],
      [{ event_id: move.body.event.id.toUpperCase() }, 400, 'ERR_ALREADY_REVERTED'],
      [{ event_id: undo.body.event.id }, 400, 'ERR_NOT_REVERTIBLE'],
      [{ event_id: foreign?.id }, 400, 'ERR_EVENT_OF_OTHER_TYPE'],
      [{ event_id: firstAdd?.id }, 400, 'ERR_INSUFFICIENT_QTY'],
      [{ event_id: 'not-an-id' }, 400, 'ERR_VALIDATION'],
      [{}, 400, 'ERR_VALIDATION'],
      [{ event_id: spend.body.event.id, qty: 1 }, 400, 'ERR_VALIDATION'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.call('POST', `${base}/revert`, body);
      expect([body, res.status, res.body.error.code]).toEqual([body, status, code]);
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    const missingType = await t.call('POST', `/api/v1/types/${MISSING}/revert`, {
      event_id: spend.body.event.id,
    });
    expect([missingType.status, missingType.body.error.code]).toEqual([404, 'ERR_TYPE_NOT_FOUND']);
    expect(await snapshotOf(type.id)).toEqual(before);
    expect(await snapshotOf(other.id)).toEqual(beforeOther);
  });

  it('an undo and a move sent at once to the server: one applies, the other is refused', async () => {
    for (let round = 0; round < 5; round++) {
      const type = await create(`Simultaneous ${round}`, { IN_BOX: 5 });
      const base = `/api/v1/types/${type.id}`;
      const [add] = (await snapshotOf(type.id))?.history ?? [];
      const [undo, move] = await Promise.all([
        t.call('POST', `${base}/revert`, { event_id: add?.id }),
        t.call('POST', `${base}/move`, { from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 3 }),
      ]);
      const statuses = [undo.status, move.status].sort();
      expect(statuses).toEqual([200, 400]);
      const refused = undo.status === 400 ? undo : move;
      expect(refused.body.error.code).toBe('ERR_INSUFFICIENT_QTY');
      const stored = await snapshotOf(type.id);
      expect(stored?.history).toHaveLength(2);
      expect(stored?.counts).toEqual(
        undo.status === 200
          ? { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 }
          : { IN_BOX: 2, BUILDING: 3, PRIMING: 0, PAINTING: 0, DONE: 0 },
      );
    }
  });
});

/** A device's replica: the state it holds, synced through POST /sync. */
class Device {
  state: TrackerState = { types: [], events: [], tombstones: [] };
  private pushes = 0;
  constructor(
    private readonly name: string,
    private readonly call: ReturnType<typeof useTestApp>['call'],
  ) {}

  /** Pushes the whole replica, keeps the merged answer (SPEC §6), returns the report. */
  async sync() {
    const snapshot = stateToDataFile(this.state, new Date());
    const res = await this.call('POST', '/api/v1/sync', JSON.stringify({ snapshot }), {
      'idempotency-key': `${this.name}-${++this.pushes}`,
    });
    expect(res.status).toBe(200);
    const merged = unwrap(dataFileToState(unwrap(parseDataFile(res.body.snapshot))));
    this.state = mergeStates(this.state, merged).state;
    return res.body.report as { conflicts: { event: HistoryEvent; reason: string }[] };
  }

  /** Appends an event a shared planner made, as the app's database does. */
  apply(typeId: string, plan: (history: HistoryEvent[]) => { event: HistoryEvent }) {
    const history = this.state.events.filter((e) => e.type_id === typeId);
    const { event } = plan(history);
    this.state = mergeStates(this.state, { types: [], events: [event], tombstones: [] }).state;
    return event;
  }
}

describeEachDatabase('an undo racing a move on two devices', (kind) => {
  const t = useTestApp(kind);

  const cases = [
    ['undo', 'phone'],
    ['undo', 'desktop'],
    ['move', 'phone'],
    ['move', 'desktop'],
  ] as const;
  cases.forEach(([first, arrives], k) => {
    const later = first === 'undo' ? 'the move' : 'the undo';
    it(`${first} made first, ${arrives} syncs first: every replica converges, ${later} is the conflict`, async () => {
      const created = await t.call('POST', '/api/v1/types', {
        name: `Race ${k}`,
        counts: { IN_BOX: 5 },
      });
      const typeId = created.body.id as string;
      const phone = new Device(`phone-${k}-${kind.name}`, t.call);
      const desktop = new Device(`desktop-${k}-${kind.name}`, t.call);
      await phone.sync();
      await desktop.sync();
      const [add] = phone.state.events.filter((e) => e.type_id === typeId);
      const counts = (d: Device) => d.state.types.find((x) => x.id === typeId)!.counts;
      const t0 = Date.parse(add!.created_at);
      // Offline, the phone undoes the add of 5 while the desktop moves 3 of them.
      const undoAt = new Date(t0 + (first === 'undo' ? 1000 : 2000));
      const moveAt = new Date(t0 + (first === 'undo' ? 2000 : 1000));
      const undo = phone.apply(typeId, (history) =>
        unwrap(
          planRevert(
            { ...ledgerOf({ id: typeId, counts: counts(phone) }, history), history },
            { event_id: add!.id },
            { eventId: `5e0f0000-0000-4000-8000-0000000000${k}1`, now: undoAt },
          ),
        ),
      );
      const move = desktop.apply(typeId, (history) =>
        unwrap(
          planMove(
            ledgerOf({ id: typeId, counts: counts(desktop) }, history),
            { from_stage: 'IN_BOX', to_stage: 'BUILDING', qty: 3 },
            { eventId: `5e0f0000-0000-4000-8000-0000000000${k}2`, now: moveAt },
          ),
        ),
      );
      const order = arrives === 'phone' ? [phone, desktop] : [desktop, phone];
      const reports = [await order[0]!.sync(), await order[1]!.sync()];
      const loser = first === 'undo' ? move : undo;
      expect(reports[0]?.conflicts).toEqual([]);
      // The second push learns of the conflict, whether the loser is its own event or the server's.
      expect(reports[1]?.conflicts).toEqual([
        expect.objectContaining({
          type_id: typeId,
          event: expect.objectContaining({ id: loser.id }),
          reason: 'ERR_INSUFFICIENT_QTY',
        }),
      ]);
      await phone.sync();
      await desktop.sync();
      const server = (await t.call('GET', '/api/v1/export')).body as DataFile;
      const stored = server.types.find((x) => x.id === typeId)!;
      // Both events are kept (the loser set aside, never dropped); counts follow the winner.
      expect(stored.history.map((e) => e.id).sort()).toEqual([add!.id, undo.id, move.id].sort());
      expect(stored.counts).toEqual(
        first === 'undo'
          ? { IN_BOX: 0, BUILDING: 0, PRIMING: 0, PAINTING: 0, DONE: 0 }
          : { IN_BOX: 2, BUILDING: 3, PRIMING: 0, PAINTING: 0, DONE: 0 },
      );
      const file = (d: Device) => stateToDataFile(d.state, server.exported_at);
      expect(file(phone)).toEqual(server);
      expect(file(desktop)).toEqual(server);
    });
  });
});
