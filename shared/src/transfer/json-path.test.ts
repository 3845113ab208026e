import { describe, expect, it } from 'vitest';
import { jsonPath } from './json-path';

describe('jsonPath', () => {
  it('renders keys and indices', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['types', 3, 'history', 0, 'qty'])).toBe('$.types[3].history[0].qty');
  });

  it('quotes keys that are not identifiers', () => {
    expect(jsonPath(['counts', 'in-box'])).toBe('$.counts["in-box"]');
    expect(jsonPath(['a b', '1x'])).toBe('$["a b"]["1x"]');
  });
});
