import { z } from 'zod';
import { LIMITS } from '../limits';
import { STAGES } from '../pipeline/stages';
import { canonicalId } from '../values/ids';
import { TIME_RANGE } from '../values/time';

/** A UUID, accepted in either case and lower-cased at the edge (SPEC §8). */
export const uuidSchema = z.uuid().overwrite(canonicalId);

/**
 * ISO 8601 UTC with exactly three fractional digits, e.g. 2026-11-22T10:00:00.000Z,
 * inside TIME_RANGE (SPEC §8).
 */
export const timestampSchema = z.iso
  .datetime({ precision: 3 })
  // The format is checked above, so the range is a text comparison (four-digit years).
  .refine(
    (t) => t >= TIME_RANGE.min && t <= TIME_RANGE.max,
    `outside ${TIME_RANGE.min} … ${TIME_RANGE.max}`,
  );

export const stageSchema = z.enum(STAGES);

/** Quantity of one event: a whole number of models, 1 to 100 000. */
export const qtySchema = z.int().min(1).max(LIMITS.qty);

const countSchema = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A non-negative integer for each of the five stages; no other keys. */
export const countsSchema = z.strictObject({
  IN_BOX: countSchema,
  BUILDING: countSchema,
  PRIMING: countSchema,
  PAINTING: countSchema,
  DONE: countSchema,
});

/** Initial counts on create: any subset of stages. */
export const partialCountsSchema = z.strictObject({
  IN_BOX: countSchema.max(LIMITS.qty).optional(),
  BUILDING: countSchema.max(LIMITS.qty).optional(),
  PRIMING: countSchema.max(LIMITS.qty).optional(),
  PAINTING: countSchema.max(LIMITS.qty).optional(),
  DONE: countSchema.max(LIMITS.qty).optional(),
});

export type PartialCounts = z.infer<typeof partialCountsSchema>;
