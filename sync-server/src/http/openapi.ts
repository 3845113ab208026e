import { OpenAPIHono } from '@hono/zod-openapi';
import { errorEnvelopeSchema, validationError } from '@mpt/shared';
import type { z } from 'zod';

/**
 * A router whose zod-validated params, queries and bodies fail through the one error
 * path: shared's validationError picks the most specific code (ERR_INVALID_STAGE, …).
 */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}

/** A JSON body or response with its schema, for createRoute. */
export const json = <T extends z.ZodType>(schema: T, description = '') => ({
  description,
  content: { 'application/json': { schema } },
});

const error = (description: string) => json(errorEnvelopeSchema, description);

/** The error responses a route may give, documented once. */
export const errors = {
  400: error('A broken rule or invalid input (the code says which)'),
  401: error('ERR_UNAUTHORIZED: missing or wrong bearer token (when SYNC_TOKEN is set)'),
  404: error('ERR_TYPE_NOT_FOUND / ERR_NOT_FOUND / ERR_REVISION_NOT_FOUND'),
  409: error('ERR_NAME_TAKEN'),
  413: error('ERR_PAYLOAD_TOO_LARGE'),
  429: error('ERR_RATE_LIMITED'),
  500: error('ERR_INTERNAL'),
  503: error('ERR_STORAGE: the database is unavailable'),
} as const;
