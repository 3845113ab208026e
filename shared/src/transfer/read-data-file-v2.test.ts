import { describe, expect, it } from 'vitest';
import type { Result } from '../errors';
import { LIMITS } from '../limits';
import { replay } from '../pipeline/replay';
import type { Tombstone } from '../schema/entities';
import {
  at,
  counts,
  dataFileV2,
  fileEvent,
  fileTypeV2,
  tombstone,
  uid,
} from '../test-support/builders';
import { stateToDataFile } from './export';
import { readDataFile } from './read-data-file';

/**
 * A v2 file as plain JSON: one type with an army, points and notes, whose history has
 * an add, a move into DONE, its undo, a move into DONE again and a rework; a goal;
 * and a field a newer version wrote at every level.
 */
function sampleV2(): Record<string, unknown> & {
  types: (Record<string, unknown> & { history: Record<string, unknown>[] })[];
  tombstones: Record<string, unknown>[];
} {
  const file = dataFileV2(
    [
      {
        ...fileTypeV2({
          id: uid(1),
          name: 'Leman Russ',
          army: 'Astra Militarum',
          army_updated_at: at(5),
          points_per_model: 20,
          points_per_model_updated_at: at(6),
          notes: 'Base: Castellan Green\nShade: Nuln Oil',
          notes_updated_at: at(7),
          counts: counts({ PRIMING: 1, DONE: 1 }),
          history: [
            fileEvent({ id: uid(101), to_stage: 'IN_BOX', qty: 2, created_at: at(0) }),
            fileEvent({
              id: uid(102),
              from_stage: 'IN_BOX',
              to_stage: 'DONE',
              qty: 2,
              created_at: at(10),
            }),
            {
              ...fileEvent({
                id: uid(103),
                from_stage: 'DONE',
                to_stage: 'IN_BOX',
                qty: 2,
                created_at: at(11),
              }),
              reverts: uid(102),
            },
            fileEvent({
              id: uid(104),
              from_stage: 'IN_BOX',
              to_stage: 'DONE',
              qty: 2,
              created_at: at(20),
            }),
            {
              ...fileEvent({
                id: uid(105),
                from_stage: 'DONE',
                to_stage: 'PRIMING',
                qty: 1,
                created_at: at(30),
              }),
              rework: true,
              x_photo: 'broken-arm.jpg',
            },
          ],
        }),
        x_color: 'olive',
        x_color_updated_at: at(8),
      },
    ],
    [{ ...tombstone({ id: uid(9), deleted_at: at(50) }), x_reason: 'sold' } as Tombstone],
    { goal: { metric: 'points', period: 'month', target: 200 }, goal_updated_at: at(40) },
  );
  return JSON.parse(JSON.stringify({ ...file, x_app: { build: 7 } }));
}

type Json = ReturnType<typeof sampleV2>;
const broken = (change: (f: Json) => void): Json => {
  const f = sampleV2();
  change(f);
  return f;
};

function expectRejected(result: Result<unknown>, code: string, path: string, reason?: string) {
  expect(result).toMatchObject({ ok: false, code, details: { path } });
  if (reason !== undefined) expect(result).toMatchObject({ details: { reason } });
}

describe('readDataFile: version 2 (SPEC §9)', () => {
  it('reads every field, the undo and the rework, the goal and the unknown fields', () => {
    const r = readDataFile(sampleV2());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    expect(s.types[0]).toMatchObject({
      army: 'Astra Militarum',
      army_updated_at: at(5),
      game: null,
      points_per_model: 20,
      notes: 'Base: Castellan Green\nShade: Nuln Oil',
      counts: counts({ PRIMING: 1, DONE: 1 }),
      extra: { x_color: 'olive', x_color_updated_at: at(8) },
    });
    expect(s.events.find((e) => e.id === uid(103))).toMatchObject({ reverts: uid(102) });
    expect(s.events.find((e) => e.id === uid(105))).toMatchObject({
      rework: true,
      extra: { x_photo: 'broken-arm.jpg' },
    });
    expect(s.events.find((e) => e.id === uid(101))).not.toHaveProperty('extra');
    expect(s.tombstones).toEqual([
      { ...tombstone({ id: uid(9), deleted_at: at(50) }), extra: { x_reason: 'sold' } },
    ]);
    expect(s.goal).toEqual({
      value: { metric: 'points', period: 'month', target: 200 },
      updated_at: at(40),
    });
    expect(s.extra).toEqual({ x_app: { build: 7 } });
  });

  it('writes back exactly what it read, unknown fields included', () => {
    const file = sampleV2();
    const r = readDataFile(file);
    if (!r.ok) throw new Error(r.code);
    const again = stateToDataFile(r.value, file.exported_at as string);
    expect(again).toEqual(file);
  });

  it('keeps unknown fields named __proto__, extra or toString as plain fields', () => {
    const text = JSON.stringify(sampleV2()).replace(
      '"x_color":"olive"',
      '"__proto__":{"evil":1},"extra":[1],"toString":"s","x_color":"olive"',
    );
    const r = readDataFile(JSON.parse(text));
    if (!r.ok) throw new Error(r.code);
    const extra = r.value.types[0]!.extra!;
    expect(Object.keys(extra).sort()).toEqual([
      '__proto__',
      'extra',
      'toString',
      'x_color',
      'x_color_updated_at',
    ]);
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    const out = JSON.stringify(stateToDataFile(r.value, at(0)));
    expect(out).toContain('"__proto__":{"evil":1},"extra":[1],"toString":"s"');
  });

  it('keeps an undo whose event is not in its type, set aside by the replay', () => {
    const f = broken((f) => {
      f.types[0]!.history[2]!.reverts = uid(999);
    });
    // Without the undo, the second move into DONE finds the box empty: both set aside,
    // and the file's counts (the rework from the first move's 2) still match.
    const r = readDataFile(f);
    if (!r.ok) throw new Error(r.code);
    expect(replay(r.value.events).skipped.map((e) => e.id)).toEqual([uid(103), uid(104)]);
    expect(r.value.events.find((e) => e.id === uid(103))).toMatchObject({ reverts: uid(999) });
  });

  it('accepts two undos of one event: the later one is set aside (once per event)', () => {
    const f = broken((f) => {
      const h = f.types[0]!.history;
      h.splice(3, 2);
      h.push({ ...h[2]!, id: uid(106), created_at: at(12) });
      f.types[0]!.counts = counts({ IN_BOX: 2 });
    });
    expect(readDataFile(f).ok).toBe(true);
  });
});

