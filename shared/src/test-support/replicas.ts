import { unwrap } from '../errors';
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
import { STAGES } from '../pipeline/stages';
import type { MiniatureType } from '../schema/entities';
import { mergeStates } from '../transfer/merge';
import { emptyState, type TrackerState } from '../transfer/state';
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

/** One step of a replica script; indices are taken modulo what exists. */
export type Op =
  | { kind: 'create'; replica: number; name: number; counts: [number, number, number] }
  | { kind: 'add'; replica: number; type: number; stage: number; qty: number }
  | { kind: 'move'; replica: number; type: number; from: number; to: number; qty: number }
  | { kind: 'remove'; replica: number; type: number; stage: number; qty: number }
  | { kind: 'rename'; replica: number; type: number; name: number }
  | { kind: 'delete'; replica: number; type: number }
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
    if (op.kind === 'add' || op.kind === 'remove' || op.kind === 'move')
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
