import { canonicalJson, type Extra } from './canonical-json';

export { canonicalJson, type Extra, sameExtra } from './canonical-json';

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