describe('readDataFile rejects a broken v2 file, at the JSON path of the problem', () => {
  it('a newer major version with ERR_IMPORT_UNSUPPORTED_VERSION ("update the app")', () => {
    for (const version of [3, 99]) {
      expect(
        readDataFile(
          broken((f) => {
            f.version = version;
          }),
        ),
      ).toEqual({
        ok: false,
        code: 'ERR_IMPORT_UNSUPPORTED_VERSION',
        details: { path: '$.version', version, supported: [1, 2] },
      });
    }
  });

  it.each<[string, (f: Json) => void, string, string, string]>([
    [
      'a missing army',
      (f) => void delete f.types[0]!.army,
      'ERR_IMPORT_INVALID',
      '$.types[0].army',
      'invalid_type',
    ],
    [
      'an army of 81 code points',
      (f) => {
        f.types[0]!.army = 'x'.repeat(81);
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].army',
      'ERR_ARMY_INVALID',
    ],
    [
      'an invisible game',
      (f) => {
        f.types[0]!.game = '\u200b';
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].game',
      'ERR_GAME_INVALID',
    ],
    [
      '1 001 points',
      (f) => {
        f.types[0]!.points_per_model = 1001;
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].points_per_model',
      'too_big',
    ],
    [
      'negative points',
      (f) => {
        f.types[0]!.points_per_model = -1;
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].points_per_model',
      'too_small',
    ],
    [
      'fractional points',
      (f) => {
        f.types[0]!.points_per_model = 1.5;
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].points_per_model',
      'invalid_type',
    ],
    [
      'notes too long',
      (f) => {
        f.types[0]!.notes = 'x'.repeat(LIMITS.notesLength + 1);
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].notes',
      'ERR_NOTES_TOO_LONG',
    ],
    [
      'notes changed before the type existed',
      (f) => {
        f.types[0]!.notes_updated_at = '1999-01-01T00:00:00.000Z';
      },
      'ERR_IMPORT_INCONSISTENT',
      '$.types[0].notes_updated_at',
      'before_created_at',
    ],
    [
      'a rework forward',
      (f) =>
        void Object.assign(f.types[0]!.history[4]!, { from_stage: 'PRIMING', to_stage: 'DONE' }),
      'ERR_IMPORT_INVALID',
      '$.types[0].history[4]',
      'ERR_INVALID_REWORK',
    ],
    [
      'rework: false',
      (f) => {
        f.types[0]!.history[4]!.rework = false;
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].history[4].rework',
      'invalid_value',
    ],
    [
      'a backward move without rework',
      (f) => void delete f.types[0]!.history[4]!.rework,
      'ERR_IMPORT_INVALID',
      '$.types[0].history[4]',
      'ERR_INVALID_STAGE_TRANSITION',
    ],
    [
      'an undo that is not the exact inverse',
      (f) => {
        f.types[0]!.history[2]!.to_stage = 'PRIMING';
      },
      'ERR_IMPORT_INCONSISTENT',
      '$.types[0].history[2]',
      'revert_mismatch',
    ],
    [
      'an undo of an undo',
      (f) => void Object.assign(f.types[0]!.history[3]!, { reverts: uid(103) }),
      'ERR_IMPORT_INCONSISTENT',
      '$.types[0].history[3].reverts',
      'revert_of_revert',
    ],
    [
      'an undo that is not an id',
      (f) => {
        f.types[0]!.history[2]!.reverts = 'last one';
      },
      'ERR_IMPORT_INVALID',
      '$.types[0].history[2].reverts',
      'invalid_format',
    ],
    [
      'a goal of 0',
      (f) => {
        (f.goal as { target: number }).target = 0;
      },
      'ERR_IMPORT_INVALID',
      '$.goal.target',
      'too_small',
    ],
    [
      'a goal with an unknown metric',
      (f) => {
        (f.goal as { metric: string }).metric = 'hours';
      },
      'ERR_IMPORT_INVALID',
      '$.goal.metric',
      'invalid_value',
    ],
    [
      'a goal without its time',
      (f) => {
        f.goal_updated_at = null;
      },
      'ERR_IMPORT_INCONSISTENT',
      '$.goal_updated_at',
      'goal_without_time',
    ],
    ['a missing goal', (f) => void delete f.goal, 'ERR_IMPORT_INVALID', '$.goal', 'invalid_type'],
    [
      'counts that differ from the replay with the undo',
      (f) => {
        f.types[0]!.counts = counts({ DONE: 2 });
      },
      'ERR_IMPORT_INCONSISTENT',
      '$.types[0].counts',
      'counts_differ_from_history',
    ],
  ])('%s', (_, change, code, path, reason) => {
    expectRejected(readDataFile(broken(change)), code, path, reason);
  });
});
