import type { z } from 'zod';
import { DomainError, type ErrorCode } from '../errors';
import { jsonPath } from '../transfer/json-path';

const FIELD_CODES: Readonly<Record<string, ErrorCode>> = {
  name: 'ERR_NAME_INVALID',
  stage: 'ERR_INVALID_STAGE',
  from_stage: 'ERR_INVALID_STAGE',
  to_stage: 'ERR_INVALID_STAGE',
  qty: 'ERR_INVALID_QTY',
  army: 'ERR_ARMY_INVALID',
  game: 'ERR_GAME_INVALID',
  points_per_model: 'ERR_INVALID_POINTS',
};

/**
 * Turns a failed parse of an API body into the most specific domain code: a bad
 * stage is ERR_INVALID_STAGE, a bad qty ERR_INVALID_QTY, a bad name ERR_NAME_INVALID,
 * a bad army or game ERR_ARMY_INVALID / ERR_GAME_INVALID, bad points
 * ERR_INVALID_POINTS, anything else ERR_VALIDATION. Details carry the JSON path of the first issue.
 */
export function validationError(error: z.ZodError): DomainError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  const first = path[0];
  let code: ErrorCode = 'ERR_VALIDATION';
  if (typeof first === 'string') {
    code = FIELD_CODES[first] ?? (first === 'counts' ? 'ERR_INVALID_QTY' : 'ERR_VALIDATION');
    if (first === 'counts' && issue?.code === 'unrecognized_keys') code = 'ERR_INVALID_STAGE';
  }
  return new DomainError(code, {
    path: jsonPath(path),
    issue: issue?.code ?? 'invalid',
    message: issue?.message ?? '',
  });
}

/** Parses with a schema or throws the mapped DomainError. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
