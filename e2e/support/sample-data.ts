import { randomUUID } from 'node:crypto';
import { defaultTypeFields, type FileEvent, type FileType, replay } from '@mpt/shared';

const STAGES = ['IN_BOX', 'BUILDING', 'PRIMING', 'PAINTING', 'DONE'] as const;
type Stage = (typeof STAGES)[number];

interface Plan {
  name: string;
  bought: number;
  /** Moves as [from, to, qty, days ago]; oldest first. */
  moves: [Stage, Stage, number, number][];
}

// A believable hobby pile: finished models spread over the last 12 weeks, so the
// Activity chart and the grouped history have something to show.
const PILE: Plan[] = [
  {
    name: 'Intercessors',
    bought: 10,
    moves: [
      ['IN_BOX', 'BUILDING', 10, 70],
      ['BUILDING', 'PRIMING', 10, 60],
      ['PRIMING', 'PAINTING', 5, 50],
      ['PAINTING', 'DONE', 3, 40],
      ['PAINTING', 'DONE', 2, 12],
    ],
  },
  {
    name: 'Ork Boyz',
    bought: 20,
    moves: [
      ['IN_BOX', 'BUILDING', 12, 45],
      ['BUILDING', 'PRIMING', 8, 30],
      ['PRIMING', 'DONE', 4, 20],
      ['IN_BOX', 'BUILDING', 3, 1],
    ],
  },
  {
    name: 'Necron Warriors',
    bought: 20,
    moves: [
      ['IN_BOX', 'BUILDING', 20, 15],
      ['BUILDING', 'PRIMING', 10, 5],
    ],
  },
  {
    name: 'Hormagaunts',
    bought: 16,
    moves: [
      ['IN_BOX', 'PRIMING', 16, 80],
      ['PRIMING', 'PAINTING', 16, 75],
      ['PAINTING', 'DONE', 6, 65],
      ['PAINTING', 'DONE', 10, 3],
    ],
  },
  { name: 'Кадианская пехота', bought: 10, moves: [['IN_BOX', 'BUILDING', 2, 2]] },
  {
    name: 'Adeptus Custodes Allarus Custodians (Terminator armour, Forge World upgrade)',
    bought: 5,
    moves: [],
  },
  { name: 'Plague Marines', bought: 7, moves: [] },
];

/** A type whose counts have four and five digits (readable on a 320 px phone?). */
export const BIG_PILE = {
  name: 'Big pile of Gretchin',
  counts: { IN_BOX: 99_999, BUILDING: 1234, PRIMING: 100, PAINTING: 12_345, DONE: 5432 },
} as const;

/**
 * A valid data file (SPEC §3) with a small, realistic collection whose dates are
 * relative to `now`: for screenshots and for flows that need history to look at.
 * `big` adds {@link BIG_PILE}, added three days ago (its Done ones count in Activity).
 */
export function sampleDataFile(now = Date.now(), options: { big?: boolean } = {}): string {
  const day = 86_400_000;
  const types = PILE.map((plan, i) => {
    const counts: Record<Stage, number> = {
      IN_BOX: 0,
      BUILDING: 0,
      PRIMING: 0,
      PAINTING: 0,
      DONE: 0,
    };
    const t0 = now - 85 * day + i * 60_000;
    const created = new Date(t0).toISOString();
    counts.IN_BOX = plan.bought;
    const history: FileEvent[] = [
      {
        id: randomUUID(),
        from_stage: null,
        to_stage: 'IN_BOX',
        qty: plan.bought,
        created_at: created,
      },
    ];
    for (const [k, [from, to, qty, ago]] of plan.moves.entries()) {
      counts[from] -= qty;
      counts[to] += qty;
      if (counts[from] < 0) throw new Error(`sample data: ${plan.name} goes below zero`);
      const at = new Date(now - ago * day + i * 60_000 + k).toISOString();
      history.push({ id: randomUUID(), from_stage: from, to_stage: to, qty, created_at: at });
    }
    return {
      id: randomUUID(),
      name: plan.name,
      created_at: created,
      name_updated_at: created,
      counts,
      history,
    };
  });
  if (options.big) {
    const at = new Date(now - 3 * day).toISOString();
    types.push({
      id: randomUUID(),
      name: BIG_PILE.name,
      created_at: at,
      name_updated_at: at,
      counts: { ...BIG_PILE.counts },
      history: STAGES.map((to) => ({
        id: randomUUID(),
        from_stage: null,
        to_stage: to,
        qty: BIG_PILE.counts[to],
        created_at: at,
      })),
    });
  }
  return JSON.stringify({
    format: 'miniatures-tracker',
    version: 1,
    exported_at: new Date(now).toISOString(),
    types,
    tombstones: [],
  });
}

/** One entry of a test history: from (null: an add), to, how many, how long ago (ms). */
export type HistoryStep = [from: string | null, to: string, qty: number, ago: number];

/**
 * A data file v2 (SPEC §9) of types with these histories, times relative to `now`,
 * each type's counts replayed from its history (shared's replay) and its v2 fields at
 * their defaults unless `fields` gives them; created when its first entry was made.
 */
export function historyFile(
  types: {
    name: string;
    history: HistoryStep[];
    fields?: Partial<Pick<FileType, 'army' | 'game' | 'points_per_model' | 'notes'>>;
  }[],
  now = Date.now(),
): string {
  const at = (ago: number) => new Date(now - ago).toISOString();
  return JSON.stringify({
    format: 'miniatures-tracker',
    version: 2,
    exported_at: at(0),
    goal: null,
    goal_updated_at: null,
    tombstones: [],
    types: types.map((t) => {
      const created = at(t.history[0]![3]);
      const history = t.history.map(([from, to, qty, ago]) => ({
        id: randomUUID(),
        from_stage: from,
        to_stage: to,
        qty,
        created_at: at(ago),
      })) as FileEvent[];
      return {
        id: randomUUID(),
        name: t.name,
        created_at: created,
        name_updated_at: created,
        ...defaultTypeFields(created),
        ...t.fields,
        counts: replay(history.map((e) => ({ ...e, type_id: '' }))).counts,
        history,
      };
    }),
  });
}
