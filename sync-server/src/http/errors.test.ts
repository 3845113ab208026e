import { DomainError } from '@mpt/shared';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toDomainError } from './errors';

const sqlState = (code: string) => Object.assign(new pg.DatabaseError('x', 1, 'error'), { code });

describe('toDomainError', () => {
  it('maps a database that cannot serve now to ERR_STORAGE (503)', () => {
    for (const error of [
      sqlState('57014'), // statement_timeout
      sqlState('57P01'), // terminated by an administrator
      sqlState('57P03'), // starting up
      sqlState('08006'), // connection failure
      sqlState('53100'), // disk full
      sqlState('53300'), // too many connections
      sqlState('58030'), // I/O error
      sqlState('25P03'), // idle-in-transaction timeout
      sqlState('55P03'), // lock timeout
      sqlState('40P01'), // deadlock
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('PGlite is closed'),
    ]) {
      expect([error.message, (error as { code?: string }).code, toDomainError(error).code]).toEqual(
        [error.message, (error as { code?: string }).code, 'ERR_STORAGE'],
      );
    }
  });

  it('keeps rule breaks, data exceptions and bugs apart from storage failures', () => {
    expect(toDomainError(sqlState('23505')).code).toBe('ERR_NAME_TAKEN');
    expect(toDomainError(sqlState('22008')).code).toBe('ERR_VALIDATION');
    expect(toDomainError(sqlState('42P01')).code).toBe('ERR_INTERNAL');
    expect(toDomainError(new TypeError('x is not a function')).code).toBe('ERR_INTERNAL');
    expect(toDomainError(new DomainError('ERR_INSUFFICIENT_QTY')).code).toBe(
      'ERR_INSUFFICIENT_QTY',
    );
  });
});
