import { unwrap } from '../errors';
import { planSetGoal } from '../pipeline/goal';
import {
  type Change,
  ledgerOf,
  planAdd,
  planCreateType,
  planDelete,
  planMove,
  planRemove,
  planRename,
} from '../pipeline/operations';
import { compareEvents } from '../pipeline/replay';
import { STAGES, stageIndex } from '../pipeline/stages';
import { planUpdateType } from '../pipeline/type-fields';
import { planRevert, planRework } from '../pipeline/undo';
import { type MiniatureType, TYPE_FIELDS } from '../schema/entities';
import { mergeStates } from '../transfer/merge';
import { emptyState, type TrackerState } from '../transfer/state';
import { mergeExtra } from '../values/extra';
import { nameKey } from '../values/names';
import { T0, uid } from './builders';

/**
 * Names that collide on purpose: case, inner whitespace, composed vs decomposed
 * accents and Cyrillic case all normalize to a few keys.
 */
export const NAME_POOL = [
  'Orks',
  'orks',
  ' ORKS ',
  'Space Marines',
  'space   marines',
  'Тираниды',
  'ТИРАНИДЫ',
  'Café Goblins',
  'Cafe\u0301 goblins',
  'Eldar',
] as const;

/** Values the edits of SPEC §9's fields choose from, one list per field: they collide. */
export const FIELD_POOLS = {
  army: ['Orks', 'orks', 'Space Marines', null, 'Тираниды'],
  game: ['Warhammer 40,000', 'Age of Sigmar', null],
  points_per_model: [0, 1, 5, 1000],
  notes: ['', 'Nuln Oil', 'Base: Mephiston Red\nShade: Agrax Earthshade'],
} as const;

/** Goals a replica sets (null clears it). */
export const GOAL_POOL = [
  null,
  { metric: 'models', period: 'week', target: 5 },
  { metric: 'points', period: 'month', target: 100 },
] as const;

/** Values of a field a newer version writes (SPEC §9's unknown fields). */
export const UNKNOWN_POOL = ['red', 'blue', 3, { layers: ['base', 'shade'] }, null] as const;

/** One step of a replica script; indices are taken modulo what exists. */
export type Op =
  | { kind: 'create'; replica: number; name: number; counts: [number, number, number] }
  | { kind: 'add'; replica: number; type: number; stage: number; qty: number }
  | { kind: 'move'; replica: number; type: number; from: number; to: number; qty: number }
  | { kind: 'remove'; replica: number; type: number; stage: number; qty: number }
  | { kind: 'rename'; replica: number; type: number; name: number }
  | { kind: 'delete'; replica: number; type: number }
  | { kind: 'revert'; replica: number; type: number; pick: number }
  | { kind: 'rework'; replica: number; type: number; from: number; to: number; qty: number }
  | { kind: 'edit'; replica: number; type: number; field: number; value: number }
  | { kind: 'goal'; replica: number; value: number }
  | {
      kind: 'unknown';
      replica: number;
      on: 'file' | 'type' | 'event';
      type: number;
      pick: number;
      value: number;
    }
  | { kind: 'sync'; replica: number; other: number; twoWay: boolean }
  | { kind: 'tick'; ms: number };

/** Clock skew of each replica, in ms: one runs behind, one ahead. */
const SKEW = [0, -5_000, 2_000, -60_000];

