import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToMonth, type EntryChange, monthOf, readSlice, sliceMonth } from './activity-month';
import type { ActivityEntry } from './finished-tally';

const changeArb: fc.Arbitrary<EntryChange> = fc.tuple(
  fc.integer({ min: 100, max: 110 }),
  fc.constantFrom('t-a', 't-b', 't-c', 't-d'),
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: -3, max: 3 }),
);

/** The net of `changes` per (minute, type), without entries that net to nothing. */
function net(changes: readonly EntryChange[]): EntryChange[] {
  const sums = new Map<string, EntryChange>();
  for (const [m, t, f, b] of changes) {
    const key = `${m} ${t}`;
    const e = sums.get(key) ?? [m, t, 0, 0];
    sums.set(key, [m, t, e[2] + f, e[3] + b]);
  }
  return [...sums.values()].filter((e) => e[2] !== 0 || e[3] !== 0);
}

describe('an Activity index month', () => {
  it('law: changes added one by one give the row built whole from their net', () => {
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (changes, cut) => {
          let row = addToMonth(undefined, []);
          for (let i = 0; i < changes.length; i += cut) {
            row = addToMonth(row, changes.slice(i, i + cut));
          }
          expect(row).toEqual(monthOf(net(changes)));
        },
      ),
    );
  });

  it('reads the entries of a range of minutes, in (minute, type) order', () => {
    const row = monthOf([
      [105, 't-b', 1, 0],
      [101, 't-a', 0, 4],
      [105, 't-a', 2, 0],
      [109, 't-c', 1, 1],
    ]);
    const out: ActivityEntry[] = [];
    readSlice(sliceMonth(row, 102, 105), out);
    expect(out).toEqual([
      { minute: 105, typeId: 't-a', finished: 2, bought: 0 },
      { minute: 105, typeId: 't-b', finished: 1, bought: 0 },
    ]);
  });
});
