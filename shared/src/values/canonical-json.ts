/*
 * The smallest part of extra.ts, on its own so that the app's first screen (which
 * compares records) does not pull the merge code into the initial bundle.
 */

/**
 * Fields of a data-file object (the file, a type, an event, a tombstone) that this
 * version of the app does not know: written by a newer version, kept and written back
 * unchanged (SPEC §9, forward compatibility). Values are JSON values with object keys
 * in code-unit order (canonicalJson), so equal values are equal objects everywhere.
 */
export type Extra = Record<string, unknown>;

/**
 * JSON text of a JSON value with every object's keys sorted by code unit, recursively:
 * two equal values always give the same text (JSON member order is not significant).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** True when both hold the same unknown fields with equal values. */
export function sameExtra(a: Extra | undefined, b: Extra | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}
