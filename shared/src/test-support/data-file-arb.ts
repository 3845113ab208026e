import fc from 'fast-check';
import { unwrap } from '../errors';
import { LIMITS } from '../limits';
import { replay } from '../pipeline/replay';
import { STAGES } from '../pipeline/stages';
import type { DataFile, DataFileV1, FileEvent, FileType } from '../schema/data-file';
import { KNOWN_FIELDS } from '../schema/data-file';
import type { Tombstone } from '../schema/entities';
import { stateToDataFile } from '../transfer/export';
import { mergeStates } from '../transfer/merge';
import { readDataFile } from '../transfer/read-data-file';
import { emptyState } from '../transfer/state';
import { validateName } from '../values/names';
import { TIME_RANGE } from '../values/time';
import { unicodeText } from './unicode';

const MIN = Date.parse(TIME_RANGE.min);
const MAX = Date.parse(TIME_RANGE.max);

/** A UUID in random case: the edges must take either (SPEC §8). */
export const mixedCaseUuid = fc
  .tuple(fc.uuid({ version: 4 }), fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }))
  .map(([id, upper]) => [...id].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

/** Times over the accepted range, its two ends and the instants next to them included. */
export const timeArb = fc
  .oneof(
    fc.constantFrom(MIN, MIN + 1, MAX - 1, MAX, Date.parse('2026-11-30T12:00:00.000Z')),
    fc.integer({ min: MIN, max: MAX }),
    fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2027-01-01') }),
  )
  .map((ms) => new Date(ms).toISOString());

/** A name that validateName accepts, over the whole accepted domain (in raw form). */
export const rawNameArb = unicodeText(6).filter((raw) => validateName(raw).ok);

/** An army or game name (raw; at most 80 code points once canonical), or none. */
const groupNameArb = fc.option(
  unicodeText(5).filter((raw) => validateName(raw, LIMITS.groupNameLength).ok),
  { nil: null },
);

/** Notes over the whole domain: new lines, controls, lone surrogates, astral characters. */
const notesArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: unicodeText(10) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('🎨'.repeat(LIMITS.notesLength), 'Base:\r\n  Nuln Oil\r'),
  },
);

/**
 * Fields a newer version might write (SPEC §9): names that collide with nothing this
 * version knows (`__proto__` and `extra` among them), with a `_updated_at` partner
 * sometimes, and values of every JSON shape, strings with lone surrogates and NUL.
 */
export const unknownFieldsArb = (known: ReadonlySet<string>) =>
  fc.dictionary(
    fc
      .oneof(
        fc.constantFrom(
          'x_color',
          'x_color_updated_at',
          '__proto__',
          'extra',
          'toString',
          'ünï 🎨',
        ),
        fc.string({ maxLength: 6 }),
      )
      .filter((k) => !known.has(k)),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), unicodeText(3), timeArb),
    { maxKeys: 3 },
  );

