import { z } from 'zod';
import { LIMITS } from '../limits';
import { countsSchema, qtySchema, stageSchema, timestampSchema, uuidSchema } from './common';

/**
 * Fields written by a newer version of the app, kept verbatim (SPEC §9): the data
 * file carries them inline; stores and states keep them here, absent when there are none.
 */
export const extraSchema = z.record(z.string(), z.unknown());

/** One entry of the append-only history, as stored (with its type). */
export const historyEventSchema = z.strictObject({
  id: uuidSchema,
  type_id: uuidSchema,
  from_stage: stageSchema.nullable(),
  to_stage: stageSchema.nullable(),
  qty: qtySchema,
  created_at: timestampSchema,
  /** This event undoes that one exactly (SPEC §9); absent for any other event. */
  reverts: uuidSchema.optional(),
  /** A backward move (strip and repaint, a broken arm); absent for any other event. */
  rework: z.literal(true).optional(),
  extra: extraSchema.optional(),
});
export type HistoryEvent = z.infer<typeof historyEventSchema>;

/** Hobby points of one model (SPEC §9): a whole number 0–1 000. */
export const pointsSchema = z.int().min(0).max(LIMITS.pointsPerModel);

/** An army or game name (SPEC §9), canonical by validateName(…, 80), or null for none. */
const groupNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.groupNameLength * 2)
  .nullable();

/** A miniature type with its current counts and its fields (SPEC §2, §9). */
export const miniatureTypeSchema = z.strictObject({
  id: uuidSchema,
  name: z
    .string()
    .min(1)
    .max(LIMITS.nameLength * 2),
  created_at: timestampSchema,
  name_updated_at: timestampSchema,
  army: groupNameSchema,
  army_updated_at: timestampSchema,
  game: groupNameSchema,
  game_updated_at: timestampSchema,
  points_per_model: pointsSchema,
  points_per_model_updated_at: timestampSchema,
  notes: z.string().max(LIMITS.notesLength * 2),
  notes_updated_at: timestampSchema,
  counts: countsSchema,
  extra: extraSchema.optional(),
});
export type MiniatureType = z.infer<typeof miniatureTypeSchema>;

/** A deleted type. merged_into names the type that absorbed it when it was folded by name. */
export const tombstoneSchema = z.strictObject({
  id: uuidSchema,
  deleted_at: timestampSchema,
  merged_into: uuidSchema.nullable(),
  extra: extraSchema.optional(),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

/** A painting goal (SPEC §9): so many models or points per week, month or year. */
export const goalSchema = z.strictObject({
  metric: z.enum(['models', 'points']),
  period: z.enum(['week', 'month', 'year']),
  target: z.int().min(1).max(LIMITS.goalTarget),
});
export type Goal = z.infer<typeof goalSchema>;

/** The goal as a replica keeps it: the value (null: cleared) and when it was set. */
export interface GoalSetting {
  value: Goal | null;
  updated_at: string;
}

/** The fields of a type a user edits, each with its own time (SPEC §9); name apart. */
export const TYPE_FIELDS = ['army', 'game', 'points_per_model', 'notes'] as const;
export type TypeField = (typeof TYPE_FIELDS)[number];

/** A type's v2 fields when nothing was set (a v1 file, a new type): dated at its creation. */
export function defaultTypeFields(createdAt: string) {
  return {
    army: null,
    army_updated_at: createdAt,
    game: null,
    game_updated_at: createdAt,
    points_per_model: 1,
    points_per_model_updated_at: createdAt,
    notes: '',
    notes_updated_at: createdAt,
  } satisfies Partial<MiniatureType>;
}
