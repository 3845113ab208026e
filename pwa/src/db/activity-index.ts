import type { HistoryEvent } from '@mpt/shared';
import {
  addToMonth,
  type EntryChange,
  type MonthRow,
  type MonthSlice,
  monthOf,
  readSlice,
  sliceMonth,
} from './activity-month';
import { countEvents, eventsOfTypeRange, eventTables } from './event-store';
import {
  type ActivityEntry,
  addEntry,
  emptyTally,
  MINUTE_MS,
  type Tally,
  tallyHistories,
} from './finished-tally';
import type { TrackerDb } from './schema';

/*
 * The Activity index: models finished per minute, kept in `meta` beside the events and
 * changed in the same transaction as every write that adds or removes events, so
 * Activity reads a few small rows instead of replaying 200 000 events (issue 9: 16 s at
 * 10 000 types). It holds
 *   - a head row: the database version and the number of events it was built from (a
 *     writer that bypassed it — an older app in another tab, a test seeding IndexedDB —
 *     changes the count, and Activity then rebuilds it), a revision, and the ids of the
 *     events a replay sets aside (sync conflicts: never finished, never shown);
 *   - one row per UTC month: per minute and type, the models finished and bought, as
 *     sorted typed arrays (activity-month.ts; IndexedDB copies those in one piece: a
 *     busy month of 10 000 entries reads in a millisecond, where an object with
 *     10 000 keys took tens). Per type, so points and the army filter are applied when
 *     read, with the types' current points_per_model and army.
 * No index (a fresh install, an upgrade from a version without it): writes log their
 * changes (PENDING) and the index is built once, reading types in chunks.
 */
const HEAD = 'activity_index';
const MONTH = 'activity_finished_';
// While there is no index, local writes log their changes here, so a build that runs
// meanwhile (seconds, at 10 000 types) adds those made after its snapshot instead of
// starting again — an active user would otherwise keep it from ever finishing.
const PENDING = 'activity_pending';

/** One logged change (a Tally, as stored). */
interface PendingChange {
  entries: EntryChange[];
  events: number;
  refused: string[];
  dropRefused: string[];
}

/**
 * The counting rule an index was built with: 3 keeps finished (net of reworks) and
 * bought models per minute and type, leaving undone pairs out (SPEC §9); 2 kept
 * finished models per minute only. An index of another rule is rebuilt.
 */
const RULE = 3;

interface IndexHead {
  /** RULE; absent in indexes of rule 1 (every event into DONE). */
  rule?: number;
  verno: number;
  rev: number;
  events: number;
  refused: string[];
}

/** The meta key of the month a minute falls in, e.g. activity_finished_2026-11 (UTC). */
const monthKey = (minute: number) =>
  `${MONTH}${new Date(minute * MINUTE_MS).toISOString().slice(0, 7)}`;

async function readHead(db: TrackerDb): Promise<IndexHead | undefined> {
  return (await db.meta.get(HEAD))?.value as IndexHead | undefined;
}

function byMonth(entries: Iterable<ActivityEntry>): Map<string, EntryChange[]> {
  const months = new Map<string, EntryChange[]>();
  for (const e of entries) {
    if (e.finished === 0 && e.bought === 0) continue;
    const key = monthKey(e.minute);
    const change: EntryChange = [e.minute, e.typeId, e.finished, e.bought];
    const list = months.get(key);
    if (list) list.push(change);
    else months.set(key, [change]);
  }
  return months;
}

/** The changes local writes logged while there was no index. */
async function readPending(db: TrackerDb): Promise<PendingChange[]> {
  return ((await db.meta.get(PENDING))?.value as PendingChange[] | undefined) ?? [];
}

/**
 * Adds a change (a tally of events added, or negative counts for events removed) to
 * the index, inside the caller's read-write transaction over `meta`; only the months
 * the change touches are read and written. Without an index yet, logs the change for
 * the build (PENDING).
 */
