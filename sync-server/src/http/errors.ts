import { DomainError, type ErrorCode, type ErrorEnvelope, isErrorCode, LIMITS } from '@mpt/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  ERR_TYPE_NOT_FOUND: 404,
  ERR_NOT_FOUND: 404,
  ERR_REVISION_NOT_FOUND: 404,
  ERR_NAME_TAKEN: 409,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNAUTHORIZED: 401,
  ERR_RATE_LIMITED: 429,
  ERR_STORAGE: 503,
  ERR_SYNC_UNREACHABLE: 503,
  ERR_INTERNAL: 500,
};

/** The HTTP status of an error code: 400 for every broken rule or invalid input. */
export const statusOf = (code: ErrorCode): ContentfulStatusCode => STATUS[code] ?? 400;

// English text for logs and API clients; the PWA shows its own RU/EN text per code.
const MESSAGES: Record<ErrorCode, string> = {
  ERR_VALIDATION: 'The request is invalid.',
  ERR_NAME_INVALID: `The name must be 1 to ${LIMITS.nameLength} characters.`,
  ERR_NAME_TAKEN: 'Another type already has this name.',
  ERR_TYPE_NOT_FOUND: 'No such miniature type.',
  ERR_INVALID_STAGE: 'Unknown stage.',
  ERR_INVALID_STAGE_TRANSITION: 'Models can only move to a later stage.',
  ERR_INVALID_QTY: `The quantity must be a whole number from 1 to ${LIMITS.qty}.`,
  ERR_INSUFFICIENT_QTY: 'Not enough models at that stage.',
  ERR_IMPORT_INVALID: 'The data file is invalid.',
  ERR_IMPORT_UNSUPPORTED_VERSION: 'The data file version is not supported.',
  ERR_IMPORT_INCONSISTENT: 'The data file contradicts itself.',
  ERR_PAYLOAD_TOO_LARGE: 'The request body is too large.',
  ERR_UNAUTHORIZED: 'A valid bearer token is required.',
  ERR_RATE_LIMITED: 'Too many requests; try again shortly.',
  ERR_STORAGE: 'The database is unavailable.',
  ERR_SYNC_UNREACHABLE: 'The sync server cannot be reached.',
  ERR_NOT_FOUND: 'No such resource.',
  ERR_REVISION_NOT_FOUND: 'No such stored revision.',
  ERR_IDEMPOTENCY_KEY_INVALID: 'A valid, unused Idempotency-Key header is required.',
  ERR_TIME_OUT_OF_RANGE:
    'A time would fall outside 1970-01-01 … 2999-12-31 (a clock, or the dates of this type’s history).',
  ERR_LIMIT_REACHED: 'The collection would hold more than a data file can carry.',
  ERR_INTERNAL: 'Internal server error.',
};

/** The error envelope every failure is rendered as. */
export function envelope(code: ErrorCode, details: Record<string, unknown> = {}): ErrorEnvelope {
  return { error: { code, message: MESSAGES[code], details } };
}

// SQLSTATEs of a database that cannot serve now (the request may succeed later):
// 08 connection exception, 53 insufficient resources (disk full, out of memory, too
// many connections), 57 operator intervention (statement timeout, admin shutdown,
// crash, starting up), 58 system error (I/O), 25P03 idle-in-transaction timeout,
// 55P03 lock timeout, 40001/40P01 serialization failure and deadlock.
const SQLSTATE_UNAVAILABLE = /^(08|53|57|58)[0-9A-Z]{3}$|^(25P03|55P03|40001|40P01)$/;
// Socket errors, and what pg, pg-pool and PGlite throw when they have no answer.
const SOCKET = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE)$/;
const DRIVER_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|after calling end on the pool|PGlite is closed|is closed/i;

/** Any thrown value → the domain error to report (database failures included). */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new DomainError('ERR_PAYLOAD_TOO_LARGE');
    if (error.status === 401) return new DomainError('ERR_UNAUTHORIZED');
    if (error.status === 404) return new DomainError('ERR_NOT_FOUND');
    if (error.status < 500) return new DomainError('ERR_VALIDATION', { reason: error.message });
    return new DomainError('ERR_INTERNAL');
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (isErrorCode(code)) return new DomainError(code);
    if (code === '23505') return new DomainError('ERR_NAME_TAKEN');
    // Class 22 (data exception), e.g. a well-formed but impossible date.
    if (code.startsWith('22'))
      return new DomainError('ERR_VALIDATION', { reason: 'data_exception' });
    if (SQLSTATE_UNAVAILABLE.test(code) || SOCKET.test(code)) return new DomainError('ERR_STORAGE');
  }
  const message = error instanceof Error ? error.message : '';
  if (DRIVER_UNAVAILABLE.test(message)) return new DomainError('ERR_STORAGE');
  return new DomainError('ERR_INTERNAL');
}

/**
 * A value the database refused while writing a data file or a snapshot (a data
 * exception, SQLSTATE class 22, or a broken constraint, class 23) → ERR_IMPORT_INVALID
 * at `path`, so the client learns it is the file, not the server. Canonical values
 * (SPEC §8) make this unreachable; it stays as the last line, never a bare 400.
 */
export function asImportRefusal(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return error;
  return new DomainError('ERR_IMPORT_INVALID', { path, reason: 'storage_refused', sqlstate: code });
}

/** Renders a domain error as the envelope with its status. */
export function renderError(c: Context, error: DomainError): Response {
  return c.json(envelope(error.code, error.details), statusOf(error.code));
}
