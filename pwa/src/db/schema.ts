import type { HistoryEvent, MiniatureType, Tombstone } from '@mpt/shared';
import { Dexie, type EntityTable } from 'dexie';
import type { HistoryRow } from './history-row';

/** Why a restore point was taken ('replace': before the server's copy replaced the data). */
export type RestoreReason = 'import' | 'sync' | 'restore' | 'replace';

/**
 * A full copy of the data taken before an import, a sync or a restore changed it: what
 * the list shows. The copy itself is a RestorePointData row of the same id, apart, so
 * listing points or finding the newest reads a few bytes, not megabytes per point.
 */
export interface RestorePoint {
  id: string;
  created_at: string;
  reason: RestoreReason;
  /** Size of the data in bytes (UTF-8). */
  size_bytes: number;
  types: number;
  events: number;
}

/** A restore point's copy of the data. */
export interface RestorePointData {
  id: string;
  /** The previous state as data-file JSON text (SPEC §3), so it restores like an import. */
  data: string;
}

/**
 * A record written on this device that the sync server may not have yet (SPEC §10): a
 * type, an event or a tombstone, by id. Rows are numbered as they are written; a sync
 * sends what the rows name and deletes the rows it sent once the server answered, so a
 * write made meanwhile keeps its row. One record may have several rows.
 */
export interface OutboxRow {
  n?: number;
  kind: 'type' | 'event' | 'tombstone';
  id: string;
}

/**
 * One bucket of the history rows' id directory (event-store.ts): the ids of the events
 * history rows hold whose idBucket is `bucket`, and beside each the type of its row.
 */
export interface HistoryIdBucket {
  bucket: number;
  ids: string[];
  type_ids: string[];
}

/** A small key/value row: language-independent app facts such as local_change_seq. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The app's one IndexedDB database. Rows are exactly the domain objects of shared/
 * (a type, an event or a tombstone keeps the fields of a newer app version in its
 * `extra`), so reading the whole state needs no mapping. The state's goal and the data
 * file's own unknown fields are meta rows (state-io.ts). Ids are stable UUID strings
 * from the first version on, so sync and import can match rows.
 */
export class TrackerDb extends Dexie {
  types!: EntityTable<MiniatureType, 'id'>;
  events!: EntityTable<HistoryEvent, 'id'>;
  histories!: EntityTable<HistoryRow, 'type_id'>;
  history_ids!: EntityTable<HistoryIdBucket, 'bucket'>;
  tombstones!: EntityTable<Tombstone, 'id'>;
  restore_points!: EntityTable<RestorePoint, 'id'>;
  restore_point_data!: EntityTable<RestorePointData, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'n'>;

  constructor(name: string) {
    super(name);
    // Version 1. A later schema adds a version beside it; never edit these lines.
    this.version(1).stores({
      types: 'id',
      events: 'id, type_id, created_at, [type_id+created_at]',
      tombstones: 'id',
      restore_points: 'id, created_at',
      meta: 'key',
    });
    // The upgrades load only when one runs (they pull in shared's merge and zod: most of
    // a 60 KB initial bundle otherwise); Dexie.waitFor keeps the upgrade transaction
    // alive while the chunk loads.
    // Version 2: the same tables, the stored data brought to canonical values (SPEC §8).
    this.version(2).upgrade(async (tx) => {
      const m = await Dexie.waitFor(import('./upgrade-canonical'));
      await m.canonicalizeStoredData(tx);
    });
    // Version 3: the same tables, every type given the fields of data file v2 (SPEC §9).
    this.version(3).upgrade(async (tx) => {
      const m = await Dexie.waitFor(import('./upgrade-v2-fields'));
      await m.addTypeFields(tx);
    });
    // Version 4: delta sync's outbox (SPEC §10). It starts empty and the sync cursor
    // unset, so the first sync sends everything.
    this.version(4).stores({ outbox: '++n' });
    // Version 5: a restore point's data apart from what the list shows (a point at
    // 50 000 events is 7 MB: the list read ten of them, a sync one, to show dates).
    this.version(5)
      .stores({ restore_point_data: 'id' })
      .upgrade(async (tx) => {
        const points = tx.table('restore_points');
        // One point at a time: ten whole states at once would not fit a small phone.
        for (const id of await points.toCollection().primaryKeys()) {
          const { data, ...info } = await points.get(id);
          await tx.table('restore_point_data').put({ id, data });
          await points.put(info);
        }
      });
    // Version 6: events lose their own type_id index. [type_id+created_at] answers every
    // query by type (Dexie reads its first part as a virtual index), and each index costs
    // every event put: a first sync's 50 000 puts took 15–25 % longer with it (docs/sync.md).
    this.version(6).stores({ events: 'id, created_at, [type_id+created_at]' });
    // Version 7: types get a name index. A sync merge needs every type's name (a fold by
    // name) but no other field: a key cursor over the index reads 1 000 names in about a
    // third of the time reading the 1 000 types takes (docs/sync.md).
    this.version(7).stores({ types: 'id, name' });
    // Version 8: events that arrive in bulk (a first sync, a large import or restore) are
    // stored one row per type (event-store.ts): 50 000 puts of one event each took 7–9 s
    // in Chromium. Events already stored stay where they are.
    this.version(8).stores({ histories: 'type_id, last_at, &*ids' });
    // Version 10 (9 was a design tried and reverted in development): a multi-entry index
    // of 50 000 ids made the first sync's write 4–7 s in Chromium 156, the rows alone
    // 0.3 s. Which row holds an id moves to a directory of 256 buckets, the rows count
    // their events instead, and hold them column by column (history-row.ts; docs/pwa.md,
    // "Events in two stores").
    this.version(10)
      .stores({ histories: 'type_id, last_at, n', history_ids: 'bucket' })
      .upgrade(async (tx) => {
        const m = await Dexie.waitFor(import('./upgrade-history-rows'));
        await m.historyRowsByColumn(tx);
      });
  }
}

/** Opens (lazily) a tracker database under a name; tests use a fresh name each. */
export function openTrackerDb(name = 'miniatures-tracker'): TrackerDb {
  return new TrackerDb(name);
}
