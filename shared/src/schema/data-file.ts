import { z } from 'zod';
import { LIMITS } from '../limits';
import { countsSchema, qtySchema, stageSchema, timestampSchema, uuidSchema } from './common';
import { tombstoneSchema } from './entities';

export const DATA_FILE_FORMAT = 'miniatures-tracker';
export const DATA_FILE_VERSION = 1;

/** An event inside a type's history in the data file (its type is the enclosing one). */
export const fileEventSchema = z.strictObject({
  id: uuidSchema,
  from_stage: stageSchema.nullable(),
  to_stage: stageSchema.nullable(),
  qty: qtySchema,
  created_at: timestampSchema,
});
export type FileEvent = z.infer<typeof fileEventSchema>;

export const fileTypeSchema = z.strictObject({
  id: uuidSchema,
  name: z.string(),
  created_at: timestampSchema,
  name_updated_at: timestampSchema,
  counts: countsSchema,
  history: z.array(fileEventSchema),
});
export type FileType = z.infer<typeof fileTypeSchema>;

/**
 * The data file v1: export, import and the sync snapshot share it.
 * Structure only; the cross-field rules (replay, unique ids) live in transfer/validate.
 */
export const dataFileSchema = z.strictObject({
  format: z.literal(DATA_FILE_FORMAT),
  version: z.literal(DATA_FILE_VERSION),
  exported_at: timestampSchema,
  types: z.array(fileTypeSchema).max(LIMITS.types),
  tombstones: z.array(tombstoneSchema).max(LIMITS.tombstones),
});
export type DataFile = z.infer<typeof dataFileSchema>;

/** Just enough to tell a file of another format or version from a broken v1 file. */
export const dataFileHeaderSchema = z.looseObject({
  // optional: a missing format or version is reported as such, not as "not an object".
  format: z.unknown().optional(),
  version: z.unknown().optional(),
});
