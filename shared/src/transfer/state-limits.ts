import { fail, ok, type Result } from '../errors';
import { LIMITS } from '../limits';

/**
 * A store may never hold more than a data file can carry (LIMITS: types, events,
 * tombstones), or its own export and every sync of it would be refused. Returns
 * ERR_LIMIT_REACHED with `limit` (which one), `max` and `count` when `state` is over.
 */
export function checkStateLimits(
  state: Record<'types' | 'events' | 'tombstones', { readonly length: number }>,
): Result<void> {
  for (const limit of ['types', 'events', 'tombstones'] as const) {
    const count = state[limit].length;
    if (count > LIMITS[limit])
      return fail('ERR_LIMIT_REACHED', { limit, max: LIMITS[limit], count });
  }
  return ok(undefined);
}
