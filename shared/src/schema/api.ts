import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { LIMITS } from '../limits';
import {
  countsSchema,
  partialCountsSchema,
  qtySchema,
  stageSchema,
  timestampSchema,
  uuidSchema,
} from './common';
import { dataFileSchema } from './data-file';
import { historyEventSchema, miniatureTypeSchema, pointsSchema } from './entities';

// The fields of SPEC §9 as a body gives them: their content rules (names of SPEC §8,
// notes' length in code points) are checked by shared's planners, with their own codes.
const typeFieldBodies = {
  army: z.string().nullable().optional(),
  game: z.string().nullable().optional(),
  points_per_model: pointsSchema.optional(),
  notes: z.string().optional(),
};

/** POST /types */
export const createTypeBodySchema = z.strictObject({
  name: z.string(),
  counts: partialCountsSchema.optional(),
  ...typeFieldBodies,
});
export type CreateTypeBody = z.infer<typeof createTypeBodySchema>;

/** A rename alone: `{name}`. */
export const renameTypeBodySchema = z.strictObject({ name: z.string() });
export type RenameTypeBody = z.infer<typeof renameTypeBodySchema>;

/** PATCH /types/:id: any of the name and the fields of SPEC §9; army or game null clears it. */
export const updateTypeBodySchema = z.strictObject({
  name: z.string().optional(),
  ...typeFieldBodies,
});
export type UpdateTypeBody = z.infer<typeof updateTypeBodySchema>;

/** POST /types/:id/revert */
export const revertBodySchema = z.strictObject({ event_id: uuidSchema });
export type RevertBody = z.infer<typeof revertBodySchema>;

/** POST /types/:id/add and /remove */
export const stageQtyBodySchema = z.strictObject({ stage: stageSchema, qty: qtySchema });
export type StageQtyBody = z.infer<typeof stageQtyBodySchema>;

/** POST /types/:id/move */
export const moveBodySchema = z.strictObject({
  from_stage: stageSchema,
  to_stage: stageSchema,
  qty: qtySchema,
});
export type MoveBody = z.infer<typeof moveBodySchema>;

/** POST /types/:id/rework: a move to an earlier stage (SPEC §9). */
export const reworkBodySchema = moveBodySchema;
export type ReworkBody = z.infer<typeof reworkBodySchema>;

const limitSchema = z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50);
const offsetSchema = z.coerce.number().int().min(0).default(0);

/** Sort orders of GET /types: A–Z, most done first, most in the box first, latest change first. */
export const TYPE_SORTS = ['name', 'progress', 'in_box', 'recent'] as const;
export type TypeSort = (typeof TYPE_SORTS)[number];

// An army or game filter: a name (matched by identity key), or empty for "none set".
const groupFilterSchema = z
  .string()
  .max(LIMITS.groupNameLength * 2)
  .optional();

/** GET /types query */
export const listTypesQuerySchema = z.object({
  q: z
    .string()
    .max(LIMITS.nameLength * 2)
    .optional(),
  army: groupFilterSchema,
  game: groupFilterSchema,
  sort: z.enum(TYPE_SORTS).default('name'),
  limit: limitSchema,
  offset: offsetSchema,
});
export type ListTypesQuery = z.infer<typeof listTypesQuerySchema>;

