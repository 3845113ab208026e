import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@mpt/shared';
import type { MiddlewareHandler } from 'hono';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed first so the
 * comparison takes the same time whatever the length or content of the guess.
 */
export function bearerAuth(token: string, isPublic: (path: string) => boolean): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || isPublic(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1] ?? ''), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="mpt"');
      throw new DomainError('ERR_UNAUTHORIZED');
    }
    return next();
  };
}
