/**
 * The canonical text of a UUID (SPEC §8): lower case, as RFC 9562 §4 asks writers to
 * emit it. Every edge (data files, API bodies and paths, sync, storage) passes ids
 * through this, so an id read in upper case is the same id.
 */
export function canonicalId(id: string): string {
  return id.toLowerCase();
}
