import { z } from 'zod';
import { LIMITS } from '../limits';
import { countsSchema, qtySchema, stageSchema, timestampSchema, uuidSchema } from './common';

/** One entry of the append-only history, as stored (with its type). */
export const historyEventSchema = z.strictObject({
  id: uuidSchema,
  type_id: uuidSchema,
  from_stage: stageSchema.nullable(),
  to_stage: stageSchema.nullable(),
  qty: qtySchema,
  created_at: timestampSchema,
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** A miniature type with its current counts. */
export const miniatureTypeSchema = z.strictObject({
  id: uuidSchema,
  name: z
    .string()
    .min(1)
    .max(LIMITS.nameLength * 2),
  created_at: timestampSchema,
  name_updated_at: timestampSchema,
  counts: countsSchema,
});
export type MiniatureType = z.infer<typeof miniatureTypeSchema>;

/** A deleted type. merged_into names the type that absorbed it when it was folded by name. */
export const tombstoneSchema = z.strictObject({
  id: uuidSchema,
  deleted_at: timestampSchema,
  merged_into: uuidSchema.nullable(),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;
