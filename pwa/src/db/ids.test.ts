import { uuidSchema } from '@mpt/shared';
import { describe, expect, it, vi } from 'vitest';
import { newId, uuidFromBytes } from './ids';

describe('newId', () => {
  it('formats random bytes as a valid v4 UUID', () => {
    const id = uuidFromBytes(new Uint8Array(16).fill(255));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidSchema.safeParse(id).success).toBe(true);
  });

  it('works without crypto.randomUUID (plain-HTTP LAN origins)', () => {
    vi.spyOn(crypto, 'randomUUID').mockImplementation(undefined as never);
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const a = newId();
      expect(uuidSchema.safeParse(a).success).toBe(true);
      expect(newId()).not.toBe(a);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
      vi.restoreAllMocks();
    }
  });
});
