import { describe, expect, it } from 'vitest';
import { defaultTypeFields } from '../schema/entities';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { stateToDataFile } from './export';
import { planImport } from './import';
import { readDataFile } from './read-data-file';
import { emptyState } from './state';

const A = uid(1);
const B = uid(2);
const sample = state(
  [
    type({ id: A, name: 'orks', counts: counts({ IN_BOX: 1, DONE: 1 }) }),
    type({
      id: B,
      name: 'Eldar',
      created_at: at(5),
      name_updated_at: at(9),
      counts: counts({ PRIMING: 2 }),
    }),
  ],
  [
    event({
      id: uid(12),
      type_id: A,
      from_stage: 'IN_BOX',
      to_stage: 'DONE',
      qty: 1,
      created_at: at(3),
    }),
    event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2, created_at: at(0) }),
    event({ id: uid(21), type_id: B, to_stage: 'PRIMING', qty: 2, created_at: at(5) }),
  ],
  [tombstone({ id: uid(8), deleted_at: at(7), merged_into: A }), tombstone({ id: uid(7) })],
);

describe('stateToDataFile', () => {
  it('writes the v2 header (SPEC §9), no goal, and the export time', () => {
    const file = stateToDataFile(sample, new Date('2026-11-22T10:00:00.000Z'));
    expect(file).toMatchObject({
      format: 'miniatures-tracker',
      version: 2,
      exported_at: '2026-11-22T10:00:00.000Z',
      goal: null,
      goal_updated_at: null,
    });
    expect(stateToDataFile(sample, '2026-11-22T10:00:00.000Z').exported_at).toBe(
      '2026-11-22T10:00:00.000Z',
    );
  });

  it('lists types A–Z case-insensitively, each with its history in replay order', () => {
    const file = stateToDataFile(sample, at(0));
    expect(file.types.map((t) => t.name)).toEqual(['Eldar', 'orks']);
    expect(file.types[1]).toEqual({
      id: A,
      name: 'orks',
      created_at: at(0),
      name_updated_at: at(0),
      ...defaultTypeFields(at(0)),
      counts: counts({ IN_BOX: 1, DONE: 1 }),
      history: [
        { id: uid(11), from_stage: null, to_stage: 'IN_BOX', qty: 2, created_at: at(0) },
        { id: uid(12), from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1, created_at: at(3) },
      ],
    });
  });

  it('lists tombstones by id', () => {
    expect(stateToDataFile(sample, at(0)).tombstones).toEqual([
      { id: uid(7), deleted_at: at(0), merged_into: null },
      { id: uid(8), deleted_at: at(7), merged_into: A },
    ]);
  });

  it('copies: changing the file does not change the state', () => {
    const file = stateToDataFile(sample, at(0));
    file.types[0]!.counts.PRIMING = 99;
    file.tombstones[0]!.deleted_at = at(1);
    expect(sample.types[1]!.counts.PRIMING).toBe(2);
    expect(sample.tombstones[0]!.deleted_at).toBe(at(0));
  });

  it('round-trips: export → JSON → read → import into an empty state gives the state back', () => {
    const text = JSON.stringify(stateToDataFile(sample, at(0)));
    const read = readDataFile(JSON.parse(text));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    // The file lists types A–Z; the state holds the same records (merge orders them by id).
    expect(read.value.types).toHaveLength(2);
    expect(read.value.types).toEqual(expect.arrayContaining(sample.types));
    expect(read.value.events).toEqual(expect.arrayContaining(sample.events));
    expect(read.value.tombstones).toEqual(sample.tombstones);
    expect(planImport(emptyState(), read.value, false).state).toEqual(sample);
  });

  it('exports an empty state as an empty, valid file', () => {
    const file = stateToDataFile(emptyState(), at(0));
    expect(file.types).toEqual([]);
    expect(readDataFile(file)).toEqual({ ok: true, value: emptyState() });
  });
});
