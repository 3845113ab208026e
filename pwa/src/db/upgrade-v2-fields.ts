import { defaultTypeFields, type MiniatureType } from '@mpt/shared';
import type { Transaction } from 'dexie';

/**
 * Database version 3's upgrade (SPEC §9): every stored type gets the fields of the
 * data file v2 at their defaults (no army, no game, 1 point per model, no notes, each
 * dated at the type's creation), as a v1 file is read. Nothing else changes: events
 * and tombstones gain fields only when a v2 file or sync brings them (`reverts`,
 * `rework`, and a newer version's fields in `extra`), and the goal and the file's own
 * unknown fields live in `meta` (state-io.ts). The change counter does not move: the
 * defaults are what every other replica reads for these types too.
 */
export async function addTypeFields(tx: Transaction): Promise<void> {
  await tx
    .table<MiniatureType, string>('types')
    .toCollection()
    .modify((type) => {
      const defaults = defaultTypeFields(type.created_at);
      for (const [key, value] of Object.entries(defaults)) {
        if (!Object.hasOwn(type, key)) Object.assign(type, { [key]: value });
      }
    });
}