/** GET /types/:id/history query */
export const historyQuerySchema = z.object({
  limit: limitSchema,
  offset: offsetSchema,
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** Path parameter :id */
export const idParamSchema = z.object({ id: uuidSchema });

export const typeListSchema = z.object({
  items: z.array(miniatureTypeSchema),
  total: z.int().min(0),
  limit: z.int(),
  offset: z.int(),
});
export type TypeList = z.infer<typeof typeListSchema>;

/** Returned by add, move and remove: the type after the change and the event written. */
export const typeChangeSchema = z.object({
  type: miniatureTypeSchema,
  event: historyEventSchema,
});
export type TypeChange = z.infer<typeof typeChangeSchema>;

export const historyGroupSchema = z.object({
  type_id: uuidSchema,
  from_stage: stageSchema.nullable(),
  to_stage: stageSchema.nullable(),
  /** A group of reworks (moves backwards, SPEC §9); absent for any other group. */
  rework: z.literal(true).optional(),
  qty: z.int(),
  events: z.int().min(1),
  created_at: timestampSchema,
  last_at: timestampSchema,
});
export type HistoryGroup = z.infer<typeof historyGroupSchema>;

export const historyPageSchema = z.object({
  items: z.array(historyGroupSchema),
  total: z.int().min(0),
  limit: z.int(),
  offset: z.int(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const conflictSchema = z.object({
  type_id: uuidSchema,
  type_name: z.string(),
  event: historyEventSchema,
  /** Not enough models, or an undo whose event was undone already or cannot be undone. */
  reason: z.enum(['ERR_INSUFFICIENT_QTY', 'ERR_ALREADY_REVERTED', 'ERR_NOT_REVERTIBLE']),
});
export type Conflict = z.infer<typeof conflictSchema>;

/** A live type an import deletes (the file holds its tombstone), with its events lost. */
export const deletedTypeSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  events: z.int().min(0),
});
export type DeletedType = z.infer<typeof deletedTypeSchema>;

/** A type folded into another because their names match (SPEC §3 step 4); events move. */
export const foldedTypeSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  into_id: uuidSchema,
  into_name: z.string(),
  events: z.int().min(0),
});
export type FoldedType = z.infer<typeof foldedTypeSchema>;

/** Models and points per stage, with their sums (SPEC §9: points beside models). */
export const stageTotalsSchema = countsSchema.extend({ total: z.int().min(0) });
export type StageTotals = z.infer<typeof stageTotalsSchema>;

/** Totals of a set of types: how many types, their models and their points per stage. */
export const totalsSchema = z.object({
  types: z.int().min(0),
  models: stageTotalsSchema,
  points: stageTotalsSchema,
});
export type Totals = z.infer<typeof totalsSchema>;

/** GET /armies: one entry per army (null: types without one), A–Z, none last. */
export const armyTotalsSchema = totalsSchema.extend({ army: z.string().nullable() });
export type ArmyTotals = z.infer<typeof armyTotalsSchema>;
export const armyListSchema = z.object({ items: z.array(armyTotalsSchema) });
export type ArmyList = z.infer<typeof armyListSchema>;

/** GET /armies query: only the types of one game (empty: types without a game). */
export const listArmiesQuerySchema = z.object({ game: groupFilterSchema });
export type ListArmiesQuery = z.infer<typeof listArmiesQuerySchema>;

export const importReportSchema = z.object({
  types_created: z.int().min(0),
  types_merged: z.int().min(0),
  events_added: z.int().min(0),
  events_skipped: z.int().min(0),
  conflicts: z.array(conflictSchema),
  // The three below are newer than the report: defaults keep older servers readable.
  /** Types of the current data the import deletes, by name, with their events. */
  types_deleted: z.array(deletedTypeSchema).default([]),
  /** Types (of the data or the file) folded into another by name. */
  types_folded: z.array(foldedTypeSchema).default([]),
  /** False when the import would change nothing at all. */
  changed: z.boolean().default(true),
  dry_run: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** One kind of text repair (shared's textRepairs): fields changed, their types' names. */
const textRepairSchema = z.object({
  fields: z.int().min(0),
  types: z.array(z.string()),
});

/**
 * POST /import's report: the import report and what reading the file replaced by
 * itself (text_repairs: unreadable characters → U+FFFD, controls → spaces; SPEC §8),
 * as the app's import review tells it.
 */
export const fileImportReportSchema = importReportSchema.extend({
  text_repairs: z.object({ unreadable: textRepairSchema, control: textRepairSchema }),
});

export const importQuerySchema = z.object({
  dry_run: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

/** POST /sync */
export const syncPushBodySchema = z.strictObject({ snapshot: dataFileSchema });
export type SyncPushBody = z.infer<typeof syncPushBodySchema>;

export const syncPullSchema = z.object({
  revision: z.int().min(0),
  snapshot: dataFileSchema,
});
export type SyncPull = z.infer<typeof syncPullSchema>;

export const syncPushResultSchema = z.object({
  revision: z.int().min(0),
  snapshot: dataFileSchema,
  report: importReportSchema,
});
export type SyncPushResult = z.infer<typeof syncPushResultSchema>;

/**
 * A revision's `device` for changes that came through the API without X-Device (an
 * import, a script): listed beside the devices' own names, so an import is never
 * credited to the device that synced next.
 */
export const API_WRITER = 'API';

export const revisionInfoSchema = z.object({
  revision: z.int().min(1),
  created_at: timestampSchema,
  device: z.string().nullable(),
  size_bytes: z.int().min(0),
  types: z.int().min(0),
  events: z.int().min(0),
});
export type RevisionInfo = z.infer<typeof revisionInfoSchema>;

/** Path parameter :rev of GET /sync/revisions/:rev */
export const revisionParamSchema = z.object({ rev: z.coerce.number().int().min(1) });

export const revisionListSchema = z.object({ items: z.array(revisionInfoSchema) });

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