export async function changeActivityIndex(
  db: TrackerDb,
  change: Tally,
  dropRefused: readonly string[] = [],
): Promise<void> {
  const months = byMonth(change.entries.values());
  const [head, ...rows] = await Promise.all([
    readHead(db),
    ...[...months.keys()].map((key) => db.meta.get(key)),
  ]);
  if (!head) {
    const entry: PendingChange = {
      entries: [...change.entries.values()].map((e) => [e.minute, e.typeId, e.finished, e.bought]),
      events: change.events,
      refused: change.refused,
      dropRefused: [...dropRefused],
    };
    await db.meta.put({ key: PENDING, value: [...(await readPending(db)), entry] });
    return;
  }
  const writes: Promise<unknown>[] = [];
  [...months].forEach(([key, entries], i) => {
    const row = addToMonth(rows[i]?.value as MonthRow | undefined, entries);
    writes.push(row.minutes.length === 0 ? db.meta.delete(key) : db.meta.put({ key, value: row }));
  });
  let refused = head.refused;
  if (dropRefused.length > 0) {
    const drop = new Set(dropRefused);
    refused = refused.filter((id) => !drop.has(id));
  }
  if (change.refused.length > 0) refused = [...refused, ...change.refused];
  const next: IndexHead = {
    ...head,
    rev: head.rev + 1,
    events: head.events + change.events,
    refused,
  };
  writes.push(db.meta.put({ key: HEAD, value: next }));
  await Promise.all(writes);
}

/** Replaces the whole index with `tally` (all events); inside a rw transaction over meta. */
async function writeActivityIndex(db: TrackerDb, tally: Tally): Promise<void> {
  const [head] = await Promise.all([
    readHead(db),
    db.meta.where('key').startsWith(MONTH).delete(),
    db.meta.delete(PENDING), // superseded: this index holds every event
  ]);
  const rows = [...byMonth(tally.entries.values())].map(([key, entries]) => ({
    key,
    value: monthOf(entries),
  }));
  const next: IndexHead = {
    rule: RULE,
    verno: db.verno,
    rev: (head?.rev ?? 0) + 1,
    events: tally.events,
    refused: tally.refused,
  };
  await Promise.all([db.meta.bulkPut(rows), db.meta.put({ key: HEAD, value: next })]);
}

/**
 * Rebuilds the index from the full list of events (a merge or a restore holds them in
 * memory anyway). Call inside the rw transaction that writes them, over meta.
 */
export function rebuildActivityIndex(
  db: TrackerDb,
  events: readonly HistoryEvent[],
): Promise<void> {
  return writeActivityIndex(db, tallyHistories(emptyTally(), events));
}

/** Activity per minute in a time range, and the events never to show. */
export interface ActivityIndexView {
  /** The months' entries in the range, oldest first, as stored (typed arrays). */
  months: MonthSlice[];
  /** [minute, models finished] of all types, minutes ascending (worked out on reading). */
  readonly finished: [number, number][];
  /** Per minute (ascending) and type: models finished and bought (worked out on reading). */
  readonly entries: ActivityEntry[];
  refused: ReadonlySet<string>;
}

/** The index's entries as objects (tests, small reads). */
function entriesOf(months: readonly MonthSlice[]): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  for (const m of months) readSlice(m, entries);
  return entries;
}

/** Finished models per minute over all types, minutes with none left out. */
function finishedOf(months: readonly MonthSlice[]): [number, number][] {
  const finished: [number, number][] = [];
  for (const e of entriesOf(months)) {
    if (e.finished === 0) continue;
    const last = finished.at(-1);
    if (last?.[0] === e.minute) last[1] += e.finished;
    else finished.push([e.minute, e.finished]);
  }
  return finished.filter(([, n]) => n !== 0);
}

/**
 * Reads the index for minutes from `fromMs` to `toMs` (inclusive), or null when there is
 * none or it does not match the events (another version or writer): then call
 * buildActivityIndex. Joins the caller's transaction (events and meta) when in one.
 */
export async function readActivityIndex(
  db: TrackerDb,
  fromMs: number,
  toMs: number,
): Promise<ActivityIndexView | null> {
  const from = Math.floor(fromMs / MINUTE_MS);
  const to = Math.floor(toMs / MINUTE_MS);
  const [head, count, rows] = await Promise.all([
    readHead(db),
    countEvents(db),
    db.meta.where('key').between(monthKey(from), monthKey(to), true, true).toArray(),
  ]);
  if (!head || head.rule !== RULE || head.verno !== db.verno || head.events !== count) {
    return null;
  }
  // Rows come in key order (activity_finished_YYYY-MM): oldest first.
  const months = rows.map((row) => sliceMonth(row.value as MonthRow, from, to));
  return {
    months,
    // Objects only for those who ask (tests): a screen sums the typed arrays.
    get finished() {
      return finishedOf(months);
    },
    get entries() {
      return entriesOf(months);
    },
    refused: new Set(head.refused),
  };
}

