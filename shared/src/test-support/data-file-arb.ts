import fc from 'fast-check';
import { unwrap } from '../errors';
import { applyEvent } from '../pipeline/replay';
import { STAGES, zeroCounts } from '../pipeline/stages';
import type { DataFile, FileEvent, FileType } from '../schema/data-file';
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

const stepArb = fc.record({
  kind: fc.constantFrom('add', 'move', 'remove'),
  stage: fc.nat({ max: 4 }),
  to: fc.nat({ max: 4 }),
  qty: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(100_000)),
  id: mixedCaseUuid,
  at: timeArb,
});

/** A type of a data file with a valid history (counts are its replay), ids in any case. */
const fileTypeArb: fc.Arbitrary<FileType> = fc
  .record({
    id: mixedCaseUuid,
    name: rawNameArb,
    created_at: timeArb,
    renamedAfterMs: fc.oneof(fc.constant(0), fc.nat({ max: 10_000_000 })),
    steps: fc.array(stepArb, { maxLength: 6 }),
  })
  .map(({ id, name, created_at, renamedAfterMs, steps }) => {
    const renamed = Math.min(Date.parse(created_at) + renamedAfterMs, MAX);
    const history: FileEvent[] = [];
    // History order (SPEC §2): by time, then by the canonical id.
    const key = (s: { at: string; id: string }) => `${s.at}|${s.id.toLowerCase()}`;
    const ordered = [...steps].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const counts = zeroCounts();
    for (const step of ordered) {
      const stage = STAGES[step.stage]!;
      const to = STAGES[Math.min(4, step.stage + 1 + (step.to % (4 - step.stage || 1)))]!;
      const event: FileEvent =
        step.kind === 'add' || history.length === 0
          ? { id: step.id, from_stage: null, to_stage: stage, qty: step.qty, created_at: step.at }
          : step.kind === 'move' && stage !== 'DONE'
            ? { id: step.id, from_stage: stage, to_stage: to, qty: step.qty, created_at: step.at }
            : {
                id: step.id,
                from_stage: stage,
                to_stage: null,
                qty: step.qty,
                created_at: step.at,
              };
      // Only events the replay applies, so the file's counts are simply the sums.
      if (applyEvent(counts, event)) history.push(event);
    }
    return {
      id,
      name,
      created_at,
      name_updated_at: new Date(renamed).toISOString(),
      counts,
      history,
    };
  });

const tombstoneArb: fc.Arbitrary<Tombstone> = fc.record({
  id: mixedCaseUuid,
  deleted_at: timeArb,
  merged_into: fc.option(mixedCaseUuid, { nil: null }),
});

/**
 * A valid data file (v1) over the whole accepted domain: names with astral, combining,
 * RTL, invisible and control characters, ids in mixed case, times at the range's
 * ends. Unique ids across the file (a file repeating an id is another test).
 */
export const dataFileArb: fc.Arbitrary<DataFile> = fc
  .record({
    types: fc.uniqueArray(fileTypeArb, {
      maxLength: 6,
      selector: (t) => t.id.toLowerCase(),
    }),
    tombstones: fc.uniqueArray(tombstoneArb, {
      maxLength: 3,
      selector: (t) => t.id.toLowerCase(),
    }),
    exported_at: timeArb,
  })
  .filter(({ types, tombstones }) => {
    const ids = [
      ...types.flatMap((t) => [t.id, ...t.history.map((e) => e.id)]),
      ...tombstones.map((t) => t.id),
    ].map((id) => id.toLowerCase());
    return new Set(ids).size === ids.length;
  })
  .map(({ types, tombstones, exported_at }) => ({
    format: 'miniatures-tracker',
    version: 1,
    exported_at,
    types,
    tombstones,
  }));

/**
 * What importing `file` into an empty store must export: its canonical values, merged
 * (names that share an identity key folded), as the export writes it, at `exportedAt`.
 */
export function canonicalExport(file: DataFile, exportedAt: string): DataFile {
  const state = unwrap(readDataFile(JSON.parse(JSON.stringify(file))));
  return stateToDataFile(mergeStates(emptyState(), state).state, exportedAt);
}