const stepArb = fc.record({
  kind: fc.constantFrom('add', 'move', 'remove', 'rework', 'revert'),
  stage: fc.nat({ max: 4 }),
  to: fc.nat({ max: 4 }),
  pick: fc.nat(),
  qty: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(100_000)),
  id: mixedCaseUuid,
  at: timeArb,
  extra: fc.option(unknownFieldsArb(KNOWN_FIELDS.event), { freq: 4, nil: undefined }),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** The event a step asks for, given the history so far (null when it makes no sense). */
function eventOf(step: Step, history: readonly FileEvent[], v2: boolean): FileEvent | null {
  const stage = STAGES[step.stage]!;
  const base = { id: step.id, qty: step.qty, created_at: step.at };
  const kind = v2 || (step.kind !== 'rework' && step.kind !== 'revert') ? step.kind : 'add';
  if (kind === 'add' || history.length === 0) return { ...base, from_stage: null, to_stage: stage };
  if (kind === 'remove' || (kind === 'move' && stage === 'DONE')) {
    return { ...base, from_stage: stage, to_stage: null };
  }
  if (kind === 'move') {
    const to = STAGES[Math.min(4, step.stage + 1 + (step.to % (4 - step.stage || 1)))]!;
    return { ...base, from_stage: stage, to_stage: to };
  }
  if (kind === 'rework') {
    if (step.stage === 0) return null;
    return { ...base, from_stage: stage, to_stage: STAGES[step.to % step.stage]!, rework: true };
  }
  const target = history[step.pick % history.length]!;
  return {
    ...base,
    qty: target.qty,
    from_stage: target.to_stage,
    to_stage: target.from_stage,
    reverts: target.id,
  };
}

/** A history of steps in history order, keeping only the events the replay applies. */
function historyOf(steps: readonly Step[], v2: boolean): FileEvent[] {
  // History order (SPEC §2): by time, then by the canonical id.
  const key = (s: { at: string; id: string }) => `${s.at}|${s.id.toLowerCase()}`;
  const ordered = [...steps].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const history: FileEvent[] = [];
  const canonical = (e: FileEvent) => ({
    ...e,
    id: e.id.toLowerCase(),
    reverts: e.reverts?.toLowerCase(),
  });
  for (const step of ordered) {
    const made = eventOf(step, history, v2);
    if (!made) continue;
    const event = v2 && step.extra ? { ...made, ...step.extra } : made;
    // Only events the replay applies, so the file's counts are simply the replay.
    if (replay([...history, event].map(canonical), true).skipped.length === 0) history.push(event);
  }
  return history;
}

const typeV1Arb = fc.record({
  id: mixedCaseUuid,
  name: rawNameArb,
  created_at: timeArb,
  renamedAfterMs: fc.oneof(fc.constant(0), fc.nat({ max: 10_000_000 })),
  steps: fc.array(stepArb, { maxLength: 6 }),
});

const later = (created: string, ms: number) =>
  new Date(Math.min(Date.parse(created) + ms, MAX)).toISOString();

/** A type of a v1 data file with a valid history (counts are its replay), ids in any case. */
const fileTypeV1Arb = typeV1Arb.map(({ id, name, created_at, renamedAfterMs, steps }) => {
  const history = historyOf(steps, false);
  return {
    id,
    name,
    created_at,
    name_updated_at: later(created_at, renamedAfterMs),
    counts: replay(history.map((e) => ({ ...e, id: e.id.toLowerCase() }))).counts,
    history,
  };
});

const afterMs = fc.oneof(fc.constant(0), fc.nat({ max: 10_000_000 }));

/** A type of a v2 data file: every field of SPEC §9, undos and reworks, unknown fields. */
const fileTypeV2Arb: fc.Arbitrary<FileType> = fc
  .record({
    v1: typeV1Arb,
    army: groupNameArb,
    game: groupNameArb,
    points: fc.oneof(fc.constantFrom(0, 1, LIMITS.pointsPerModel), fc.nat({ max: 1000 })),
    notes: notesArb,
    times: fc.tuple(afterMs, afterMs, afterMs, afterMs),
    extra: fc.option(unknownFieldsArb(KNOWN_FIELDS.type), { freq: 3, nil: undefined }),
  })
  .map(({ v1, army, game, points, notes, times, extra }) => {
    const history = historyOf(v1.steps, true);
    const c = v1.created_at;
    const type: FileType = {
      id: v1.id,
      name: v1.name,
      created_at: c,
      name_updated_at: later(c, v1.renamedAfterMs),
      army,
      army_updated_at: later(c, times[0]),
      game,
      game_updated_at: later(c, times[1]),
      points_per_model: points,
      points_per_model_updated_at: later(c, times[2]),
      notes,
      notes_updated_at: later(c, times[3]),
      counts: replay(
        history.map((e) => ({ ...e, id: e.id.toLowerCase(), reverts: e.reverts?.toLowerCase() })),
      ).counts,
      history,
    };
    return extra ? { ...type, ...extra } : type;
  });

const tombstoneArb = (v2: boolean): fc.Arbitrary<Tombstone> =>
  fc
    .record({
      id: mixedCaseUuid,
      deleted_at: timeArb,
      merged_into: fc.option(mixedCaseUuid, { nil: null }),
      extra: fc.option(unknownFieldsArb(KNOWN_FIELDS.tombstone), { freq: 3, nil: undefined }),
    })
    .map(({ extra, ...t }) => (v2 && extra ? { ...t, ...extra } : t));

const goalArb = fc.option(
  fc.record({
    metric: fc.constantFrom('models' as const, 'points' as const),
    period: fc.constantFrom('week' as const, 'month' as const, 'year' as const),
    target: fc.integer({ min: 1, max: LIMITS.goalTarget }),
  }),
  { nil: null },
);

/** Ids unique across the file, compared canonically (a file repeating an id is another test). */
function uniqueIds(
  types: readonly { id: string; history: readonly { id: string }[] }[],
  tombs: readonly Tombstone[],
) {
  const ids = [
    ...types.flatMap((t) => [t.id, ...t.history.map((e) => e.id)]),
    ...tombs.map((t) => t.id),
  ].map((id) => id.toLowerCase());
  return new Set(ids).size === ids.length;
}

/** A valid v1 data file, as an app before SPEC §9 wrote it. */
export const dataFileV1Arb: fc.Arbitrary<DataFileV1> = fc
  .record({
    types: fc.uniqueArray(fileTypeV1Arb, { maxLength: 6, selector: (t) => t.id.toLowerCase() }),
    tombstones: fc.uniqueArray(tombstoneArb(false), {
      maxLength: 3,
      selector: (t) => t.id.toLowerCase(),
    }),
    exported_at: timeArb,
  })
  .filter(({ types, tombstones }) => uniqueIds(types, tombstones))
  .map(({ types, tombstones, exported_at }) => ({
    format: 'miniatures-tracker',
    version: 1,
    exported_at,
    types,
    tombstones,
  }));

/** A valid v2 data file (see dataFileArb), with unknown fields at every level now and then. */
export const dataFileV2Arb: fc.Arbitrary<DataFile> = fc
  .record({
    types: fc.uniqueArray(fileTypeV2Arb, { maxLength: 6, selector: (t) => t.id.toLowerCase() }),
    tombstones: fc.uniqueArray(tombstoneArb(true), {
      maxLength: 3,
      selector: (t) => t.id.toLowerCase(),
    }),
    exported_at: timeArb,
    goal: goalArb,
    goal_updated_at: fc.option(timeArb, { nil: null }),
    extra: fc.option(unknownFieldsArb(KNOWN_FIELDS.file), { freq: 3, nil: undefined }),
  })
  .filter(({ types, tombstones }) => uniqueIds(types, tombstones))
  .map(({ types, tombstones, exported_at, goal, goal_updated_at, extra }) => {
    const file: DataFile = {
      format: 'miniatures-tracker',
      version: 2,
      exported_at,
      goal,
      goal_updated_at: goal === null ? goal_updated_at : (goal_updated_at ?? exported_at),
      types,
      tombstones,
    };
    return extra ? { ...file, ...extra } : file;
  });

/**
 * A valid data file over the whole accepted domain: v1 files (read as v2 with
 * defaults) and v2 files with armies, games, points, notes, goals, undos, reworks and
 * fields of a newer version at every level; names with astral, combining, RTL,
 * invisible and control characters, ids in mixed case, times at the range's ends.
 */
export const dataFileArb: fc.Arbitrary<DataFile | DataFileV1> = fc.oneof(
  { weight: 1, arbitrary: dataFileV1Arb },
  { weight: 2, arbitrary: dataFileV2Arb },
);

/**
 * What importing `file` into an empty store must export: its canonical values, merged
 * (names that share an identity key folded), as the export writes it, at `exportedAt`.
 */
export function canonicalExport(file: DataFile | DataFileV1, exportedAt: string): DataFile {
  const state = unwrap(readDataFile(JSON.parse(JSON.stringify(file))));
  return stateToDataFile(mergeStates(emptyState(), state).state, exportedAt);
}