/**
 * How many types are read at once while building: about 4 000 events at 20 per type,
 * a few tens of ms of main-thread work on a phone between reads.
 */
const CHUNK_TYPES = 200;

/**
 * Builds the index from the database: one read transaction that reads the events of
 * CHUNK_TYPES types at a time (each type whole, in index order), so memory stays small
 * and the page keeps answering between chunks; `onProgress(done, total)` counts events.
 * Then adds the changes local writes logged after its snapshot (PENDING) and stores
 * it, unless something else changed the events meanwhile (a merge, a writer that
 * bypassed the log: it returns false, build again). Returns true when stored. Reading is what costs: IndexedDB hands over about
 * 20 000–40 000 events a second on a desktop, so 200 000 take seconds — which is why
 * the index is kept by every write and this runs once (ensureActivityIndex).
 */
export async function buildActivityIndex(
  db: TrackerDb,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<boolean> {
  const built = await db.transaction('r', [...eventTables(db), db.types, db.meta], async () => {
    const [head, ids, total, pending] = await Promise.all([
      readHead(db),
      db.types.toCollection().primaryKeys(),
      countEvents(db),
      readPending(db),
    ]);
    ids.sort();
    const tally = emptyTally();
    for (let i = 0; ; i += CHUNK_TYPES) {
      // Bounds are type ids, so a type is never split; the ends take any stray event.
      const lower = i === 0 ? null : ids[i]!;
      const last = i + CHUNK_TYPES >= ids.length;
      const upper = last ? null : ids[i + CHUNK_TYPES]!;
      const events = await eventsOfTypeRange(db, lower, upper);
      tallyHistories(tally, events);
      onProgress(tally.events, total);
      if (last) break;
    }
    return { tally, total, rev: head?.rev, logged: pending.length };
  });
  return db.transaction('rw', [...eventTables(db), db.meta], async () => {
    const [head, count, pending] = await Promise.all([
      readHead(db),
      countEvents(db),
      readPending(db),
    ]);
    // A merge or restore wrote a whole index meanwhile: that one is current.
    if (head?.rev !== built.rev || built.tally.events !== built.total) return false;
    const tally = built.tally;
    for (const change of pending.slice(built.logged)) {
      for (const [minute, typeId, finished, bought] of change.entries) {
        addEntry(tally, minute, typeId, finished, bought);
      }
      tally.events += change.events;
      const drop = new Set(change.dropRefused);
      tally.refused = [...tally.refused.filter((id) => !drop.has(id)), ...change.refused];
    }
    // Anything else (a writer that bypassed the log) shows in the count: build again.
    if (tally.events !== count) return false;
    await writeActivityIndex(db, tally);
    return true;
  });
}

const running = new WeakMap<TrackerDb, { done: Promise<void>; listeners: Set<Progress> }>();
type Progress = (done: number, total: number) => void;

/**
 * Builds the index (again and again while concurrent writes overtake it) unless a build
 * of this database is already running in this tab, whose end it then waits for.
 * `onProgress` hears of that build's progress until `stop` is called (a screen that
 * unmounts). Resolves once an up-to-date index is stored.
 */
export function ensureActivityIndex(
  db: TrackerDb,
  onProgress?: Progress,
): { done: Promise<void>; stop: () => void } {
  let run = running.get(db);
  if (!run) {
    const listeners = new Set<Progress>();
    const report: Progress = (done, total) => {
      for (const l of listeners) l(done, total);
    };
    const done = (async () => {
      try {
        while (!(await buildActivityIndex(db, report))) {
          // Overtaken: by a merge (whose index is current) or a writer that bypassed
          // the log (build again).
          const now = Date.now();
          if (await readActivityIndex(db, now, now)) break;
        }
      } finally {
        running.delete(db);
      }
    })();
    run = { done, listeners };
    running.set(db, run);
  }
  const listeners = run.listeners;
  if (onProgress) listeners.add(onProgress);
  return { done: run.done, stop: () => onProgress && listeners.delete(onProgress) };
}

/**
 * At start-up, when idle: builds the index in the background if it is missing or out
 * of step (the first start after an update, or after another app version wrote), so
 * Activity opens at once. Failures are left for the Activity screen to report.
 */
export async function warmActivityIndex(db: TrackerDb): Promise<void> {
  const now = Date.now();
  try {
    if (await readActivityIndex(db, now, now)) return;
    await ensureActivityIndex(db).done;
  } catch {
    // shown when the user opens Activity (useActivity builds and reports the error)
  }
}
