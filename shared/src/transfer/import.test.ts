import { describe, expect, it } from 'vitest';
import { at, counts, event, state, tombstone, type, uid } from '../test-support/builders';
import { planImport } from './import';
import { mergeStates } from './merge';
import { emptyState } from './state';

const A = uid(1);
const B = uid(2);
const C = uid(3);

const current = state(
  [type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 2 }) })],
  [event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2 })],
  [tombstone({ id: C })],
);

describe('planImport', () => {
  it('reports created types and added events into an empty state', () => {
    const plan = planImport(emptyState(), current, false);
    expect(plan.state).toEqual(current);
    expect(plan.report).toEqual({
      types_created: 1,
      types_merged: 0,
      events_added: 1,
      events_skipped: 0,
      conflicts: [],
      types_deleted: [],
      types_folded: [],
      changed: true,
      dry_run: false,
    });
  });

  // Issue 8, item 11: the report names what the import deletes and folds, and says
  // when nothing is new.
  it('names the local types a file deletes, with the local events that go with them', () => {
    const local = state(
      [type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 1, DONE: 1 }) })],
      [
        event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2 }),
        event({ id: uid(12), type_id: A, from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1 }),
      ],
    );
    const file = state([], [], [tombstone({ id: A, deleted_at: at(50) })]);
    const plan = planImport(local, file, true);
    expect(plan.report).toMatchObject({
      types_deleted: [{ id: A, name: 'Orks', events: 2 }],
      types_folded: [],
      changed: true,
    });
  });

  it('names the types it folds by name, from the file and from the data', () => {
    const file = state(
      [
        type({
          id: B,
          name: 'ORKS',
          created_at: at(10),
          name_updated_at: at(10),
          counts: counts({ DONE: 4 }),
        }),
      ],
      [event({ id: uid(21), type_id: B, to_stage: 'DONE', qty: 4, created_at: at(10) })],
    );
    expect(planImport(current, file, true).report.types_folded).toEqual([
      { id: B, name: 'ORKS', into_id: A, into_name: 'Orks', events: 1 },
    ]);
    // The file's type is older: the local one folds into it.
    const older = state([
      type({
        id: B,
        name: 'orks',
        created_at: at(-10),
        name_updated_at: at(-10),
        counts: counts(),
      }),
    ]);
    expect(planImport(current, older, true).report.types_folded).toEqual([
      { id: A, name: 'Orks', into_id: B, into_name: 'orks', events: 1 },
    ]);
  });

  it('says nothing changes when the file holds nothing new (a re-import)', () => {
    const again = planImport(current, current, true);
    expect(again.report).toMatchObject({
      types_created: 0,
      events_added: 0,
      types_deleted: [],
      types_folded: [],
      changed: false,
    });
    expect(planImport(emptyState(), emptyState(), true).report.changed).toBe(false);
  });

  it('counts a type folded into another new type of the file as neither created nor merged', () => {
    const file = state([
      type({ id: B, name: 'Goffs', created_at: at(1), name_updated_at: at(1) }),
      type({ id: C, name: 'GOFFS', created_at: at(2), name_updated_at: at(2) }),
    ]);
    const { report } = planImport(emptyState(), file, true);
    expect(report).toMatchObject({ types_created: 1, types_merged: 0 });
    expect(report.types_folded).toEqual([
      { id: C, name: 'GOFFS', into_id: B, into_name: 'Goffs', events: 0 },
    ]);
  });

  it('counts a type with a known id, or folded by name, as merged; known events as skipped', () => {
    const file = state(
      [
        type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 3 }) }),
        type({
          id: B,
          name: 'ORKS',
          created_at: at(10),
          name_updated_at: at(10),
          counts: counts({ DONE: 4 }),
        }),
      ],
      [
        event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2 }),
        event({ id: uid(12), type_id: A, to_stage: 'IN_BOX', qty: 1, created_at: at(5) }),
        event({ id: uid(21), type_id: B, to_stage: 'DONE', qty: 4, created_at: at(10) }),
      ],
    );
    const plan = planImport(current, file, false);
    expect(plan.report).toMatchObject({
      types_created: 0,
      types_merged: 2,
      events_added: 2,
      events_skipped: 1,
      conflicts: [],
    });
    expect(plan.state.types).toEqual([
      type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 3, DONE: 4 }) }),
    ]);
  });

  it('ignores types the current state has deleted, and their events', () => {
    const file = state(
      [type({ id: C, name: 'Eldar', counts: counts({ IN_BOX: 1 }) })],
      [event({ id: uid(31), type_id: C })],
    );
    const plan = planImport(current, file, false);
    expect(plan.state).toEqual(current);
    expect(plan.report).toMatchObject({
      types_created: 0,
      types_merged: 0,
      events_added: 0,
      events_skipped: 1,
    });
  });

  it('reports conflicts the import causes', () => {
    const file = state(
      [type({ id: A, name: 'Orks', counts: counts({ IN_BOX: 0 }) })],
      [
        event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2 }),
        event({
          id: uid(12),
          type_id: A,
          from_stage: 'IN_BOX',
          to_stage: null,
          qty: 2,
          created_at: at(5),
        }),
      ],
    );
    const mine = state(
      [type({ id: A, name: 'Orks', counts: counts({ DONE: 2 }) })],
      [
        event({ id: uid(11), type_id: A, to_stage: 'IN_BOX', qty: 2 }),
        event({
          id: uid(13),
          type_id: A,
          from_stage: 'IN_BOX',
          to_stage: 'DONE',
          qty: 2,
          created_at: at(3),
        }),
      ],
    );
    const plan = planImport(mine, file, false);
    expect(plan.report.conflicts).toEqual([
      { type_id: A, type_name: 'Orks', event: file.events[1], reason: 'ERR_INSUFFICIENT_QTY' },
    ]);
    expect(plan.report.events_added).toBe(1);
    expect(plan.state.events.map((e) => e.id)).toContain(uid(12));
  });

  it('reports the same on a dry run and says so; it never writes anything itself', () => {
    const file = state([type({ id: B, name: 'Eldar' })]);
    const real = planImport(current, file, false);
    const dry = planImport(current, file, true);
    expect(dry.report).toEqual({ ...real.report, dry_run: true });
    expect(dry.state).toEqual(real.state);
    expect(current.types.map((t) => t.id)).toEqual([A]);
  });

  it('is the merge of the current state and the file', () => {
    const file = state([type({ id: B, name: 'Eldar' })], [], [tombstone({ id: A })]);
    expect(planImport(current, file, false).state).toEqual(mergeStates(current, file).state);
  });

  it('adds nothing when the same file is imported again', () => {
    const file = state(
      [type({ id: B, name: 'Eldar', counts: counts({ IN_BOX: 1 }) })],
      [event({ id: uid(21), type_id: B })],
    );
    const once = planImport(current, file, false);
    const twice = planImport(once.state, file, false);
    expect(twice.state).toEqual(once.state);
    expect(twice.report).toMatchObject({
      types_created: 0,
      types_merged: 1,
      events_added: 0,
      events_skipped: 1,
    });
  });
});
