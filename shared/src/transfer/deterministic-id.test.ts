import { describe, expect, it } from 'vitest';
import { uuidSchema } from '../schema/common';
import { deterministicUuid } from './deterministic-id';

describe('deterministicUuid', () => {
  it('gives the same UUID for the same seed and another for another seed', () => {
    expect(deterministicUuid('a|b|IN_BOX|3|0')).toBe(deterministicUuid('a|b|IN_BOX|3|0'));
    expect(deterministicUuid('a|b|IN_BOX|3|0')).not.toBe(deterministicUuid('a|b|IN_BOX|3|1'));
  });

  it('is a valid version 8 UUID with the RFC 9562 variant', () => {
    for (const seed of ['', 'x', 'Тираниды', '🎨'.repeat(50)]) {
      const id = deterministicUuid(seed);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuidSchema.safeParse(id).success).toBe(true);
    }
  });
});
