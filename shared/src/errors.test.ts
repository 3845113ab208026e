import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CODES, fail, isErrorCode, ok, unwrap } from './errors';

/** The codes SPEC §2 names; every one must exist, spelled exactly. */
const SPEC_CODES = [
  'ERR_VALIDATION',
  'ERR_NAME_INVALID',
  'ERR_NAME_TAKEN',
  'ERR_TYPE_NOT_FOUND',
  'ERR_INVALID_STAGE',
  'ERR_INVALID_STAGE_TRANSITION',
  'ERR_INVALID_QTY',
  'ERR_INSUFFICIENT_QTY',
  'ERR_IMPORT_INVALID',
  'ERR_IMPORT_UNSUPPORTED_VERSION',
  'ERR_IMPORT_INCONSISTENT',
  'ERR_PAYLOAD_TOO_LARGE',
  'ERR_UNAUTHORIZED',
  'ERR_RATE_LIMITED',
  'ERR_STORAGE',
  'ERR_SYNC_UNREACHABLE',
  'ERR_INTERNAL',
];

describe('error codes', () => {
  it('include every code of the spec, once', () => {
    for (const code of SPEC_CODES) expect(ERROR_CODES).toContain(code);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^ERR_[A-Z_]+$/);
  });

  it('isErrorCode knows exactly those strings', () => {
    expect(isErrorCode('ERR_NAME_TAKEN')).toBe(true);
    expect(isErrorCode('ERR_NOPE')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });
});

describe('Result', () => {
  it('unwrap returns a value or throws the code as a DomainError', () => {
    expect(unwrap(ok(3))).toBe(3);
    const failed = fail('ERR_INVALID_QTY', { max: 1 });
    expect(failed).toEqual({ ok: false, code: 'ERR_INVALID_QTY', details: { max: 1 } });
    expect(() => unwrap(failed)).toThrow(DomainError);
    try {
      unwrap(failed);
    } catch (error) {
      expect(error).toMatchObject({
        name: 'DomainError',
        code: 'ERR_INVALID_QTY',
        details: { max: 1 },
        message: 'ERR_INVALID_QTY',
      });
    }
  });

  it('DomainError keeps a message apart from its code', () => {
    const error = new DomainError('ERR_STORAGE', {}, 'disk full');
    expect(error.message).toBe('disk full');
    expect(error.code).toBe('ERR_STORAGE');
    expect(new DomainError('ERR_INTERNAL').details).toEqual({});
  });
});
