import {
  type Conflict,
  conflictSchema,
  type ErrorCode,
  type ErrorDetails,
  type HistoryEvent,
  isErrorCode,
  timestampSchema,
} from '@mpt/shared';

/** What the user set in Settings → Sync. */
export interface SyncSettings {
  /** Sync runs only once the user turned it on. */
  enabled: boolean;
  /** The server URL as typed; empty means the origin that served the app. */
  url: string;
  /** The optional shared token (SYNC_TOKEN on the server); empty for none. */
  token: string;
}

/** A conflict as the device keeps it, with when it was first reported. */
/** A sync conflict as found, with the counted step that looks like the same tap, if any. */
export interface FoundConflict extends Conflict {
  /**
   * When the same step was made and counted (shared's sameStepTwins): probably entered on
   * two devices, so nothing needs redoing for this one.
   */
  twin_at?: string;
}

export interface StoredConflict extends FoundConflict {
  seen_at: string;
}

/**
 * A step this device sent that another device's same step met in one sync, both counted
 * (shared's possibleDoubles): perhaps one box logged on two devices. Asked, not fixed.
 */
export interface FoundDouble {
  type_id: string;
  type_name: string;
  /** This device's step. */
  event: HistoryEvent;
  /** When the other device's same step was made. */
  twin_at: string;
}

export interface StoredDouble extends FoundDouble {
  seen_at: string;
}

/** The last error, as a code (never as text: the UI translates it when shown). */
export interface StoredError {
  code: ErrorCode;
  details: ErrorDetails;
  at: string;
}

/** The device clock against the server's, as the last sync measured it (SPEC §10). */
export interface ClockCheck {
  /** Device clock minus server clock, in ms: positive when the device runs ahead. */
  skew_ms: number;
  at: string;
}

/** What the server refused at the last sync because the device clock ran ahead. */
export interface StoredRefusal {
  latest_allowed: string;
  type_ids: string[];
  event_ids: string[];
}

/** What this device remembers about its syncs. Shared by its tabs (localStorage). */
export interface SyncRecord {
  last_sync_at: string | null;
  /** The server's cursor after the last sync, for "test connection" and support. */
  last_cursor: string | null;
  /** local_change_seq contained in the last successful push. */
  last_pushed_seq: number;
  last_error: StoredError | null;
  conflicts: StoredConflict[];
  /** Steps perhaps logged on two devices (FoundDouble), until dismissed. */
  doubles: StoredDouble[];
  /** Event ids the user dismissed, so a repeated report does not bring them back. */
  dismissed: string[];
  clock: ClockCheck | null;
  refused: StoredRefusal | null;
  /** Bytes the last sync sent and received on the wire. */
  last_transfer: { sent: number; received: number } | null;
}

/** localStorage, or a stand-in in tests. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export const SETTINGS_KEY = 'mpt.sync.settings';
export const RECORD_KEY = 'mpt.sync.record';
/** Conflicts and dismissals kept at most, oldest dropped first. */
export const MAX_CONFLICTS = 200;
const MAX_DISMISSED = 2_000;

export const defaultSettings = (): SyncSettings => ({ enabled: false, url: '', token: '' });

export const emptyRecord = (): SyncRecord => ({
  last_sync_at: null,
  last_cursor: null,
  last_pushed_seq: 0,
  last_error: null,
  conflicts: [],
  doubles: [],
  dismissed: [],
  clock: null,
  refused: null,
  last_transfer: null,
});

function readJson(store: KeyValueStore, key: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(store.getItem(key) ?? 'null');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the status lives on in memory for this visit.
  }
}

const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

/** The saved settings; anything unreadable falls back to the defaults. */
export function loadSettings(store: KeyValueStore): SyncSettings {
  const raw = readJson(store, SETTINGS_KEY);
  return { enabled: raw.enabled === true, url: str(raw.url, ''), token: str(raw.token, '') };
}

export function saveSettings(store: KeyValueStore, settings: SyncSettings): void {
  writeJson(store, SETTINGS_KEY, settings);
}

function readError(v: unknown): StoredError | null {
  const e = v as Partial<StoredError> | null;
  if (!e || !isErrorCode(e.code) || typeof e.at !== 'string') return null;
  return {
    code: e.code,
    at: e.at,
    details: typeof e.details === 'object' && e.details ? e.details : {},
  };
}

