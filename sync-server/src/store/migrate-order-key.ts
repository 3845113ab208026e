import { orderKey } from '@mpt/shared';
import type { Queryable } from './database';

/**
 * Migration 006's data step: every type's order key (shared's orderKey of its name).
 * Not a change of the data: the key is the server's own and never synced, so the
 * change-number trigger stays out of it (numbered, every type would go to every device
 * again at its next sync).
 */
export async function fillOrderKeys(tx: Queryable): Promise<void> {
  const rows = await tx.query<{ id: string; name: string }>('SELECT id, name FROM miniature_types');
  await tx.query('ALTER TABLE miniature_types DISABLE TRIGGER miniature_types_seq');
  await tx.query(
    `UPDATE miniature_types t SET order_key = k.order_key
     FROM unnest($1::uuid[], $2::text[]) AS k(id, order_key) WHERE t.id = k.id`,
    [rows.map((r) => String(r.id)), rows.map((r) => orderKey(String(r.name)))],
  );
  await tx.query('ALTER TABLE miniature_types ENABLE TRIGGER miniature_types_seq');
}
