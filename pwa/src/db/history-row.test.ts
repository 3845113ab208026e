import { compareEvents, type HistoryEvent, STAGES } from '@mpt/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHistory, encodeHistory, lastOfHistory } from './history-row';

const TYPE = '0000000a-0000-4000-8000-000000000001';
const stage = fc.constantFrom(null, ...STAGES);
const eventArb: fc.Arbitrary<HistoryEvent> = fc
  .record(
    {
      id: fc.uuid(),
      from_stage: stage,
      to_stage: stage,
      qty: fc.integer({ min: 1, max: 1_000 }),
      created_at: fc
        .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
        .map((ms) => new Date(ms).toISOString()),
      reverts: fc.uuid(),
      rework: fc.constant(true as const),
      extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    },
    { requiredKeys: ['id', 'from_stage', 'to_stage', 'qty', 'created_at'] },
  )
  .map(({ id, from_stage, to_stage, qty, created_at, ...marks }) => ({
    id,
    type_id: TYPE,
    from_stage,
    to_stage,
    qty,
    created_at,
    ...marks,
  }));

describe('a history row, stored column by column', () => {
  it('gives back exactly the events it was given, in history order, fields in schema order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(eventArb, { selector: (e) => e.id, maxLength: 60 }), (events) => {
        const row = encodeHistory(TYPE, events);
        if (events.length === 0) {
          expect(row).toBeUndefined();
          return;
        }
        const sorted = [...events].sort(compareEvents);
        const back = decodeHistory(row!);
        expect(back).toEqual(sorted);
        // The same JSON text, not only equal objects: a restore point or an export of
        // what was read must not change with how it was stored.
        expect(JSON.stringify(back)).toBe(JSON.stringify(sorted));
        expect(lastOfHistory(row!)).toEqual(sorted.at(-1));
        expect([row!.n, row!.last_at]).toEqual([sorted.length, sorted.at(-1)!.created_at]);
      }),
      { numRuns: 300 },
    );
  });
});
