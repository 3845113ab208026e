import type { TrackerState } from '@mpt/shared';
import { noteDroppedEvents } from './dropped-events';
import { mergeTables, takeRestorePoint } from './restore-points';
import type { TrackerDb } from './schema';
import { readState, replaceState } from './state-io';
import { forgetCursor, writeCursor } from './sync-cursor';
import { guardStorage } from './write';

/**
 * Replaces the local data with a state from the server (SPEC §10) in one transaction:
 * the current data is kept as a restore point first (so this can be undone), then
 * replaced, with nothing left to send. `server` is where the state came from: the
 * server's current copy with its cursor ("Replace this device with the server's copy"),
 * or null for an older backup revision (the cursor is then forgotten: a later sync sends
 * and gets everything). Not a local change. Returns whether a restore point was kept
 * (none when this device held nothing). Throws ERR_STORAGE; then nothing changed.
 */
export function replaceLocalState(
  db: TrackerDb,
  state: TrackerState,
  server: { url: string; cursor: string } | null,
  now: Date = new Date(),
): Promise<boolean> {
  const tables = mergeTables(db);
  return guardStorage(() =>
    db.transaction('rw', tables, async () => {
      const current = await readState(db);
      // An older backup chosen from the list is a restore; "replace" names the current copy.
      const point = await takeRestorePoint(db, current, server ? 'replace' : 'restore', now);
      await replaceState(db, state);
      await db.outbox.clear();
      if (server) await writeCursor(db, server.url, { cursor: server.cursor, pushAll: false });
      else await forgetCursor(db);
      // Moves this device made that the state lacks are in the restore point now.
      const kept = new Set(state.events.map((e) => e.id));
      await noteDroppedEvents(
        db,
        current.events.filter((e) => !kept.has(e.id)).map((e) => e.id),
        kept,
      );
      return point !== null;
    }),
  );
}
