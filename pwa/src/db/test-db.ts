import { type Counts, defaultTypeFields, type MiniatureType, zeroCounts } from '@mpt/shared';
import { Dexie } from 'dexie';
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

// The stores each shipped database version declared (schema.ts, never edited there):
// upgrade tests open a database as that version left it.
const V1 = {
  types: 'id',
  events: 'id, type_id, created_at, [type_id+created_at]',
  tombstones: 'id',
  restore_points: 'id, created_at',
  meta: 'key',
};
const V4 = { ...V1, outbox: '++n' };
const V5 = { ...V4, restore_point_data: 'id' };
const V6 = { ...V5, events: 'id, created_at, [type_id+created_at]' };
const V7 = { ...V6, types: 'id, name' };
const V8 = { ...V7, histories: 'type_id, last_at, &*ids' };
const LEGACY_STORES = { 1: V1, 2: V1, 3: V1, 4: V4, 5: V5, 6: V6, 7: V7, 8: V8 } as const;

/**
 * The database `name` with the stores app database `version` had, and none of its
 * upgrade code: write rows into it, close it, then open it with openTrackerDb.
 */
export function legacyDb(name: string, version: keyof typeof LEGACY_STORES): Dexie {
  const old = new Dexie(name);
  old.version(version).stores(LEGACY_STORES[version]);
  return old;
}
