import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { DomainError, type ErrorCode } from '@mpt/shared';
import type { Context } from 'hono';
import { wrapTime } from 'hono/timing';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** The Idempotency-Key header, or ERR_IDEMPOTENCY_KEY_INVALID (missing or malformed). */
export function idempotencyKey(c: Context): string {
  const key = c.req.header('idempotency-key');
  if (key === undefined || !KEY.test(key)) {
    throw new DomainError('ERR_IDEMPOTENCY_KEY_INVALID', {
      reason: key === undefined ? 'missing' : 'malformed',
      pattern: KEY.source,
    });
  }
  return key;
}

/** The optional X-Device header, as a short printable label for the revision list. */
export const deviceOf = (c: Context): string | null =>
  c.req
    .header('x-device')
    ?.replace(/[^\x20-\x7e]/g, '')
    .slice(0, 100) || null;

/** A failed read of a body part, with its JSON path made relative to the request body. */
export function atField(
  result: { code: ErrorCode; details: Record<string, unknown> },
  field: string,
): DomainError {
  const path = typeof result.details.path === 'string' ? result.details.path : '$';
  return new DomainError(result.code, {
    ...result.details,
    path: path.replace(/^\$/, `$.${field}`),
  });
}

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/**
 * The request body as text. A body sent with `Content-Encoding: gzip` (SPEC §10) is
 * decompressed off the event loop, and at most `maxBytes` of it: beyond that (or when it
 * is not gzip at all) ERR_PAYLOAD_TOO_LARGE or ERR_VALIDATION. The compressed size is
 * already capped by the body limit.
 */
export async function bodyText(c: Context, maxBytes: number): Promise<string> {
  const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return c.req.text();
  if (encoding !== 'gzip') {
    throw new DomainError('ERR_VALIDATION', { reason: 'unsupported_content_encoding', encoding });
  }
  const raw = Buffer.from(await c.req.arrayBuffer());
  try {
    return (await gunzipAsync(raw, { maxOutputLength: maxBytes })).toString('utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DomainError('ERR_PAYLOAD_TOO_LARGE', { max_bytes: maxBytes });
    }
    throw new DomainError('ERR_VALIDATION', { reason: 'bad_gzip' });
  }
}

/** Bodies smaller than this go out as they are: gzip would save nothing worth its time. */
const GZIP_FROM_BYTES = 1024;

/**
 * A JSON answer, gzip-compressed (level 1: JSON shrinks about tenfold even so, at a
 * fraction of the CPU of the default) when the client accepts gzip and it is worth it.
 * X-Uncompressed-Length tells a client the real size for its progress bar. The
 * compression's time goes into Server-Timing as `gzip` (the route's hono/timing).
 */
export async function jsonAnswer(c: Context, text: string): Promise<Response> {
  const body = Buffer.from(text, 'utf8');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Uncompressed-Length': String(body.length),
    Vary: 'Accept-Encoding',
  };
  const accepts = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
  if (!accepts || body.length < GZIP_FROM_BYTES) return c.body(body, 200, headers);
  const packed = await wrapTime(c, 'gzip', gzipAsync(body, { level: 1 }));
  return c.body(packed, 200, { ...headers, 'Content-Encoding': 'gzip' });
}
