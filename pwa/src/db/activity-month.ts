import type { ActivityEntry } from './finished-tally';

/**
 * One month of the Activity index as stored: entry i is what type `types[type[i]]` did
 * in minute `minutes[i]` (since the epoch, UTC): `finished[i]` and `bought[i]` models.
 * Entries are sorted by (minute, type), `types` sorted and each one used, so the same
 * events always give the same row (a kept index equals a rebuilt one). Typed arrays:
 * IndexedDB copies those in one piece, so a busy month reads in a millisecond.
 */
export interface MonthRow {
  types: string[];
  minutes: Int32Array;
  type: Int32Array;
  finished: Float64Array;
  bought: Float64Array;
}

/** A change to one entry, as a tally or the pending log holds it. */
export type EntryChange = [minute: number, typeId: string, finished: number, bought: number];

const empty = (): MonthRow => ({
  types: [],
  minutes: new Int32Array(0),
  type: new Int32Array(0),
  finished: new Float64Array(0),
  bought: new Float64Array(0),
});

/** Where (minute, type) is, or would go, in the row's sorted entries. */
function search(row: MonthRow, minute: number, type: number): number {
  let lo = 0;
  let hi = row.minutes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = row.minutes[mid]!;
    if (m < minute || (m === minute && row.type[mid]! < type)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first entry at or after `minute`. */
export function firstAt(row: MonthRow, minute: number): number {
  return search(row, minute, -1);
}

function sortedIndex(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function without<A extends Int32Array | Float64Array>(a: A, i: number): A {
  const out = new (a.constructor as new (n: number) => A)(a.length - 1);
  out.set(a.subarray(0, i));
  out.set(a.subarray(i + 1), i);
  return out;
}

function inserted<A extends Int32Array | Float64Array>(a: A, i: number, value: number): A {
  const out = new (a.constructor as new (n: number) => A)(a.length + 1);
  out.set(a.subarray(0, i));
  out[i] = value;
  out.set(a.subarray(i), i + 1);
  return out;
}

/**
 * The month with `changes` added; an entry that reaches nothing finished and nothing
 * bought is dropped, and a type with no entry left leaves `types`. Renumbering types
 * keeps the order (a monotone map), so the entries stay sorted.
 */
export function addToMonth(row: MonthRow | undefined, changes: readonly EntryChange[]): MonthRow {
  let { types, minutes, type, finished, bought } = row ?? empty();
  for (const [minute, typeId, df, db] of changes) {
    if (df === 0 && db === 0) continue;
    const ti = sortedIndex(types, typeId);
    const known = types[ti] === typeId;
    const i = known ? search({ types, minutes, type, finished, bought }, minute, ti) : -1;
    if (known && minutes[i] === minute && type[i] === ti) {
      const f = finished[i]! + df;
      const b = bought[i]! + db;
      if (f === 0 && b === 0) {
        minutes = without(minutes, i);
        type = without(type, i);
        finished = without(finished, i);
        bought = without(bought, i);
        if (!type.includes(ti)) {
          types = [...types.slice(0, ti), ...types.slice(ti + 1)];
          type = type.map((x) => (x > ti ? x - 1 : x));
        }
      } else {
        finished = finished.slice();
        bought = bought.slice();
        finished[i] = f;
        bought[i] = b;
      }
      continue;
    }
    if (!known) {
      types = [...types.slice(0, ti), typeId, ...types.slice(ti)];
      type = type.map((x) => (x >= ti ? x + 1 : x));
    }
    const at = search({ types, minutes, type, finished, bought }, minute, ti);
    minutes = inserted(minutes, at, minute);
    type = inserted(type, at, ti);
    finished = inserted(finished, at, df);
    bought = inserted(bought, at, db);
  }
  return { types, minutes, type, finished, bought };
}

/** A month built whole from its entries (any order; none empty, one per minute and type). */
export function monthOf(entries: readonly EntryChange[]): MonthRow {
  const types = [...new Set(entries.map((e) => e[1]))].sort();
  const index = new Map(types.map((t, i) => [t, i]));
  const sorted = entries
    .map((e) => [e[0], index.get(e[1])!, e[2], e[3]] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    types,
    minutes: Int32Array.from(sorted, (e) => e[0]),
    type: Int32Array.from(sorted, (e) => e[1]),
    finished: Float64Array.from(sorted, (e) => e[2]),
    bought: Float64Array.from(sorted, (e) => e[3]),
  };
}

/** A month's entries from `start` (inclusive) to `end` (exclusive): a time range of it. */
export interface MonthSlice {
  row: MonthRow;
  start: number;
  end: number;
}

/** The part of a month with minutes from `from` to `to` (inclusive). */
export function sliceMonth(row: MonthRow, from: number, to: number): MonthSlice {
  return { row, start: firstAt(row, from), end: firstAt(row, to + 1) };
}

/** Appends a slice's entries to `out`, as objects (tests; screens sum the arrays). */
export function readSlice({ row, start, end }: MonthSlice, out: ActivityEntry[]): void {
  const { types, minutes, type, finished, bought } = row;
  for (let i = start; i < end; i++) {
    out.push({
      minute: minutes[i]!,
      typeId: types[type[i]!]!,
      finished: finished[i]!,
      bought: bought[i]!,
    });
  }
}
