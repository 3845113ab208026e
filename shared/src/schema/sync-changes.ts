import { z } from 'zod';
import { importReportSchema } from './api';
import { timestampSchema, uuidSchema } from './common';
import { dataFileSchema } from './data-file';

/**
 * A sync cursor (SPEC §10): the server's database id and the number of the last change
 * the device has from it, e.g. `3f0c2a5e-8d1b-4c6e-9a7f-1b2c3d4e5f60:1234`. Opaque to the
 * device; a cursor of another database (a wiped or replaced server) is not honoured.
 */
export const cursorSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:(0|[1-9]\d{0,14})$/);

/** A cursor's two parts. */
export interface Cursor {
  server: string;
  seq: number;
}

/** Cursor text → its parts (the text must match cursorSchema). */
export function parseCursor(text: string): Cursor {
  const at = text.lastIndexOf(':');
  return { server: text.slice(0, at), seq: Number(text.slice(at + 1)) };
}

/** A cursor's parts → its text. */
export const formatCursor = (cursor: Cursor): string => `${cursor.server}:${cursor.seq}`;

/**
 * POST /sync/changes. `changes` is a data file fragment (docs/data-format.md, "Changes"):
 * the same format and schema as a data file, holding the types this device changed with
 * only their new events, and its new tombstones. Documentation only: the route reads the
 * body in steps with readChangesSteps.
 */
export const syncChangesBodySchema = z.strictObject({
  since: cursorSchema.nullable(),
  changes: dataFileSchema,
});
export type SyncChangesBody = z.infer<typeof syncChangesBodySchema>;

/**
 * Pushed changes the server did not take because they are dated more than
 * LIMITS.clockAheadRefusedMs after its clock: new types (created or renamed then) and
 * events. They stay on the device until its clock is right (SPEC §10).
 */
export const clockRefusalSchema = z.object({
  code: z.literal('ERR_CLOCK_SKEW'),
  /** The latest time the server accepted at that moment. */
  latest_allowed: timestampSchema,
  type_ids: z.array(uuidSchema),
  event_ids: z.array(uuidSchema),
});
export type ClockRefusal = z.infer<typeof clockRefusalSchema>;

/** The answer to POST /sync/changes. */
export const syncChangesResultSchema = z.object({
  /** Where the device stands now: send it as `since` next time. */
  cursor: cursorSchema,
  /** The server's clock when it answered. */
  server_time: timestampSchema,
  /**
   * True when `changes` holds everything the server has: `since` was null or a cursor
   * of another database (the device then pushes everything it has once).
   */
  full: z.boolean(),
  /** What the server has since `since` that the device lacks (a data file fragment). */
  changes: dataFileSchema,
  report: importReportSchema,
  refused: clockRefusalSchema.nullable(),
});
export type SyncChangesResult = z.infer<typeof syncChangesResultSchema>;