// What the record keeps of a conflict and of a possible double: shared's conflict schema,
// with when it was seen and its twin's time (a double is a counted step: no reason).
const storedConflictSchema = conflictSchema.extend({
  seen_at: timestampSchema,
  twin_at: timestampSchema.optional(),
});
const storedDoubleSchema = conflictSchema
  .omit({ reason: true })
  .extend({ seen_at: timestampSchema, twin_at: timestampSchema });

/** The entries of a stored list that validate with `schema`; none when it is not a list. */
function validEntries<T>(
  list: unknown,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((x: unknown) => {
    const parsed = schema.safeParse(x);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The saved record; entries that do not validate are dropped. */
export function loadRecord(store: KeyValueStore): SyncRecord {
  const raw = readJson(store, RECORD_KEY);
  const conflicts = validEntries(raw.conflicts, storedConflictSchema);
  const doubles = validEntries(raw.doubles, storedDoubleSchema);
  const seq = raw.last_pushed_seq;
  return {
    last_sync_at: strOrNull(raw.last_sync_at),
    last_cursor: strOrNull(raw.last_cursor),
    last_pushed_seq: typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : 0,
    last_error: readError(raw.last_error),
    conflicts,
    doubles,
    dismissed: strings(raw.dismissed),
    clock: readClock(raw.clock),
    refused: readRefusal(raw.refused),
    last_transfer: readTransfer(raw.last_transfer),
  };
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : [];

function readClock(v: unknown): ClockCheck | null {
  const c = v as Partial<ClockCheck> | null;
  return c && Number.isFinite(c.skew_ms) && typeof c.at === 'string'
    ? { skew_ms: Number(c.skew_ms), at: c.at }
    : null;
}

function readRefusal(v: unknown): StoredRefusal | null {
  const r = v as Partial<StoredRefusal> | null;
  if (!r || typeof r.latest_allowed !== 'string') return null;
  return {
    latest_allowed: r.latest_allowed,
    type_ids: strings(r.type_ids),
    event_ids: strings(r.event_ids),
  };
}

function readTransfer(v: unknown): { sent: number; received: number } | null {
  const t = v as { sent?: unknown; received?: unknown } | null;
  return t && Number.isFinite(t.sent) && Number.isFinite(t.received)
    ? { sent: Number(t.sent), received: Number(t.received) }
    : null;
}

export function saveRecord(store: KeyValueStore, record: SyncRecord): void {
  writeJson(store, RECORD_KEY, record);
}

/** `found` not yet listed nor dismissed, each event once, after `list`, kept to MAX_CONFLICTS. */
function withFresh<F extends { event: { id: string } }>(
  record: SyncRecord,
  list: readonly (F & { seen_at: string })[],
  found: readonly F[],
  at: string,
): (F & { seen_at: string })[] | null {
  const known = new Set([...record.dismissed, ...list.map((x) => x.event.id)]);
  const fresh: (F & { seen_at: string })[] = [];
  for (const x of found) {
    if (known.has(x.event.id)) continue;
    known.add(x.event.id);
    fresh.push({ ...x, seen_at: at });
  }
  return fresh.length === 0 ? null : [...list, ...fresh].slice(-MAX_CONFLICTS);
}

/** Adds newly reported conflicts (each event once; dismissed ones stay dismissed). */
export function addConflicts(record: SyncRecord, found: FoundConflict[], at: string): SyncRecord {
  const conflicts = withFresh(record, record.conflicts, found, at);
  return conflicts ? { ...record, conflicts } : record;
}

/** Adds newly found possible doubles (each event once; dismissed ones stay dismissed). */
export function addDoubles(record: SyncRecord, found: FoundDouble[], at: string): SyncRecord {
  const doubles = withFresh(record, record.doubles, found, at);
  return doubles ? { ...record, doubles } : record;
}

/** Dismisses the given conflicts or possible doubles (by event id), or every conflict. */
export function dismissConflicts(record: SyncRecord, eventIds?: string[]): SyncRecord {
  const ids = new Set(eventIds ?? record.conflicts.map((c) => c.event.id));
  return {
    ...record,
    conflicts: record.conflicts.filter((c) => !ids.has(c.event.id)),
    doubles: record.doubles.filter((d) => !ids.has(d.event.id)),
    dismissed: [...record.dismissed, ...ids].slice(-MAX_DISMISSED),
  };
}
