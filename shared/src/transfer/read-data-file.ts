import { z } from 'zod';
import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';
import { isExactInverse, replay } from '../pipeline/replay';
import { countsEqual, isForwardMove, STAGES } from '../pipeline/stages';
import { validateGroupName } from '../pipeline/type-fields';
import {
  DATA_FILE_FORMAT,
  DATA_FILE_VERSION,
  type DataFile,
  dataFileHeaderSchema,
  dataFileSchema,
  dataFileV1Schema,
  type FileType,
  type FileTypeV1,
  fileEventSchema,
  fileTombstoneSchema,
  fileTypeSchema,
  fileTypeV1Schema,
  KNOWN_FIELDS,
  READABLE_VERSIONS,
} from '../schema/data-file';
import {
  defaultTypeFields,
  type HistoryEvent,
  type MiniatureType,
  type Tombstone,
  TYPE_FIELDS,
} from '../schema/entities';
import { unknownFields } from '../values/extra';
import { validateName } from '../values/names';
import { validateNotes } from '../values/notes';
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

// The files without their types, which are checked one by one (parseDataFileSteps).
const typesShell = { types: z.array(z.unknown()).max(LIMITS.types), tombstones: z.unknown() };
const shellV1Schema = dataFileV1Schema.extend(typesShell);
// Version 2 is parsed in strip mode: known fields are checked, unknown ones are taken
// from the raw JSON (withUnknown), which keeps even a `__proto__` field.
const shellSchema = z.object({ ...dataFileSchema.shape, ...typesShell });
const eventStripSchema = z.object(fileEventSchema.shape);
const typeStripSchema = z.object({ ...fileTypeSchema.shape, history: z.array(eventStripSchema) });
const tombstonesSchema = z.array(z.object(fileTombstoneSchema.shape)).max(LIMITS.tombstones);
const tombstonesV1Schema = dataFileV1Schema.shape.tombstones;
/** Types checked between two yields of readDataFileSteps. */
const TYPES_PER_STEP = 250;

function zodFailure<T>(error: z.ZodError, prefix: readonly PropertyKey[]): Result<T> {
  const issue = error.issues[0]!;
  // An unknown field is reported at the field itself, not at the object holding it.
  const path =
    issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
      ? [...prefix, ...issue.path, issue.keys[0]]
      : [...prefix, ...issue.path];
  // The bound broken and a missing field, so the app can say it in words (SPEC §8).
  const extra: Record<string, unknown> = { message: issue.message };
  // A bound of the format; an integer past 2^53 (origin 'int') has none worth quoting.
  if (issue.code === 'too_big' && issue.origin === 'number') extra.max = Number(issue.maximum);
  if (issue.code === 'too_small' && issue.origin === 'number') extra.min = Number(issue.minimum);
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    extra.missing = true;
  }
  return invalid(path, issue.code, extra);
}

/** The parsed known fields of an object with its unknown ones from the raw JSON. */
function withUnknown<T extends object>(raw: unknown, parsed: T, known: ReadonlySet<string>): T {
  const extra = unknownFields(raw as object, known);
  return extra === undefined ? parsed : { ...parsed, ...extra };
}

/** A v1 type as v2 (SPEC §9): the new fields at their defaults, dated at its creation. */
const upgradeType = (t: FileTypeV1): FileType => ({
  ...t,
  ...defaultTypeFields(t.created_at),
  history: t.history,
});

/** Reads the types of a v1 file (strict: a v1 file never had another field) as v2. */
function* typesV1(raw: readonly unknown[]): Generator<void, Result<FileType[]>> {
  const types: FileType[] = [];
  for (const [i, item] of raw.entries()) {
    if (i > 0 && i % TYPES_PER_STEP === 0) yield;
    const type = fileTypeV1Schema.safeParse(item);
    if (!type.success) return zodFailure(type.error, ['types', i]);
    types.push(upgradeType(type.data));
  }
  return ok(types);
}

/** Reads the types of a v2 file, unknown fields of types and events kept. */
function* typesV2(raw: readonly unknown[]): Generator<void, Result<FileType[]>> {
  const types: FileType[] = [];
  for (const [i, item] of raw.entries()) {
    if (i > 0 && i % TYPES_PER_STEP === 0) yield;
    const type = typeStripSchema.safeParse(item);
    if (!type.success) return zodFailure(type.error, ['types', i]);
    const rawHistory = (item as { history: unknown[] }).history;
    const history = type.data.history.map((e, j) =>
      withUnknown(rawHistory[j], e, KNOWN_FIELDS.event),
    );
    types.push(withUnknown(item, { ...type.data, history }, KNOWN_FIELDS.type));
  }
  return ok(types);
}

/**
 * Validates the structure of a data file (format, version, every field, the limits),
 * yielding after every few hundred types so a caller on a busy thread can let other
 * work run: drain it with parseDataFile, or step it with turns in between. A v1 file
 * comes back as v2 with defaults (SPEC §9); a v2 file keeps the fields this version
 * does not know. A higher version is ERR_IMPORT_UNSUPPORTED_VERSION ("update the app").
 */
