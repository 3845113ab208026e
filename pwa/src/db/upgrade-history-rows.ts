import type { HistoryEvent } from '@mpt/shared';
import type { Transaction } from 'dexie';
import { encodeHistory, type HistoryRow } from './history-row';
import { idDirectory } from './id-directory';
import type { HistoryIdBucket } from './schema';

/**
 * Dexie version 10's upgrade: every history row of version 8 (its events as objects, a
 * multi-entry index of their ids) rewritten column by column with its count, and the id
 * directory built from them, in the upgrade's transaction. Loaded only when it runs.
 */
export async function historyRowsByColumn(tx: Transaction): Promise<void> {
  const rows = tx.table<{ type_id: string; events: HistoryEvent[] }, string>('histories');
  const held = new Map<string, string>();
  const converted: HistoryRow[] = [];
  await rows.each((row) => {
    for (const e of row.events) held.set(e.id, row.type_id);
    const encoded = encodeHistory(row.type_id, row.events);
    if (encoded) converted.push(encoded);
  });
  await rows.clear();
  await tx.table<HistoryRow, string>('histories').bulkAdd(converted);
  await tx.table<HistoryIdBucket, number>('history_ids').bulkPut(idDirectory(held));
}
