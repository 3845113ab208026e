import { afterEach, describe, expect, it } from 'vitest';
import { readGoal, setGoal } from './goal';
import { getLocalChangeSeq } from './meta';
import type { TrackerDb } from './schema';
import { readState } from './state-io';
import { freshDb } from './test-db';
import { createType, updateType, updateTypeAndArmy } from './types';

let db: TrackerDb;
afterEach(() => db?.delete());

describe('type fields and the goal (SPEC §9)', () => {
  it('creates with fields, edits only what changes, each with its own time', async () => {
    db = freshDb();
    const t0 = new Date('2026-03-01T10:00:00.000Z');
    const t = await createType(
      db,
      { name: 'Leman Russ', army: 'Astra Militarum', points_per_model: 10 } as never,
      t0,
    );
    expect(t).toMatchObject({ army: 'Astra Militarum', points_per_model: 10, notes: '' });
    const t1 = new Date('2026-03-02T10:00:00.000Z');
    const edited = await updateType(
      db,
      t.id,
      { army: 'Astra Militarum', notes: ' Tank\r\nGrey ' },
      t1,
    );
    expect(edited).toMatchObject({
      army_updated_at: t0.toISOString(),
      notes: 'Tank\nGrey',
      notes_updated_at: t1.toISOString(),
    });
    expect((await readState(db)).types).toEqual([edited]);
  });

  it('refuses a bad field with its code and changes nothing', async () => {
    db = freshDb();
    const t = await createType(db, { name: 'Boyz' });
    const seq = await getLocalChangeSeq(db);
    for (const [patch, code] of [
      [{ points_per_model: 1001 }, 'ERR_INVALID_POINTS'],
      [{ notes: 'x'.repeat(4001) }, 'ERR_NOTES_TOO_LONG'],
      [{ army: ' ' }, 'ERR_ARMY_INVALID'],
      [{ game: 'g'.repeat(81) }, 'ERR_GAME_INVALID'],
    ] as const) {
      await expect(updateType(db, t.id, patch)).rejects.toMatchObject({ code });
    }
    expect((await readState(db)).types).toEqual([t]);
    expect(await getLocalChangeSeq(db)).toBe(seq);
  });

  it('keeps the goal, which travels with the state and its exports', async () => {
    db = freshDb();
    expect(await readGoal(db)).toBeUndefined();
    const goal = await setGoal(
      db,
      { metric: 'models', period: 'week', target: 10 },
      new Date('2026-03-01T10:00:00.000Z'),
    );
    expect((await readState(db)).goal).toEqual(goal);
    await expect(
      setGoal(db, { metric: 'models', period: 'week', target: 0 }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_GOAL',
    });
    expect(await readGoal(db)).toEqual(goal);
  });

  it('renames an army on all its types in one transaction, each army with its own time', async () => {
    db = freshDb();
    const t0 = new Date('2026-03-01T10:00:00.000Z');
    const boyz = await createType(db, { name: 'Boyz', army: 'Orks' }, t0);
    const nobz = await createType(db, { name: 'Nobz', army: 'orks' }, t0);
    const other = await createType(db, { name: 'Warriors', army: 'Necrons' }, t0);
    const t1 = new Date('2026-03-02T10:00:00.000Z');
    const out = await updateTypeAndArmy(db, boyz.id, { army: 'Goff Orks', notes: 'x' }, true, t1);
    expect(out.others).toBe(1);
    const stored = new Map((await readState(db)).types.map((t) => [t.id, t]));
    expect(stored.get(boyz.id)).toMatchObject({ army: 'Goff Orks', notes: 'x' });
    expect(stored.get(nobz.id)).toMatchObject({
      army: 'Goff Orks',
      army_updated_at: t1.toISOString(),
      notes: '',
      notes_updated_at: t0.toISOString(),
    });
    expect(stored.get(other.id)).toEqual(other);
    // Without allOfArmy only the type moves; a refused value changes no type at all.
    await updateTypeAndArmy(db, nobz.id, { army: 'Orks' }, false, t1);
    expect((await db.types.get(boyz.id))!.army).toBe('Goff Orks');
    const before = await readState(db);
    await expect(
      updateTypeAndArmy(db, boyz.id, { army: 'a'.repeat(81) }, true),
    ).rejects.toMatchObject({ code: 'ERR_ARMY_INVALID' });
    expect(await readState(db)).toEqual(before);
  });
});
