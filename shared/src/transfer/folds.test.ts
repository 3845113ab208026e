import { describe, expect, it } from 'vitest';
import { foldedTarget } from './folds';

describe('foldedTarget', () => {
  const live = new Set(['c', 'x']);
  const into = new Map<string, string | null>([
    ['a', 'b'],
    ['b', 'c'],
    ['d', null],
    ['e', 'f'],
    ['f', 'e'],
  ]);
  const target = (id: string) =>
    foldedTarget(
      id,
      (x) => live.has(x),
      (x) => into.get(x),
    );

  it('is the type itself while it lives, else where its folds lead', () => {
    expect(target('x')).toBe('x');
    expect(target('a')).toBe('c');
    expect(target('b')).toBe('c');
  });

  it('is null at a plain deletion, an unknown id, or a loop', () => {
    expect(target('d')).toBeNull();
    expect(target('zz')).toBeNull();
    expect(target('e')).toBeNull();
  });
});
