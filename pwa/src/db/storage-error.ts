import { DomainError } from '@mpt/shared';

/** A DomainError as is; anything else as ERR_STORAGE with the original name. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const inner = (error as { inner?: unknown } | null)?.inner;
  if (inner instanceof DomainError) return inner;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError('ERR_STORAGE', { name, message });
}