export function* parseDataFileSteps(input: unknown): Generator<void, Result<DataFile>> {
  const header = dataFileHeaderSchema.safeParse(input);
  if (!header.success) return invalid([], 'not_an_object');
  if (header.data.format !== DATA_FILE_FORMAT) return invalid(['format'], 'unknown_format');
  const version = header.data.version;
  if (version !== 1 && version !== DATA_FILE_VERSION) {
    return typeof version === 'number'
      ? fail('ERR_IMPORT_UNSUPPORTED_VERSION', {
          path: '$.version',
          version,
          supported: [...READABLE_VERSIONS],
        })
      : invalid(['version'], 'missing_version');
  }
  if (version === 1) {
    const shell = shellV1Schema.safeParse(input);
    if (!shell.success) return zodFailure(shell.error, []);
    const types = yield* typesV1(shell.data.types);
    if (!types.ok) return types;
    const tombstones = tombstonesV1Schema.safeParse(shell.data.tombstones);
    if (!tombstones.success) return zodFailure(tombstones.error, ['tombstones']);
    return ok({
      format: shell.data.format,
      version: DATA_FILE_VERSION,
      exported_at: shell.data.exported_at,
      goal: null,
      goal_updated_at: null,
      types: types.value,
      tombstones: tombstones.data,
    });
  }
  const shell = shellSchema.safeParse(input);
  if (!shell.success) return zodFailure(shell.error, []);
  const types = yield* typesV2(shell.data.types);
  if (!types.ok) return types;
  const tombstones = tombstonesSchema.safeParse(shell.data.tombstones);
  if (!tombstones.success) return zodFailure(tombstones.error, ['tombstones']);
  const rawTombstones = (input as { tombstones: unknown[] }).tombstones;
  return ok(
    withUnknown(
      input,
      {
        ...shell.data,
        types: types.value,
        tombstones: tombstones.data.map((t, i) =>
          withUnknown(rawTombstones[i], t, KNOWN_FIELDS.tombstone),
        ),
      },
      KNOWN_FIELDS.file,
    ),
  );
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

/** Where an event of the file sits, for error paths. */
const at = (i: number, j?: number, field?: string): PropertyKey[] => [
  'types',
  i,
  ...(j === undefined ? [] : ['history', j]),
  ...(field === undefined ? [] : [field]),
];

/**
 * A type's fields of SPEC §9 in canonical form: army and game by the name rules of
 * SPEC §8 (at most 80 code points), notes canonical and at most 4 000 code points,
 * every `<field>_updated_at` not before `created_at`.
 */
function typeFields(type: FileType, i: number) {
  for (const field of ['name', ...TYPE_FIELDS] as const) {
    if (type[`${field}_updated_at`] < type.created_at) {
      return inconsistent(at(i, undefined, `${field}_updated_at`), 'before_created_at');
    }
  }
  const army = validateGroupName('army', type.army);
  if (!army.ok) return groupNameFailure(army, i, 'army');
  const game = validateGroupName('game', type.game);
  if (!game.ok) return groupNameFailure(game, i, 'game');
  const notes = validateNotes(type.notes);
  if (!notes.ok) return invalid(at(i, undefined, 'notes'), notes.code, notes.details);
  return ok({
    army: army.value,
    army_updated_at: type.army_updated_at,
    game: game.value,
    game_updated_at: type.game_updated_at,
    points_per_model: type.points_per_model,
    points_per_model_updated_at: type.points_per_model_updated_at,
    notes: notes.value,
    notes_updated_at: type.notes_updated_at,
  });
}

function groupNameFailure(
  failed: { code: string; details: Record<string, unknown> },
  i: number,
  field: 'army' | 'game',
) {
  const { reason, ...rule } = failed.details;
  return invalid(at(i, undefined, field), failed.code, { ...rule, name_reason: reason });
}

/**
 * A type's history from the file: unique ids across the file, a stage on at least one
 * side, moves forward unless a rework (SPEC §9: backward only) or an undo; an undo of
 * an event of this history must undo it exactly and not be the undo of an undo. (An
 * undo whose event is elsewhere is kept: replay sets it aside as a conflict.)
 */
function fileHistory(type: FileType, i: number, eventIds: Set<string>): Result<HistoryEvent[]> {
  const history: HistoryEvent[] = [];
  let reverts = false;
  for (let j = 0; j < type.history.length; j++) {
    const e = type.history[j]!;
    const size = eventIds.size;
    eventIds.add(e.id);
    if (eventIds.size === size) return inconsistent(at(i, j, 'id'), 'duplicate_event_id');
    const { from_stage: from, to_stage: to } = e;
    if (from === null && to === null) return invalid(at(i, j), 'no_stage');
    if (e.rework && (from === null || to === null || !isForwardMove(to, from) || e.reverts)) {
      return invalid(at(i, j), 'ERR_INVALID_REWORK');
    }
    const backwardOk = e.rework || (e.reverts !== undefined && from !== to);
    if (from !== null && to !== null && !backwardOk && !isForwardMove(from, to)) {
      return invalid(at(i, j), 'ERR_INVALID_STAGE_TRANSITION');
    }
    const event: HistoryEvent = {
      id: e.id,
      type_id: type.id,
      from_stage: from,
      to_stage: to,
      qty: e.qty,
      created_at: e.created_at,
    };
    if (e.reverts !== undefined) {
      event.reverts = e.reverts;
      reverts = true;
    }
    if (e.rework) event.rework = true;
    const extra = unknownFields(e, KNOWN_FIELDS.event);
    if (extra !== undefined) event.extra = extra;
    history.push(event);
  }
  if (reverts) {
    const byId = new Map(history.map((e) => [e.id, e]));
    for (const [j, e] of history.entries()) {
      const target = e.reverts === undefined ? undefined : byId.get(e.reverts);
      if (!target) continue;
      if (target.reverts !== undefined)
        return inconsistent(at(i, j, 'reverts'), 'revert_of_revert');
      if (!isExactInverse(target, e)) return inconsistent(at(i, j), 'revert_mismatch');
    }
  }
  return ok(history);
}

/**
 * Checks what the schema cannot (unique ids, valid names, fields and moves, undos that
 * match their events, counts equal to the replay of a non-empty history) and turns a
 * valid file into a replica state, unknown fields kept (SPEC §9). The first problem
 * rejects the whole file with its JSON path.
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
  if (file.goal_updated_at !== null) {
    state.goal = { value: file.goal, updated_at: file.goal_updated_at };
  } else if (file.goal !== null) {
    return inconsistent(['goal_updated_at'], 'goal_without_time');
  }
  const fileExtra = unknownFields(file, KNOWN_FIELDS.file);
  if (fileExtra !== undefined) state.extra = fileExtra;
  const typeIds = new Set<string>();
  const eventIds = new Set<string>();
  for (const [i, type] of file.types.entries()) {
    if (i > 0 && i % TYPES_PER_STEP === 0) yield;
    if (typeIds.has(type.id)) return inconsistent(at(i, undefined, 'id'), 'duplicate_type_id');
    typeIds.add(type.id);
    const name = validateName(type.name);
    if (!name.ok) {
      const { reason, ...rule } = name.details;
      return invalid(at(i, undefined, 'name'), 'ERR_NAME_INVALID', {
        ...rule,
        name_reason: reason,
      });
    }
    const fields = typeFields(type, i);
    if (!fields.ok) return fields;
    if (state.events.length + type.history.length > LIMITS.events) {
      return fail('ERR_PAYLOAD_TOO_LARGE', { path: jsonPath(at(i)), max_events: LIMITS.events });
    }
    const history = fileHistory(type, i, eventIds);
    if (!history.ok) return history;
    if (type.history.length === 0 && !options.fragment) {
      const stage = STAGES.find((s) => type.counts[s] > LIMITS.countWithoutHistory);
      if (stage !== undefined) {
        return invalid(['types', i, 'counts', stage], 'count_without_history_too_large', {
          max: LIMITS.countWithoutHistory,
        });
      }
      if (state.events.length + STAGES.length > LIMITS.events) {
        return fail('ERR_PAYLOAD_TOO_LARGE', {
          path: jsonPath(at(i, undefined, 'counts')),
          max_events: LIMITS.events,
        });
      }
    }
    // A fragment's counts are the sender's: nothing to check or synthesize.
    if (!options.fragment && history.value.length > 0) {
      const { counts } = replay(history.value);
      if (!countsEqual(counts, type.counts)) {
        return inconsistent(at(i, undefined, 'counts'), 'counts_differ_from_history', {
          expected: counts,
          found: type.counts,
        });
      }
    } else if (!options.fragment) {
      history.value.push(...synthesizeHistory(type));
    }
    for (const e of history.value) state.events.push(e);
    const record: MiniatureType = {
      id: type.id,
      name: name.value,
      created_at: type.created_at,
      name_updated_at: type.name_updated_at,
      ...fields.value,
      counts: { ...type.counts },
    };
    const extra = unknownFields(type, KNOWN_FIELDS.type);
    if (extra !== undefined) record.extra = extra;
    state.types.push(record);
  }
  const tombIds = new Set<string>();
  for (const [i, t] of file.tombstones.entries()) {
    if (tombIds.has(t.id)) return inconsistent(['tombstones', i, 'id'], 'duplicate_tombstone_id');
    if (typeIds.has(t.id)) return inconsistent(['tombstones', i, 'id'], 'tombstone_of_live_type');
    tombIds.add(t.id);
    const tomb: Tombstone = { id: t.id, deleted_at: t.deleted_at, merged_into: t.merged_into };
    const extra = unknownFields(t, KNOWN_FIELDS.tombstone);
    if (extra !== undefined) tomb.extra = extra;
    state.tombstones.push(tomb);
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
