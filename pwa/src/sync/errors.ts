import { type ErrorCode, type ErrorDetails, errorEnvelopeSchema } from '@mpt/shared';
import { parseRetryAfter } from './backoff';

/**
 * Why a sync or a connection test failed, as a code the UI turns into RU/EN text.
 * `retryable` says whether the same attempt (same Idempotency-Key) may be sent again.
 */
export class SyncError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly status: number | null;
  readonly retryable: boolean;
  /** The server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs: number | null;

  constructor(
    code: ErrorCode,
    init: {
      details?: ErrorDetails;
      status?: number | null;
      retryable: boolean;
      retryAfterMs?: number | null;
    },
  ) {
    super(code);
    this.name = 'SyncError';
    this.code = code;
    this.details = init.details ?? {};
    this.status = init.status ?? null;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/**
 * Network failure, timeout or CORS refusal: the server was not reached (or its answer
 * was lost). `reason` says which for the text; `extra` carries what that text names
 * (the app's origin for 'cors').
 */
export function unreachable(
  reason: string,
  message?: string,
  extra: Record<string, string> = {},
): SyncError {
  return new SyncError('ERR_SYNC_UNREACHABLE', {
    details: message ? { reason, ...extra, message } : { reason, ...extra },
    retryable: true,
  });
}

/** An answer that is not what the API promises (another site at that URL, a proxy page). */
export function badResponse(status: number, path?: string): SyncError {
  return new SyncError('ERR_SYNC_UNREACHABLE', {
    details: path ? { reason: 'bad_response', status, path } : { reason: 'bad_response', status },
    status,
    retryable: status >= 500,
  });
}

// Statuses worth sending again unchanged: the server was busy, restarting or limiting us.
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Turns a non-2xx response into a SyncError, reading the API's error envelope when present. */
export async function errorFromResponse(res: Response, now = Date.now()): Promise<SyncError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: a proxy or another site answered.
  }
  const envelope = errorEnvelopeSchema.safeParse(body);
  const retryable = RETRYABLE_STATUS.has(res.status);
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
  if (envelope.success) {
    return new SyncError(envelope.data.error.code, {
      details: envelope.data.error.details,
      status: res.status,
      retryable,
      retryAfterMs,
    });
  }
  if (res.status === 401)
    return new SyncError('ERR_UNAUTHORIZED', { status: 401, retryable: false });
  if (res.status === 413) {
    return new SyncError('ERR_PAYLOAD_TOO_LARGE', { status: 413, retryable: false });
  }
  if (res.status === 429) {
    return new SyncError('ERR_RATE_LIMITED', { status: 429, retryable: true, retryAfterMs });
  }
  const error = badResponse(res.status);
  return retryable
    ? new SyncError(error.code, {
        details: error.details,
        status: res.status,
        retryable,
        retryAfterMs,
      })
    : error;
}

/** Any thrown value as a SyncError (a DomainError keeps its code; the rest is ERR_INTERNAL). */
export function toSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const coded = error as { code?: unknown; details?: unknown } | null;
  if (coded && typeof coded.code === 'string' && coded.code.startsWith('ERR_')) {
    return new SyncError(coded.code as ErrorCode, {
      details: (coded.details as ErrorDetails | undefined) ?? {},
      retryable: coded.code === 'ERR_STORAGE',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError('ERR_INTERNAL', { details: { message }, retryable: true });
}
