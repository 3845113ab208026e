import type { HistoryEvent } from '@mpt/shared';
import { Dexie, type Transaction } from 'dexie';
import { historyRow } from './event-store';

/** Types moved per step: about 10 000 events at 50 a type, a few MB held at once. */
const CHUNK_TYPES = 200;

/**
 * Dexie version 8: moves every event into its type's history row (event-store.ts), in
 * the upgrade's transaction, so a failure leaves version 7 and every event where it
 * was. Reads CHUNK_TYPES types' events at a time by type id range; the ranges cover
 * every type id, so an event whose type row is gone moves too (a history row of its own).
 */
export async function moveEventsToHistories(tx: Transaction): Promise<void> {
  const events = tx.table<HistoryEvent, string>('events');
  const histories = tx.table('histories');
  const ids = (await tx.table('types').toCollection().primaryKeys()).map(String).sort();
  for (let i = 0; ; i += CHUNK_TYPES) {
    const lower = i === 0 ? Dexie.minKey : ids[i]!;
    const last = i + CHUNK_TYPES >= ids.length;
    const upper = last ? Dexie.maxKey : ids[i + CHUNK_TYPES]!;
    const chunk = await events.where('type_id').between(lower, upper, true, false).toArray();
    const byType = new Map<string, HistoryEvent[]>();
    for (const e of chunk) {
      const own = byType.get(e.type_id);
      if (own) own.push(e);
      else byType.set(e.type_id, [e]);
    }
    const rows = [...byType].map(([typeId, own]) => historyRow(typeId, own));
    await histories.bulkAdd(rows.filter((row) => row !== undefined));
    if (last) break;
  }
}
