/** Every error code the product can report. Wire-stable: the UI maps each to RU/EN text. */
export const ERROR_CODES = [
  'ERR_VALIDATION',
  'ERR_NAME_INVALID',
  'ERR_NAME_TAKEN',
  'ERR_TYPE_NOT_FOUND',
  'ERR_INVALID_STAGE',
  'ERR_INVALID_STAGE_TRANSITION',
  'ERR_INVALID_QTY',
  'ERR_INSUFFICIENT_QTY',
  'ERR_IMPORT_INVALID',
  'ERR_IMPORT_UNSUPPORTED_VERSION',
  'ERR_IMPORT_INCONSISTENT',
  'ERR_PAYLOAD_TOO_LARGE',
  'ERR_UNAUTHORIZED',
  'ERR_RATE_LIMITED',
  'ERR_STORAGE',
  'ERR_SYNC_UNREACHABLE',
  'ERR_NOT_FOUND',
  'ERR_REVISION_NOT_FOUND',
  'ERR_IDEMPOTENCY_KEY_INVALID',
  'ERR_TIME_OUT_OF_RANGE',
  'ERR_ARMY_INVALID',
  'ERR_GAME_INVALID',
  'ERR_INVALID_POINTS',
  'ERR_NOTES_TOO_LONG',
  'ERR_INVALID_GOAL',
  'ERR_INVALID_REWORK',
  'ERR_EVENT_NOT_FOUND',
  'ERR_EVENT_OF_OTHER_TYPE',
  'ERR_ALREADY_REVERTED',
  'ERR_NOT_REVERTIBLE',
  'ERR_LIMIT_REACHED',
  'ERR_INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Record<string, unknown>;

/** A broken domain rule. Carries a code, never an HTTP status: the edge picks the status. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, message?: string) {
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** The outcome of a domain operation that can break a rule. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode; details: ErrorDetails };

/** Builds a successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Builds a failed result. */
export const fail = <T = never>(code: ErrorCode, details: ErrorDetails = {}): Result<T> => ({
  ok: false,
  code,
  details,
});

/** Returns the value of a result or throws its code as a DomainError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new DomainError(result.code, result.details);
}

/** True for any string that is one of the known codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
