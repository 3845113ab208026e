import {
  type ChangesPlan,
  changeScope,
  emptyChangesReport,
  type ImportReport,
  isEmptyState,
  nameKey,
  ownFacts,
  planChanges,
  type TrackerState,
} from '@mpt/shared';
import { droppedEventIds, mergeDrops, noteDroppedEvents } from './dropped-events';
import { allEvents, eventsOfTypes, heldTypesOf } from './event-store';
import type { MergeProgress } from './merge';
import { clearOutbox, noteOutbox } from './outbox';
import { mergeTables, restorePointTables, takeRestorePoint } from './restore-points';
import type { TrackerDb } from './schema';
import { applyDelta, readState, readTopLevel } from './state-io';
import { type CursorState, writeCursor } from './sync-cursor';
import { timed } from './user-timing';
import { guardStorage } from './write';

/** What the server's answer settles besides the data: the cursor and the sent outbox rows. */
export interface SyncReceipt {
  url: string;
  cursor: CursorState;
  /** The last outbox row the push covered. */
  upTo: number;
  /** Ids the server refused for this device's clock: their rows stay. */
  waiting: ReadonlySet<string>;
  /**
   * The push covered no outbox row and the cursor stays what it was: an answer with
   * nothing new then writes nothing, so "nothing new" costs no write transaction.
   */
  unchanged?: boolean;
}

/** A sync merge's report, and what the device held and had dropped before it. */
export interface SyncMergeResult {
  report: ImportReport;
  /** Ids of the events this device held, in the types the changes touched, before the merge. */
  heldBefore: ReadonlySet<string>;
  droppedBefore: ReadonlySet<string>;
}

/** A merge step under the User Timing measure `mpt-sync:merge:<name>`. */
const step = <T>(name: string, run: () => Promise<T>) => timed(`mpt-sync:merge:${name}`, run);

/** Ordinary syncs keep at most one restore point per this long (docs/sync.md). */
export const SYNC_POINT_EVERY_MS = 60 * 60_000;

/**
 * Whether a sync keeps a restore point inside its merge: when it takes something away
 * or rearranges it (a deletion, a fold, a move set aside), unless one was kept just
 * before it (hourlyPointFirst).
 */
function pointDue(plan: ChangesPlan): boolean {
  if (plan.delta.deleteTypeIds.length > 0 || plan.delta.moveEvents.length > 0) return true;
  return plan.report.conflicts.length > 0;
}

/**
 * The hourly restore point of a sync that brings changes, when the newest point is older
 * than an hour (a whole-state copy per sync would cost more than the sync: SPEC §10,
 * cost proportional to change), and the device holds something to keep. Kept before
 * the merge, apart from it: the state is read in a read transaction and the point
 * written to the restore tables alone, so the merge (and every tap waiting on it) does
 * not carry a copy of megabytes. True when it kept one.
 */
async function hourlyPointFirst(
  db: TrackerDb,
  now: Date,
  onProgress: (progress: MergeProgress) => void,
): Promise<boolean> {
  // A point dated after now was taken while the clock ran ahead: not a recent copy.
  // Its key only: a point's value is a whole state (megabytes, 150 ms to read).
  const newest = await step('newest-point', () =>
    db.restore_points.where('created_at').belowOrEqual(now.toISOString()).lastKey(),
  );
  const due =
    typeof newest !== 'string' || Date.parse(newest) <= now.getTime() - SYNC_POINT_EVERY_MS;
  if (!due) return false;
  return step('restore-point', async () => {
    const state = await readState(db);
    // An empty device (turning sync on for the first time) has nothing to keep: the
    // next sync that brings changes keeps the first point (takeRestorePoint).
    if (isEmptyState(state)) return false;
    onProgress({ step: 'restore-point' });
    await db.transaction('rw', restorePointTables(db), () =>
      takeRestorePoint(db, state, 'sync', now),
    );
    return true;
  });
}

/**
 * Every type's id and identity key (nameKey of its name, SPEC §8), read from the name
 * index by one key cursor: the type rows themselves are not read. Call inside a
 * transaction over db.types.
 */
export async function typeKeysOf(db: TrackerDb): Promise<[id: string, key: string][]> {
  const keys: [string, string][] = [];
  await db.types.orderBy('name').eachKey((name, cursor) => {
    keys.push([String(cursor.primaryKey), nameKey(String(name))]);
  });
  return keys;
}

