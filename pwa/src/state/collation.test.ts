import { describe, expect, it } from 'vitest';
import { compareNames } from './collation';
import { IN_ALPHABET_ORDER, SHUFFLED } from './collation.fixture';

describe('compareNames', () => {
  it('orders as the alphabet does: accents aside, Ё beside Е, numbers by value', () => {
    expect([...SHUFFLED].sort(compareNames)).toEqual(IN_ALPHABET_ORDER);
    expect(compareNames('orks', 'Orks')).toBe(0);
  });
});