/** A world of replicas sharing one id universe (`prefix` keeps worlds disjoint). */
export interface World {
  replicas: TrackerState[];
  prefix: number;
  nextId: number;
  clock: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Puts a state in the canonical order merge produces. */
export function canonical(s: TrackerState): TrackerState {
  return {
    types: [...s.types].sort(byId),
    events: [...s.events].sort(compareEvents),
    tombstones: [...s.tombstones].sort(byId),
  };
}

function freshId(world: World): string {
  world.nextId += 1;
  return uid(world.nextId, world.prefix);
}

function pickType(s: TrackerState, index: number): MiniatureType | undefined {
  return s.types.length === 0 ? undefined : s.types[index % s.types.length];
}

const takenBy = (s: TrackerState, exceptId: string | null) => (name: string) =>
  s.types.some((t) => t.id !== exceptId && nameKey(t.name) === nameKey(name));

function applyChange(s: TrackerState, t: MiniatureType, change: Change): TrackerState {
  return canonical({
    types: s.types.map((x) => (x.id === t.id ? { ...x, counts: change.counts } : x)),
    events: [...s.events, change.event],
    tombstones: s.tombstones,
  });
}

/** A newer version's field `name` set now, with its `name_updated_at` (SPEC §9's convention). */
function newerField(extra: TrackerState['extra'], name: string, value: number, now: Date) {
  const set = {
    [name]: UNKNOWN_POOL[value % UNKNOWN_POOL.length],
    [`${name}_updated_at`]: now.toISOString(),
  };
  return mergeExtra(extra, JSON.parse(JSON.stringify(set)));
}

/** Applies one script step through the shared/ operation functions; failed plans change nothing. */
export function step(world: World, op: Op): void {
  if (op.kind === 'tick') {
    world.clock += op.ms;
    return;
  }
  const r = op.replica % world.replicas.length;
  const s = world.replicas[r]!;
  const now = new Date(T0 + world.clock + (SKEW[r % SKEW.length] ?? 0));
  let next: TrackerState = s;
  if (op.kind === 'sync') {
    const o = op.other % world.replicas.length;
    const merged = mergeStates(s, world.replicas[o]!).state;
    world.replicas[r] = merged;
    if (op.twoWay) world.replicas[o] = merged;
    return;
  }
  if (op.kind === 'goal') {
    const goal = planSetGoal(s.goal, GOAL_POOL[op.value % GOAL_POOL.length], now);
    if (goal.ok) world.replicas[r] = { ...s, goal: goal.value };
    return;
  }
  if (op.kind === 'unknown' && op.on === 'file') {
    world.replicas[r] = { ...s, extra: newerField(s.extra, 'x_theme', op.value, now) };
    return;
  }
  if (op.kind === 'create') {
    const [a, b, c] = op.counts;
    const planned = planCreateType(
      { name: NAME_POOL[op.name % NAME_POOL.length], counts: { IN_BOX: a, PRIMING: b, DONE: c } },
      { typeId: freshId(world), now, newEventId: () => freshId(world) },
      takenBy(s, null),
    );
    if (planned.ok) {
      next = canonical({
        types: [...s.types, planned.value.type],
        events: [...s.events, ...planned.value.events],
        tombstones: s.tombstones,
      });
    }
  } else {
    const t = pickType(s, op.type);
    if (!t) return;
    const ledger = ledgerOf(
      t,
      s.events.filter((e) => e.type_id === t.id),
    );
    const ctx = { eventId: '', now };
    if (['add', 'remove', 'move', 'revert', 'rework'].includes(op.kind))
      ctx.eventId = freshId(world);
    // Moves and removals pick among the stages that hold models, and qty 0 means
    // "all of them", so most of them succeed and concurrent ones really compete.
    const held = STAGES.filter((x) => t.counts[x] > 0);
    if (op.kind === 'add') {
      const c = planAdd(ledger, { stage: STAGES[op.stage % 5], qty: op.qty }, ctx);
      if (c.ok) next = applyChange(s, t, c.value);
    } else if (op.kind === 'remove') {
      const stage = held.length === 0 ? 'IN_BOX' : held[op.stage % held.length]!;
      const qty = op.qty === 0 ? t.counts[stage] : op.qty;
      const c = planRemove(ledger, { stage, qty }, ctx);
      if (c.ok) next = applyChange(s, t, c.value);
    } else if (op.kind === 'move') {
      const from = held.length === 0 ? 'IN_BOX' : held[op.from % held.length]!;
      const qty = op.qty === 0 ? t.counts[from] : op.qty;
      const c = planMove(ledger, { from_stage: from, to_stage: STAGES[op.to % 5], qty }, ctx);
      if (c.ok) next = applyChange(s, t, c.value);
    } else if (op.kind === 'revert') {
      const history = s.events.filter((e) => e.type_id === t.id);
      const target = history[op.pick % Math.max(1, history.length)];
      if (!target) return;
      const c = planRevert({ ...ledger, history }, { event_id: target.id }, ctx);
      if (c.ok) next = applyChange(s, t, c.value);
    } else if (op.kind === 'rework') {
      const back = held.filter((x) => x !== 'IN_BOX');
      if (back.length === 0) return;
      const from = back[op.from % back.length]!;
      const qty = op.qty === 0 ? t.counts[from] : op.qty;
      const to = STAGES[op.to % stageIndex(from)]!;
      const c = planRework(ledger, { from_stage: from, to_stage: to, qty }, ctx);
      if (c.ok) next = applyChange(s, t, c.value);
    } else if (op.kind === 'edit') {
      const field = TYPE_FIELDS[op.field % TYPE_FIELDS.length]!;
      const pool = FIELD_POOLS[field];
      const update = planUpdateType(t, { [field]: pool[op.value % pool.length] }, now, () => false);
      if (update.ok) {
        next = { ...s, types: s.types.map((x) => (x.id === t.id ? { ...x, ...update.value } : x)) };
      }
    } else if (op.kind === 'unknown') {
      if (op.on === 'type') {
        const extra = newerField(t.extra, 'x_color', op.value, now);
        next = { ...s, types: s.types.map((x) => (x.id === t.id ? { ...x, extra } : x)) };
      } else {
        const history = s.events.filter((e) => e.type_id === t.id);
        const target = history[op.pick % Math.max(1, history.length)];
        if (!target) return;
        const extra = newerField(target.extra, 'x_photo', op.value, now);
        next = { ...s, events: s.events.map((e) => (e.id === target.id ? { ...e, extra } : e)) };
      }
    } else if (op.kind === 'rename') {
      const planned = planRename(t, NAME_POOL[op.name % NAME_POOL.length], now, takenBy(s, t.id));
      if (planned.ok) {
        next = {
          ...s,
          types: s.types.map((x) => (x.id === t.id ? { ...x, ...planned.value } : x)),
        };
      }
    } else {
      next = canonical({
        types: s.types.filter((x) => x.id !== t.id),
        events: s.events.filter((e) => e.type_id !== t.id),
        tombstones: [...s.tombstones, unwrap(planDelete(t.id, now))],
      });
    }
  }
  world.replicas[r] = next;
}

/** Runs a script over `replicaCount` empty replicas and returns the world. */
export function runScript(ops: readonly Op[], replicaCount = 3, prefix = 0): World {
  const world: World = {
    replicas: Array.from({ length: replicaCount }, emptyState),
    prefix,
    nextId: 0,
    clock: 0,
  };
  for (const op of ops) step(world, op);
  return world;
}
