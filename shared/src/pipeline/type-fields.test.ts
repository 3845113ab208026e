import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { at, type, uid } from '../test-support/builders';
import { planCreateType } from './operations';
import { planUpdateType, validateGroupName, validatePoints } from './type-fields';

const NOW = at(60_000);
const free = () => false;

describe('field rules (SPEC §9)', () => {
  it('army and game: null, or a name of 1–80 code points by the rules of SPEC §8', () => {
    expect(validateGroupName('army', null)).toEqual({ ok: true, value: null });
    expect(validateGroupName('army', '  Orks\u200b  ')).toEqual({ ok: true, value: 'Orks' });
    expect(validateGroupName('game', '🎨'.repeat(80))).toMatchObject({ ok: true });
    expect(validateGroupName('army', 'x'.repeat(81))).toEqual({
      ok: false,
      code: 'ERR_ARMY_INVALID',
      details: { reason: 'too_long', max: 80, length: 81 },
    });
    expect(validateGroupName('game', '\u200b')).toEqual({
      ok: false,
      code: 'ERR_GAME_INVALID',
      details: { reason: 'empty', max: 80 },
    });
    expect(validateGroupName('army', 7)).toMatchObject({ code: 'ERR_ARMY_INVALID' });
  });

  it('points per model: a whole number 0–1 000', () => {
    for (const ok of [0, 1, 1000]) expect(validatePoints(ok)).toEqual({ ok: true, value: ok });
    for (const bad of [-1, 1001, 1.5, '5', null, Number.NaN]) {
      expect(validatePoints(bad)).toEqual({
        ok: false,
        code: 'ERR_INVALID_POINTS',
        details: { min: 0, max: LIMITS.pointsPerModel },
      });
    }
  });
});

describe('planUpdateType', () => {
  const t = type({ id: uid(1), name: 'Orks', created_at: at(0) });

  it('sets each given field with its own time, leaving the others alone', () => {
    const r = planUpdateType(t, { army: ' Goffs ', points_per_model: 5 }, NOW, free);
    expect(r).toEqual({
      ok: true,
      value: {
        army: 'Goffs',
        army_updated_at: NOW,
        points_per_model: 5,
        points_per_model_updated_at: NOW,
      },
    });
  });

  it('changes nothing for a value equal to the current one (a form that sends everything)', () => {
    const r = planUpdateType(
      t,
      { name: 'Orks', army: null, notes: '  ', points_per_model: 1 },
      NOW,
      free,
    );
    expect(r).toEqual({ ok: true, value: {} });
  });

  it('keeps every field time monotonic when the clock went back', () => {
    const edited = { ...t, notes: 'a', notes_updated_at: at(90_000) };
    expect(planUpdateType(edited, { notes: 'b' }, NOW, free)).toMatchObject({
      value: { notes: 'b', notes_updated_at: at(90_001) },
    });
  });

  it('clears an army with null, and renames through the name rules', () => {
    const inArmy = { ...t, army: 'Goffs' };
    expect(planUpdateType(inArmy, { army: null }, NOW, free)).toMatchObject({
      value: { army: null },
    });
    expect(planUpdateType(t, { name: 'Taken' }, NOW, () => true)).toMatchObject({
      code: 'ERR_NAME_TAKEN',
    });
  });

  it('refuses a bad field with its code and changes nothing', () => {
    for (const [patch, code] of [
      [{ army: 'x'.repeat(81) }, 'ERR_ARMY_INVALID'],
      [{ game: '' }, 'ERR_GAME_INVALID'],
      [{ points_per_model: 1001 }, 'ERR_INVALID_POINTS'],
      [{ notes: 'x'.repeat(LIMITS.notesLength + 1) }, 'ERR_NOTES_TOO_LONG'],
      [{ name: ' ' }, 'ERR_NAME_INVALID'],
    ] as const) {
      // a valid army beside the bad field: the whole edit fails
      const edit = Object.assign({ army: 'Goffs' }, patch);
      expect(planUpdateType(t, edit, NOW, free)).toMatchObject({
        ok: false,
        code,
      });
    }
  });
});

describe('planCreateType with the fields of SPEC §9', () => {
  it('sets them at creation, dated at creation; defaults otherwise', () => {
    const r = planCreateType(
      {
        name: 'Leman Russ',
        army: 'Astra Militarum',
        game: 'Warhammer 40,000',
        points_per_model: 10,
        notes: 'Tank',
      },
      { typeId: uid(1), now: NOW, newEventId: () => uid(2) },
      free,
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        type: {
          army: 'Astra Militarum',
          army_updated_at: NOW,
          game: 'Warhammer 40,000',
          points_per_model: 10,
          notes: 'Tank',
          notes_updated_at: NOW,
        },
      },
    });
    const bad = planCreateType(
      { name: 'X', points_per_model: -1 },
      { typeId: uid(1), now: NOW, newEventId: () => uid(2) },
      free,
    );
    expect(bad).toMatchObject({ ok: false, code: 'ERR_INVALID_POINTS' });
  });
});
