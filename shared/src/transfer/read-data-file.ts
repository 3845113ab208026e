import { z } from 'zod';
import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import { replay } from '../pipeline/replay';
import { countsEqual, isForwardMove, STAGES } from '../pipeline/stages';
import {
  DATA_FILE_FORMAT,
  DATA_FILE_VERSION,
  type DataFile,
  dataFileHeaderSchema,
  dataFileSchema,
  type FileType,
  fileTypeSchema,
} from '../schema/data-file';
import type { HistoryEvent } from '../schema/entities';
import { validateName } from '../values/names';
import { deterministicUuid } from './deterministic-id';
import { jsonPath } from './json-path';
import type { TrackerState } from './state';

const invalid = (
  path: readonly PropertyKey[],
  reason: string,
  extra: Record<string, unknown> = {},
) => fail('ERR_IMPORT_INVALID', { ...extra, path: jsonPath(path), reason });
const inconsistent = (
  path: readonly PropertyKey[],
  reason: string,
  extra: Record<string, unknown> = {},
) => fail('ERR_IMPORT_INCONSISTENT', { ...extra, path: jsonPath(path), reason });

// The file without its types, which are checked one by one (readDataFileSteps).
const fileShellSchema = dataFileSchema.extend({
  types: z.array(z.unknown()).max(LIMITS.types),
  tombstones: z.unknown(),
});
const tombstonesSchema = dataFileSchema.shape.tombstones;
/** Types checked between two yields of readDataFileSteps. */
const TYPES_PER_STEP = 250;

function zodFailure<T>(error: z.ZodError, prefix: readonly PropertyKey[]): Result<T> {
  const issue = error.issues[0]!;
  // An unknown field is reported at the field itself, not at the object holding it.
  const path =
    issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
      ? [...prefix, ...issue.path, issue.keys[0]]
      : [...prefix, ...issue.path];
  return invalid(path, issue.code, { message: issue.message });
}

/**
 * Validates the structure of a data file (format, version, every field, the limits),
 * yielding after every few hundred types so a caller on a busy thread can let other
 * work run: drain it with parseDataFile, or step it with turns in between.
 */
export function* parseDataFileSteps(input: unknown): Generator<void, Result<DataFile>> {
  const header = dataFileHeaderSchema.safeParse(input);
  if (!header.success) return invalid([], 'not_an_object');
  if (header.data.format !== DATA_FILE_FORMAT) return invalid(['format'], 'unknown_format');
  if (header.data.version !== DATA_FILE_VERSION) {
    return typeof header.data.version === 'number'
      ? fail('ERR_IMPORT_UNSUPPORTED_VERSION', {
          path: '$.version',
          version: header.data.version,
          supported: [DATA_FILE_VERSION],
        })
      : invalid(['version'], 'missing_version');
  }
  const shell = fileShellSchema.safeParse(input);
  if (!shell.success) return zodFailure(shell.error, []);
  const types: FileType[] = [];
  for (const [i, raw] of shell.data.types.entries()) {
    if (i > 0 && i % TYPES_PER_STEP === 0) yield;
    const type = fileTypeSchema.safeParse(raw);
    if (!type.success) return zodFailure(type.error, ['types', i]);
    types.push(type.data);
  }
  const tombstones = tombstonesSchema.safeParse(shell.data.tombstones);
  if (!tombstones.success) return zodFailure(tombstones.error, ['tombstones']);
  return ok({ ...shell.data, types, tombstones: tombstones.data });
}

/** Runs a stepped reader to its end in one go. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Validates the structure of a data file: format, version, every field and the limits. */
export function parseDataFile(input: unknown): Result<DataFile> {
  return drain(parseDataFileSteps(input));
}

/** Size of a string once encoded as UTF-8, in bytes (no TextEncoder: shared/ has no DOM or Node). */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** JSON text → validated data file; the size limit (in UTF-8 bytes) is checked before parsing. */
export function parseDataFileText(text: string): Result<DataFile> {
  return drain(parseDataFileTextSteps(text));
}

/** parseDataFileText, yielding after every few hundred types (see parseDataFileSteps). */
export function* parseDataFileTextSteps(text: string): Generator<void, Result<DataFile>> {
  // Every UTF-16 unit is at least one byte and at most three, so most texts need no count.
  const tooLarge =
    text.length > LIMITS.fileBytes ||
    (text.length * 3 > LIMITS.fileBytes && utf8ByteLength(text) > LIMITS.fileBytes);
  if (tooLarge) return fail('ERR_PAYLOAD_TOO_LARGE', { path: '$', max_bytes: LIMITS.fileBytes });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return invalid([], 'bad_json', { message: error instanceof Error ? error.message : '' });
  }
  yield;
  return yield* parseDataFileSteps(json);
}

/** JSON text → replica state, yielding after every few hundred types. */
export function* readDataFileTextSteps(text: string): Generator<void, Result<TrackerState>> {
  const file = yield* parseDataFileTextSteps(text);
  return file.ok ? yield* dataFileToStateSteps(file.value) : file;
}

/**
 * One add event per stage for a type that has counts but no history (each count is at
 * most LIMITS.countWithoutHistory, checked before). Their ids derive from the file's
 * content, so importing the same file again adds nothing.
 */
function synthesizeHistory(type: FileType): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const stage of STAGES) {
    const qty = type.counts[stage];
    if (qty === 0) continue;
    events.push({
      id: deterministicUuid(`${type.id}|${type.created_at}|${stage}|${qty}|0`),
      type_id: type.id,
      from_stage: null,
      to_stage: stage,
      qty,
      created_at: type.created_at,
    });
  }
  return events;
}

