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

/** An object of entries in canonical form; JSON.parse keeps a `__proto__` key as a field. */
const canonicalObject = (entries: readonly [string, unknown][]): Extra =>
  JSON.parse(canonicalJson(Object.fromEntries(entries))) as Extra;

/**
 * The own fields of `raw` whose names are not in `known`, in canonical form, or
 * undefined when there are none (the common case costs one pass over the keys).
 */
export function unknownFields(raw: object, known: ReadonlySet<string>): Extra | undefined {
  let found: [string, unknown][] | undefined;
  for (const key in raw) {
    if (known.has(key) || !Object.hasOwn(raw, key)) continue;
    found ??= [];
    found.push([key, (raw as Record<string, unknown>)[key]]);
  }
  return found && canonicalObject(found);
}

/** True when both hold the same unknown fields with equal values. */
export function sameExtra(a: Extra | undefined, b: Extra | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

const SUFFIX = '_updated_at';
/** The field a key belongs to: `x` and `x_updated_at` are one field (SPEC §9's convention). */
const fieldOf = (key: string): string =>
  key.endsWith(SUFFIX) ? key.slice(0, -SUFFIX.length) : key;

/**
 * Merges the unknown fields of two copies of one object, commutatively, associatively
 * and idempotently, as SPEC §9 merges known fields: a field `x` and its `x_updated_at`
 * travel together; the copy with the later `x_updated_at` wins both (a missing or
 * non-text time is the earliest), ties go to the smaller value as canonical JSON text.
 * A field only one copy has is kept. A newer version that follows the convention is
 * merged correctly by this one, and no version ever loses a field it does not know.
 */
export function mergeExtra(a: Extra | undefined, b: Extra | undefined): Extra | undefined {
  if (a === undefined || a === b) return b;
  if (b === undefined) return a;
  const fields = new Set([...Object.keys(a), ...Object.keys(b)].map(fieldOf));
  const entries: [string, unknown][] = [];
  let fromB = false;
  for (const field of fields) {
    const pick = (side: Extra) => {
      const keys = [field, field + SUFFIX].filter((k) => Object.hasOwn(side, k));
      return keys.length === 0
        ? null
        : { keys, side, text: canonicalJson(Object.fromEntries(keys.map((k) => [k, side[k]]))) };
    };
    const x = pick(a);
    const y = pick(b);
    let winner = x ?? y!;
    if (x && y && x.text !== y.text) {
      const tx = typeof a[field + SUFFIX] === 'string' ? (a[field + SUFFIX] as string) : '';
      const ty = typeof b[field + SUFFIX] === 'string' ? (b[field + SUFFIX] as string) : '';
      winner = ty > tx || (ty === tx && y.text < x.text) ? y : x;
    }
    if (winner.side === b && (!x || winner.text !== x.text)) fromB = true;
    for (const k of winner.keys) entries.push([k, winner.side[k]]);
  }
  return fromB ? canonicalObject(entries) : a;
}
