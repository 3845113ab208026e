import { type Counts, defaultTypeFields, type MiniatureType, zeroCounts } from '@mpt/shared';
import { newId } from './ids';
import { openTrackerDb, type TrackerDb } from './schema';

/** A fresh, empty database with a unique name (for tests on fake-indexeddb). */
export function freshDb(): TrackerDb {
  return openTrackerDb(`test-${newId()}`);
}

/** A type row as the database keeps it, made on 2026-01-01 (tests of upgrades). */
export function storedType(name: string, counts: Partial<Counts> = {}): MiniatureType {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: newId(),
    name,
    created_at: at,
    name_updated_at: at,
    ...defaultTypeFields(at),
    counts: { ...zeroCounts(), ...counts },
  };
}