/**
 * Checks what the schema cannot (unique ids, valid names and moves, counts equal to
 * the replay of a non-empty history) and turns a valid file into a replica state.
 * The first problem rejects the whole file with its JSON path.
 */
export function dataFileToState(file: DataFile): Result<TrackerState> {
  return drain(dataFileToStateSteps(file));
}

/**
 * How to read a file's types. A whole file's counts are the replay of its history (or,
 * without history, synthesized as adds). A sync fragment's types carry only their new
 * events, so its counts are the sender's, informative only: a receiver recomputes counts
 * by replaying its merged history, and nothing is synthesized (docs/data-format.md).
 */
export interface ReadOptions {
  fragment?: boolean;
}

/** dataFileToState, yielding after every few hundred types (see parseDataFileSteps). */
export function* dataFileToStateSteps(
  file: DataFile,
  options: ReadOptions = {},
): Generator<void, Result<TrackerState>> {
  const state: TrackerState = { types: [], events: [], tombstones: [] };
  const typeIds = new Set<string>();
  const eventIds = new Set<string>();
  for (const [i, type] of file.types.entries()) {
    if (i > 0 && i % TYPES_PER_STEP === 0) yield;
    if (typeIds.has(type.id)) return inconsistent(['types', i, 'id'], 'duplicate_type_id');
    typeIds.add(type.id);
    const name = validateName(type.name);
    if (!name.ok) {
      const { reason, ...rule } = name.details;
      return invalid(['types', i, 'name'], 'ERR_NAME_INVALID', { ...rule, name_reason: reason });
    }
    if (type.name_updated_at < type.created_at) {
      return inconsistent(['types', i, 'name_updated_at'], 'before_created_at');
    }
    if (state.events.length + type.history.length > LIMITS.events) {
      return fail('ERR_PAYLOAD_TOO_LARGE', {
        path: jsonPath(['types', i]),
        max_events: LIMITS.events,
      });
    }
    const history: HistoryEvent[] = [];
    for (let j = 0; j < type.history.length; j++) {
      const e = type.history[j]!;
      const size = eventIds.size;
      eventIds.add(e.id);
      if (eventIds.size === size) {
        return inconsistent(['types', i, 'history', j, 'id'], 'duplicate_event_id');
      }
      if (e.from_stage === null && e.to_stage === null) {
        return invalid(['types', i, 'history', j], 'no_stage');
      }
      if (
        e.from_stage !== null &&
        e.to_stage !== null &&
        !isForwardMove(e.from_stage, e.to_stage)
      ) {
        return invalid(['types', i, 'history', j], 'ERR_INVALID_STAGE_TRANSITION');
      }
      history.push({
        id: e.id,
        type_id: type.id,
        from_stage: e.from_stage,
        to_stage: e.to_stage,
        qty: e.qty,
        created_at: e.created_at,
      });
    }
    if (type.history.length === 0 && !options.fragment) {
      const stage = STAGES.find((s) => type.counts[s] > LIMITS.countWithoutHistory);
      if (stage !== undefined) {
        return invalid(['types', i, 'counts', stage], 'count_without_history_too_large', {
          max: LIMITS.countWithoutHistory,
        });
      }
      if (state.events.length + STAGES.length > LIMITS.events) {
        return fail('ERR_PAYLOAD_TOO_LARGE', {
          path: jsonPath(['types', i, 'counts']),
          max_events: LIMITS.events,
        });
      }
    }
    // A fragment's counts are the sender's: nothing to check or synthesize.
    if (!options.fragment && history.length > 0) {
      const { counts } = replay(history);
      if (!countsEqual(counts, type.counts)) {
        return inconsistent(['types', i, 'counts'], 'counts_differ_from_history', {
          expected: counts,
          found: type.counts,
        });
      }
    } else if (!options.fragment) {
      history.push(...synthesizeHistory(type));
    }
    for (const e of history) state.events.push(e);
    state.types.push({
      id: type.id,
      name: name.value,
      created_at: type.created_at,
      name_updated_at: type.name_updated_at,
      counts: { ...type.counts },
    });
  }
  const tombIds = new Set<string>();
  for (const [i, t] of file.tombstones.entries()) {
    if (tombIds.has(t.id)) return inconsistent(['tombstones', i, 'id'], 'duplicate_tombstone_id');
    if (typeIds.has(t.id)) return inconsistent(['tombstones', i, 'id'], 'tombstone_of_live_type');
    tombIds.add(t.id);
    state.tombstones.push({ ...t });
  }
  return ok(state);
}

/** Any parsed JSON value → replica state, or the code and path of the first problem. */
export function readDataFile(input: unknown): Result<TrackerState> {
  return drain(readDataFileSteps(input));
}

/** readDataFile, yielding after every few hundred types (see parseDataFileSteps). */
export function* readDataFileSteps(input: unknown): Generator<void, Result<TrackerState>> {
  const file = yield* parseDataFileSteps(input);
  return file.ok ? yield* dataFileToStateSteps(file.value) : file;
}

/**
 * A sync fragment (POST /sync/changes, either way) → the partial replica state it holds:
 * the same schema and checks as a data file, except that counts are not compared with
 * the partial history and count-only types synthesize nothing (ReadOptions.fragment).
 * Yields after every few hundred types.
 */
export function* readChangesSteps(input: unknown): Generator<void, Result<TrackerState>> {
  const file = yield* parseDataFileSteps(input);
  return file.ok ? yield* dataFileToStateSteps(file.value, { fragment: true }) : file;
}

/** readChangesSteps in one go. */
export function readChanges(input: unknown): Result<TrackerState> {
  return drain(readChangesSteps(input));
}
