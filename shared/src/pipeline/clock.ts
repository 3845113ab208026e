/** Adds milliseconds to an ISO timestamp. */
export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/**
 * The time for a new local event: now, or 1 ms after the type's last event when the
 * clock has gone backwards, so local history never runs out of order.
 */
export function nextEventTime(now: Date | string, lastEventAt: string | null): string {
  const nowIso = typeof now === 'string' ? now : now.toISOString();
  if (lastEventAt === null || nowIso > lastEventAt) return nowIso;
  return addMs(lastEventAt, 1);
}
