import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { atSec, event, uid } from '../test-support/builders';
import { planCreateType } from './operations';
import { replay } from './replay';
import { planRestoreCopy } from './type-copy';

const OLD = uid(1);
const NEW = uid(2);

function deletedOrks() {
  const created = planCreateType(
    { name: 'Ork Boyz', counts: { IN_BOX: 5 }, army: 'Orks', points_per_model: 9 },
    { typeId: OLD, now: atSec(0), newEventId: () => uid(10) },
    () => false,
  );
  if (!created.ok) throw new Error('setup');
  const move = event({
    id: uid(11),
    type_id: OLD,
    from_stage: 'IN_BOX',
    to_stage: 'DONE',
    qty: 2,
    created_at: atSec(10),
  });
  const undo = event({
    id: uid(12),
    type_id: OLD,
    from_stage: 'DONE',
    to_stage: 'IN_BOX',
    qty: 2,
    created_at: atSec(20),
    reverts: uid(11),
  });
  return { type: created.value.type, events: [...created.value.events, move, undo] };
}

describe('planRestoreCopy', () => {
  it('copies the type under a new id with every field, and its history with new event ids', () => {
    const deleted = deletedOrks();
    let n = 100;
    const out = planRestoreCopy(
      deleted,
      { typeId: NEW, newEventId: () => uid(++n), liveTypes: 3 },
      () => false,
    );
    if (!out.ok) throw new Error(out.code);
    expect(out.value.type).toEqual({ ...deleted.type, id: NEW });
    expect(out.value.events.map((e) => e.id)).toEqual([uid(101), uid(102), uid(103)]);
    expect(out.value.events.every((e) => e.type_id === NEW)).toBe(true);
    // The undo still undoes the same move, so the replay cancels the pair as before.
    expect(out.value.events[2]!.reverts).toBe(uid(102));
    const before = replay(deleted.events);
    const after = replay(out.value.events);
    expect(after.counts).toEqual(before.counts);
    expect(after.cancelled.size).toBe(2);
    expect(out.value.events.map((e) => e.created_at)).toEqual(
      deleted.events.map((e) => e.created_at),
    );
  });

  it('refuses a name taken meanwhile and a full store', () => {
    const deleted = deletedOrks();
    const ctx = { typeId: NEW, newEventId: () => uid(200), liveTypes: 0 };
    expect(planRestoreCopy(deleted, ctx, (n) => n === 'Ork Boyz')).toMatchObject({
      ok: false,
      code: 'ERR_NAME_TAKEN',
    });
    expect(
      planRestoreCopy(deleted, { ...ctx, liveTypes: LIMITS.types }, () => false),
    ).toMatchObject({ ok: false, code: 'ERR_LIMIT_REACHED' });
  });
});
