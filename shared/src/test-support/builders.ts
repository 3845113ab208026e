import type { Counts } from '../pipeline/stages';
import { zeroCounts } from '../pipeline/stages';
import type { DataFile, DataFileV1, FileEvent, FileType, FileTypeV1 } from '../schema/data-file';
import {
  defaultTypeFields,
  type HistoryEvent,
  type MiniatureType,
  type Tombstone,
} from '../schema/entities';
import type { TrackerState } from '../transfer/state';

/** A readable, valid UUID v4 for test number `n` (prefix keeps universes apart). */
export function uid(n: number, prefix = 0): string {
  const p = prefix.toString(16).padStart(8, '0');
  return `${p}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Base instant all test timestamps count from. */
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** ISO timestamp `ms` milliseconds after T0. */
export const at = (ms: number): string => new Date(T0 + ms).toISOString();

/** ISO timestamp `s` seconds after T0. */
export const atSec = (s: number): string => at(s * 1000);

/** Counts with the given stages set and zero elsewhere. */
export function counts(partial: Partial<Counts> = {}): Counts {
  return { ...zeroCounts(), ...partial };
}

/** A stored event; defaults to adding 1 model IN_BOX at T0. */
export function event(partial: Partial<HistoryEvent> & Pick<HistoryEvent, 'id'>): HistoryEvent {
  return {
    type_id: uid(1),
    from_stage: null,
    to_stage: 'IN_BOX',
    qty: 1,
    created_at: at(0),
    ...partial,
  };
}

/** A type with zero counts created at T0, its fields of SPEC §9 at their defaults. */
export function type(partial: Partial<MiniatureType> & Pick<MiniatureType, 'id'>): MiniatureType {
  const created = partial.created_at ?? at(0);
  return {
    name: `Type ${partial.id.slice(-4)}`,
    created_at: at(0),
    name_updated_at: created,
    ...defaultTypeFields(created),
    counts: zeroCounts(),
    ...partial,
  };
}

/** A deletion tombstone (merged_into null) unless told otherwise. */
export function tombstone(partial: Partial<Tombstone> & Pick<Tombstone, 'id'>): Tombstone {
  return { deleted_at: at(0), merged_into: null, ...partial };
}

/** A state in canonical order: types by id, events by (created_at, id), tombstones by id. */
export function state(
  types: MiniatureType[] = [],
  events: HistoryEvent[] = [],
  tombstones: Tombstone[] = [],
): TrackerState {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    types: [...types].sort(byId),
    events: [...events].sort((a, b) =>
      a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : byId(a, b),
    ),
    tombstones: [...tombstones].sort(byId),
  };
}

/** An event as it appears inside a type's history in the data file. */
export function fileEvent(partial: Partial<FileEvent> & Pick<FileEvent, 'id'>): FileEvent {
  return { from_stage: null, to_stage: 'IN_BOX', qty: 1, created_at: at(0), ...partial };
}

/** A v1 data file type; counts default to the replay of nothing (all zero). */
export function fileType(partial: Partial<FileTypeV1> & Pick<FileTypeV1, 'id'>): FileTypeV1 {
  return {
    name: `Type ${partial.id.slice(-4)}`,
    created_at: at(0),
    name_updated_at: at(0),
    counts: zeroCounts(),
    history: [],
    ...partial,
  };
}

/** A complete, valid data file v1 around the given types and tombstones. */
export function dataFile(types: FileTypeV1[] = [], tombstones: Tombstone[] = []): DataFileV1 {
  return {
    format: 'miniatures-tracker',
    version: 1,
    exported_at: at(0),
    types,
    tombstones,
  };
}

/** A v2 data file type (SPEC §9): the v1 fields and the new ones at their defaults. */
export function fileTypeV2(partial: Partial<FileType> & Pick<FileType, 'id'>): FileType {
  const created = partial.created_at ?? at(0);
  return {
    name: `Type ${partial.id.slice(-4)}`,
    created_at: created,
    name_updated_at: created,
    ...defaultTypeFields(created),
    counts: zeroCounts(),
    history: [],
    ...partial,
  };
}

/** A complete, valid data file v2 around the given types and tombstones, no goal. */
export function dataFileV2(
  types: FileType[] = [],
  tombstones: Tombstone[] = [],
  top: Partial<DataFile> = {},
): DataFile {
  return {
    format: 'miniatures-tracker',
    version: 2,
    exported_at: at(0),
    goal: null,
    goal_updated_at: null,
    types,
    tombstones,
    ...top,
  };
}

/**
 * A small valid file as plain JSON (what JSON.parse returns), for rejection tests that
 * break one field at a time: one type with an add and a move, one tombstone.
 */
export function sampleFileJson(): Record<string, unknown> & {
  types: Record<string, unknown>[];
  tombstones: Record<string, unknown>[];
} {
  return JSON.parse(
    JSON.stringify(
      dataFile(
        [
          fileType({
            id: uid(1),
            name: 'Intercessors',
            counts: counts({ IN_BOX: 7, PRIMING: 3 }),
            history: [
              fileEvent({ id: uid(101), to_stage: 'IN_BOX', qty: 10, created_at: at(0) }),
              fileEvent({
                id: uid(102),
                from_stage: 'IN_BOX',
                to_stage: 'PRIMING',
                qty: 3,
                created_at: at(1000),
              }),
            ],
          }),
        ],
        [tombstone({ id: uid(9), deleted_at: at(500) })],
      ),
    ),
  );
}
