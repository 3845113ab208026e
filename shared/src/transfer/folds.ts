/**
 * Where a type lives now (SPEC §3: a type folded by name leaves a tombstone naming the
 * type that absorbed it): `id` itself while `isLive`, else the type its tombstone's
 * `merged_into` names, followed while that one was folded too. Null when the chain ends
 * at a plain deletion, at an unknown id, or loops. The lookups are functions, so a
 * caller passes whatever it holds (maps, sets, a page of tombstones).
 */
export function foldedTarget(
  id: string,
  isLive: (id: string) => boolean,
  mergedInto: (id: string) => string | null | undefined,
): string | null {
  const seen = new Set<string>();
  let at: string | null = id;
  while (at !== null && !isLive(at)) {
    if (seen.has(at)) return null;
    seen.add(at);
    at = mergedInto(at) ?? null;
  }
  return at;
}
