import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DomainError } from '../errors';
import {
  createTypeBodySchema,
  listTypesQuerySchema,
  moveBodySchema,
  renameTypeBodySchema,
  stageQtyBodySchema,
} from './api';
import { parseOrThrow, validationError } from './issues';

function mapped(schema: z.ZodType, input: unknown): DomainError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return validationError(result.error);
}

describe('validationError', () => {
  it.each<[string, z.ZodType, unknown, string, string]>([
    [
      'a bad stage',
      stageQtyBodySchema,
      { stage: 'PAINTED', qty: 1 },
      'ERR_INVALID_STAGE',
      '$.stage',
    ],
    [
      'a bad from_stage',
      moveBodySchema,
      { from_stage: 'x', to_stage: 'DONE', qty: 1 },
      'ERR_INVALID_STAGE',
      '$.from_stage',
    ],
    [
      'a bad to_stage',
      moveBodySchema,
      { from_stage: 'IN_BOX', to_stage: null, qty: 1 },
      'ERR_INVALID_STAGE',
      '$.to_stage',
    ],
    ['qty 0', stageQtyBodySchema, { stage: 'DONE', qty: 0 }, 'ERR_INVALID_QTY', '$.qty'],
    [
      'qty 100 001',
      stageQtyBodySchema,
      { stage: 'DONE', qty: 100_001 },
      'ERR_INVALID_QTY',
      '$.qty',
    ],
    [
      'qty 1.5',
      moveBodySchema,
      { from_stage: 'IN_BOX', to_stage: 'DONE', qty: 1.5 },
      'ERR_INVALID_QTY',
      '$.qty',
    ],
    [
      'qty as a string',
      stageQtyBodySchema,
      { stage: 'DONE', qty: '2' },
      'ERR_INVALID_QTY',
      '$.qty',
    ],
    [
      'a name that is not a string',
      createTypeBodySchema,
      { name: 5 },
      'ERR_NAME_INVALID',
      '$.name',
    ],
    ['a missing name', renameTypeBodySchema, {}, 'ERR_NAME_INVALID', '$.name'],
    [
      'a bad initial count',
      createTypeBodySchema,
      { name: 'A', counts: { IN_BOX: -1 } },
      'ERR_INVALID_QTY',
      '$.counts.IN_BOX',
    ],
    [
      'an unknown stage in counts',
      createTypeBodySchema,
      { name: 'A', counts: { WASHING: 1 } },
      'ERR_INVALID_STAGE',
      '$.counts',
    ],
    [
      'an unknown field',
      stageQtyBodySchema,
      { stage: 'DONE', qty: 1, note: 'x' },
      'ERR_VALIDATION',
      '$',
    ],
    ['a body that is not an object', moveBodySchema, 'move', 'ERR_VALIDATION', '$'],
    ['a bad page size', listTypesQuerySchema, { limit: '0' }, 'ERR_VALIDATION', '$.limit'],
  ])('maps %s to %s at %s', (_, schema, input, code, path) => {
    const error = mapped(schema, input);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.details.path).toBe(path);
    expect(typeof error.details.issue).toBe('string');
    expect(typeof error.details.message).toBe('string');
  });
});

describe('parseOrThrow', () => {
  it('returns the parsed value', () => {
    expect(parseOrThrow(stageQtyBodySchema, { stage: 'DONE', qty: 3 })).toEqual({
      stage: 'DONE',
      qty: 3,
    });
    expect(parseOrThrow(listTypesQuerySchema, { limit: '20' })).toEqual({
      limit: 20,
      offset: 0,
      sort: 'name',
    });
  });

  it('throws the mapped DomainError', () => {
    expect(() => parseOrThrow(stageQtyBodySchema, { stage: 'DONE', qty: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_QTY' }),
    );
  });
});