/**
 * Merges the server's changes into the local data in ONE transaction (SPEC §10), reading
 * only what they can touch: every type's name and every tombstone, then the events of
 * the types in their scope (shared's changeScope and planChanges, proven equal to a
 * whole merge). Local writes made meanwhile are read inside the transaction and kept.
 * Writes just the delta, notes what the merge decided by itself for the next push
 * (ownFacts), deletes the outbox rows the push covered and stores the new cursor — all
 * or nothing. Throws DomainError (ERR_IMPORT_INCONSISTENT, ERR_STORAGE).
 */
export function mergeChangesIntoLocal(
  db: TrackerDb,
  incoming: TrackerState,
  receipt: SyncReceipt,
  onProgress: (progress: MergeProgress) => void = () => {},
  now: Date = new Date(),
): Promise<SyncMergeResult> {
  const tables = mergeTables(db);
  if (receipt.unchanged && isEmptyState(incoming)) {
    return Promise.resolve({
      report: emptyChangesReport(),
      heldBefore: new Set(),
      droppedBefore: new Set(),
    });
  }
  const changes =
    incoming.types.length > 0 || incoming.events.length > 0 || incoming.tombstones.length > 0;
  return guardStorage(async () => {
    onProgress({ step: 'reading' });
    const pointKept = changes && (await hourlyPointFirst(db, now, onProgress));
    return db.transaction('rw', tables, async () => {
      const settle = () =>
        Promise.all([
          clearOutbox(db, receipt.upTo, receipt.waiting),
          writeCursor(db, receipt.url, receipt.cursor),
        ]);
      if (isEmptyState(incoming)) {
        await settle();
        return { report: emptyChangesReport(), heldBefore: new Set(), droppedBefore: new Set() };
      }
      const [typeKeys, tombstones, top, heldEventTypes, droppedBefore] = await step('read', () =>
        Promise.all([
          typeKeysOf(db),
          db.tombstones.toArray(),
          readTopLevel(db),
          heldTypesOf(
            db,
            incoming.events.map((e) => e.id),
          ),
          droppedEventIds(db),
        ]),
      );
      const scope = changeScope(
        {
          typeKeys,
          tombstones,
          heldEventTypes,
        },
        incoming,
      );
      const [scopeTypes, events] = await step('read-scope', () =>
        Promise.all([
          // In id order, as a read of the whole table gives them; none on a device
          // without types (a first sync).
          typeKeys.length === 0 ? ([] as const) : db.types.bulkGet([...scope].sort()),
          eventsOfTypes(db, scope),
        ]),
      );
      // The local goal and unknown top-level fields take part, so an older one from the
      // server does not replace a newer one here (SPEC §9).
      const types = scopeTypes.filter((t) => t !== undefined);
      const scoped = { types, events, tombstones, ...top };
      onProgress({ step: 'merging' });
      const plan = await step('plan', async () => planChanges(scoped, incoming, false));
      if (plan.report.changed) {
        if (!pointKept && pointDue(plan)) {
          await step('restore-point', async () => {
            const [allTypes, all] = await Promise.all([db.types.toArray(), allEvents(db)]);
            const state = { types: allTypes, events: all, tombstones, ...top };
            if (isEmptyState(state)) return;
            onProgress({ step: 'restore-point' });
            await takeRestorePoint(db, state, 'sync', now);
          });
        }
        await step('write', () =>
          applyDelta(
            db,
            plan.delta,
            plan.state,
            (done, total) => onProgress({ step: 'writing', done, total }),
            // The scope held every type, so every event (a first sync): plan.state holds
            // them all now. (Counting the events instead costs a scan of the store.)
            typeKeys.every(([id]) => scope.has(id)) ? undefined : events,
          ),
        );
        await step('drops', () => {
          const { dropped, heldAgain } = mergeDrops(scoped, plan.delta, plan.state, droppedBefore);
          return noteDroppedEvents(db, dropped, heldAgain, droppedBefore);
        });
      }
      await step('settle', settle);
      // After the rows the push covered are gone: these are new, for the next push.
      await step('outbox', async () => {
        const own = ownFacts(plan.delta, incoming);
        await noteOutbox(db, 'type', own.types);
        await noteOutbox(db, 'event', own.events);
        await noteOutbox(db, 'tombstone', own.tombstones);
      });
      return {
        report: plan.report,
        heldBefore: new Set(events.map((e) => e.id)),
        droppedBefore,
      };
    });
  });
}
