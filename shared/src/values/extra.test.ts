import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type Extra, mergeExtra, sameExtra, unknownFields } from './extra';

const KNOWN = new Set(['id', 'name']);

describe('unknownFields', () => {
  it('is undefined when every field is known', () => {
    expect(unknownFields({ id: 1, name: 'x' }, KNOWN)).toBeUndefined();
  });

  it('takes the other fields, keys sorted, nested keys sorted, values as they are', () => {
    const raw = JSON.parse(
      '{"id":1,"zeta":{"b":[2,{"d":1,"c":0}],"a":null},"alpha":"\\u0000\\ud800"}',
    );
    const extra = unknownFields(raw, KNOWN)!;
    expect(Object.keys(extra)).toEqual(['alpha', 'zeta']);
    expect(JSON.stringify(extra)).toBe(
      '{"alpha":"\\u0000\\ud800","zeta":{"a":null,"b":[2,{"c":0,"d":1}]}}',
    );
  });

  it('keeps a field named __proto__ as a field, not as the prototype', () => {
    const raw = JSON.parse('{"id":1,"__proto__":{"polluted":true}}');
    const extra = unknownFields(raw, KNOWN)!;
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(Object.keys(extra)).toEqual(['__proto__']);
    expect(JSON.stringify(extra)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('gives equal values equal text, whatever the member order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 1, x: 2 }] })).toBe(
      canonicalJson({ a: [{ x: 2, y: 1 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});

describe('mergeExtra (SPEC §9: a field and its _updated_at travel together)', () => {
  it('keeps fields only one side has', () => {
    expect(mergeExtra({ a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(mergeExtra(undefined, { b: 2 })).toEqual({ b: 2 });
    expect(mergeExtra({ a: 1 }, undefined)).toEqual({ a: 1 });
  });

  it('takes the later x_updated_at, value and time together', () => {
    const older = { color: 'blue', color_updated_at: '2026-01-01T00:00:00.000Z' };
    const newer = { color: 'red', color_updated_at: '2026-02-01T00:00:00.000Z' };
    expect(mergeExtra(older, newer)).toEqual(newer);
    expect(mergeExtra(newer, older)).toEqual(newer);
    // A time without a value (cleared by deleting it) still wins as the later write.
    const cleared = { color_updated_at: '2026-03-01T00:00:00.000Z' };
    expect(mergeExtra(newer, cleared)).toEqual(cleared);
  });

  it('breaks a tie, or no time at all, with the smaller JSON text', () => {
    expect(mergeExtra({ size: 12 }, { size: 3 })).toEqual({ size: 12 });
    expect(mergeExtra({ size: 3 }, { size: 12 })).toEqual({ size: 12 });
    const t = '2026-01-01T00:00:00.000Z';
    expect(mergeExtra({ x: 'b', x_updated_at: t }, { x: 'a', x_updated_at: t })).toEqual({
      x: 'a',
      x_updated_at: t,
    });
  });

  it('returns the first side itself when it already holds the result', () => {
    const a: Extra = { a: 1, b_updated_at: '2026-02-01T00:00:00.000Z' };
    expect(mergeExtra(a, { b_updated_at: '2026-01-01T00:00:00.000Z' })).toBe(a);
  });

  const key = fc.constantFrom('x', 'x_updated_at', 'y', 'y_updated_at', '__proto__', 'z');
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'),
  );
  const extra = fc.option(
    fc.dictionary(key, value, { maxKeys: 4 }).map((d) => unknownFields(d, new Set())),
    { nil: undefined },
  );
  const same = (a: Extra | undefined, b: Extra | undefined) => expect(sameExtra(a, b)).toBe(true);

  it('is commutative, associative and idempotent (fast-check)', () => {
    fc.assert(
      fc.property(extra, extra, extra, (a, b, c) => {
        same(mergeExtra(a, b), mergeExtra(b, a));
        same(mergeExtra(mergeExtra(a, b), c), mergeExtra(a, mergeExtra(b, c)));
        same(mergeExtra(a, a), a);
        // nothing is lost: every field of either side is in the result
        const merged = mergeExtra(a, b) ?? {};
        for (const k of [...Object.keys(a ?? {}), ...Object.keys(b ?? {})]) {
          const field = k.replace(/_updated_at$/, '');
          expect(Object.hasOwn(merged, field) || Object.hasOwn(merged, `${field}_updated_at`)).toBe(
            true,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});
