import { z } from 'zod';
import { LIMITS } from '../limits';
import { countsSchema, qtySchema, stageSchema, timestampSchema, uuidSchema } from './common';
import { goalSchema, pointsSchema } from './entities';

export const DATA_FILE_FORMAT = 'miniatures-tracker';
/** The version this app writes (SPEC §9). */
export const DATA_FILE_VERSION = 2;
/** The versions this app reads: a v1 file is read as v2 with defaults. */
export const READABLE_VERSIONS = [1, 2] as const;

// Version 1 (SPEC §3): read only, strict — a v1 file never had any other field.
const fileEventV1Schema = z.strictObject({
  id: uuidSchema,
  from_stage: stageSchema.nullable(),
  to_stage: stageSchema.nullable(),
  qty: qtySchema,
  created_at: timestampSchema,
});
const tombstoneFields = {
  id: uuidSchema,
  deleted_at: timestampSchema,
  merged_into: uuidSchema.nullable(),
};
export const fileTypeV1Schema = z.strictObject({
  id: uuidSchema,
  name: z.string(),
  created_at: timestampSchema,
  name_updated_at: timestampSchema,
  counts: countsSchema,
  history: z.array(fileEventV1Schema),
});
export type FileTypeV1 = z.infer<typeof fileTypeV1Schema>;
export const fileTombstoneV1Schema = z.strictObject(tombstoneFields);

/** The data file v1, as older apps wrote it (read as v2 with defaults). */
export const dataFileV1Schema = z.strictObject({
  format: z.literal(DATA_FILE_FORMAT),
  version: z.literal(1),
  exported_at: timestampSchema,
  types: z.array(fileTypeV1Schema).max(LIMITS.types),
  tombstones: z.array(fileTombstoneV1Schema).max(LIMITS.tombstones),
});
export type DataFileV1 = z.infer<typeof dataFileV1Schema>;

// Version 2 (SPEC §9). Objects are loose: a field this version does not know is kept
// and written back unchanged (the reader takes it from the raw JSON, see
// transfer/read-data-file.ts, since `__proto__` must survive as a field too).

/** An event inside a type's history in the data file (its type is the enclosing one). */
export const fileEventSchema = z.looseObject({
  ...fileEventV1Schema.shape,
  reverts: uuidSchema.optional(),
  rework: z.literal(true).optional(),
});
export type FileEvent = z.infer<typeof fileEventSchema>;

export const fileTypeSchema = z.looseObject({
  ...fileTypeV1Schema.shape,
  army: z.string().nullable(),
  army_updated_at: timestampSchema,
  game: z.string().nullable(),
  game_updated_at: timestampSchema,
  points_per_model: pointsSchema,
  points_per_model_updated_at: timestampSchema,
  notes: z.string(),
  notes_updated_at: timestampSchema,
  history: z.array(fileEventSchema),
});
export type FileType = z.infer<typeof fileTypeSchema>;

export const fileTombstoneSchema = z.looseObject(tombstoneFields);
export type FileTombstone = z.infer<typeof fileTombstoneSchema>;

/**
 * The data file v2: export, import and the sync snapshot share it.
 * Structure only; the cross-field rules (replay, unique ids) live in transfer/.
 */
export const dataFileSchema = z.looseObject({
  format: z.literal(DATA_FILE_FORMAT),
  version: z.literal(DATA_FILE_VERSION),
  exported_at: timestampSchema,
  goal: goalSchema.nullable(),
  goal_updated_at: timestampSchema.nullable(),
  types: z.array(fileTypeSchema).max(LIMITS.types),
  tombstones: z.array(fileTombstoneSchema).max(LIMITS.tombstones),
});
export type DataFile = z.infer<typeof dataFileSchema>;

/** The known field names at each level of a v2 file; any other is kept as unknown. */
export const KNOWN_FIELDS = {
  file: new Set(Object.keys(dataFileSchema.shape)),
  type: new Set(Object.keys(fileTypeSchema.shape)),
  event: new Set(Object.keys(fileEventSchema.shape)),
  tombstone: new Set(Object.keys(fileTombstoneSchema.shape)),
} as const;

/** Just enough to tell a file of another format or version from a broken file. */
export const dataFileHeaderSchema = z.looseObject({
  // optional: a missing format or version is reported as such, not as "not an object".
  format: z.unknown().optional(),
  version: z.unknown().optional(),
});
