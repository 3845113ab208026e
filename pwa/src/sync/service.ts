import {
  type CorrectionSummary,
  type ErrorDetails,
  isSkewShown,
  type RevisionInfo,
  stateToDataFile,
  type TrackerState,
} from '@mpt/shared';
import {
  completeAttempt,
  type LocalReplica,
  prepareAttempt,
  type SyncAttempt,
  type SyncOutcome,
  type SyncPhase,
} from './attempt';
import type { StatusChannel } from './channel';
import { changesToState, createSyncClient, normalizeServerUrl, type SyncClient } from './client';
import { deviceName } from './device-name';
import { SyncError, toSyncError } from './errors';
import { type LockMode, withSyncLock } from './lock';
import {
  browserEnv,
  createScheduler,
  DEFAULT_SCHEDULER_OPTIONS,
  type RunResult,
  type SchedulerEnv,
  type SchedulerOptions,
  type SyncScheduler,
  type SyncTrigger,
} from './scheduler';
import {
  addConflicts,
  addDoubles,
  dismissConflicts,
  emptyRecord,
  type KeyValueStore,
  loadRecord,
  loadSettings,
  type SyncRecord,
  type SyncSettings,
  saveRecord,
  saveSettings,
} from './store';
import { createSyncState, type SyncState } from './sync-state';

/** What restoring on every device and replacing this device need from the database. */
export interface RecoveryStore {
  /** Records corrections that make this device show `target` (db/corrections.ts). */
  correctTo(target: TrackerState): Promise<CorrectionSummary>;
  /** What correctTo would record now, writing nothing (db/corrections.ts). */
  previewCorrections(target: TrackerState): Promise<CorrectionSummary>;
  /**
   * Replaces the local data, keeping a restore point unless this device held nothing
   * (db/replace.ts); true when it kept one.
   */
  replaceWith(
    state: TrackerState,
    server: { url: string; cursor: string } | null,
  ): Promise<boolean>;
}

/** Everything the service talks to; the browser wiring is in instance.ts. */
export interface SyncServiceDeps {
  local: LocalReplica;
  recovery?: RecoveryStore;
  store: KeyValueStore;
  /** The origin that served the app: the server URL when the user left it empty. */
  defaultUrl: string;
  fetch?: typeof fetch;
  env?: SchedulerEnv;
  options?: SchedulerOptions;
  newKey?: () => string;
  lock?: <T>(mode: LockMode, fn: () => Promise<T>) => ReturnType<typeof withSyncLock<T>>;
  channel?: StatusChannel;
  /** An id for this tab in channel messages. */
  tabId?: string;
  /** This device's name in the server's backup list (X-Device). */
  device?: string;
}

export interface SyncService {
  state: SyncState;
  /** This device's name as sent in X-Device, so the backup list can mark its own. */
  device: string;
  scheduler: SyncScheduler;
  /** "Sync now": runs at once (queued behind another tab's sync). */
  syncNow(): void;
  /** Checks the URL and token without changing any data. */
  testConnection(): Promise<void>;
  updateSettings(patch: Partial<SyncSettings>): void;
  /**
   * Which server the settings name now: its base address, the same however it was
   * written (a trailing slash, the app's origin left empty), or null when invalid.
   */
  currentServer(): string | null;
  dismissConflicts(eventIds?: string[]): void;
  /** The database's local_change_seq changed (a write in this or another tab). */
  noteLocalSeq(seq: number): void;
  /** Another tab changed the stored record or settings. */
  reloadStored(): void;
  /** The server's backup revisions, newest first. */
  serverBackups(): Promise<RevisionInfo[]>;
  /** One backup revision's state. */
  serverBackup(revision: number): Promise<TrackerState>;
  /**
   * "Everywhere": syncs first (when it can), records corrections that make this device
   * show `target`, and syncs them to every device.
   */
  restoreEverywhere(target: TrackerState): Promise<CorrectionSummary>;
  /**
   * What restoreEverywhere would record against this device's data now (before the sync
   * it runs first): for the confirmation, which says it before anything changes.
   */
  previewEverywhere(target: TrackerState): Promise<CorrectionSummary>;
  /** "This device only": replaces the data with `target` and turns sync off. */
  restoreHere(target: TrackerState): Promise<void>;
  /**
   * Replaces this device's data with the server's current copy (a restore point first,
   * unless this device held nothing); true when a restore point was kept.
   */
  replaceWithServer(): Promise<boolean>;
  /** The changes waiting for this device's clock that it still holds. */
  waitingForClock(): Promise<TrackerState>;
  dispose(): void;
}

// Triggers that must wait for a sync running in another tab rather than skip it: the
// user asked, a retry holds a pushed-but-unanswered attempt, or this tab has writes
// the other tab's push may have missed.
const QUEUED = new Set<SyncTrigger>(['manual', 'change', 'retry']);

const randomKey = () => crypto.randomUUID();

/**
 * Device sync (SPEC §6, §10): sends what changed on this device since its cursor with
 * an Idempotency-Key that is fresh per attempt and reused on that attempt's retries,
 * merges what changed on the server into the local database (the cursor and the sent
 * outbox rows settle in the same transaction), and records the time, the clock, the
 * conflicts and the last error for the UI. A device whose clock is right again re-dates
 * what the server refused for it. Also: restore everywhere, replace with the server's copy.
 */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  const env = deps.env ?? browserEnv;
  const lock = deps.lock ?? withSyncLock;
  const newKey = deps.newKey ?? randomKey;
  const tabId = deps.tabId ?? newKey();
  const device = deps.device ?? deviceName();
  const state = createSyncState(loadSettings(deps.store), loadRecord(deps.store));
  // Kept across retries so a retry repeats the same request; dropped on a hard failure.
  let attempt: SyncAttempt | null = null;
  let client: SyncClient | null = null;
  let clientFor = '';

  const setRecord = (next: SyncRecord) => {
    state.record.value = next;
    saveRecord(deps.store, next);
  };

  /**
   * Refuses a request to the server while the device is offline (SPEC §6): "you are
   * offline", not "nothing answered at this address" (review: replacing this device
   * with the server's copy offline blamed the address and the server).
   */
  function whenOnline(): void {
    if (!env.isOnline()) {
      throw new SyncError('ERR_SYNC_UNREACHABLE', {
        details: { reason: 'offline' },
        retryable: true,
      });
    }
  }

  /** The server the settings name (the app's origin when left empty), or null. */
  function serverOf(settings: SyncSettings): string | null {
    return normalizeServerUrl(settings.url || deps.defaultUrl);
  }

  function serverUrl(): string {
    const baseUrl = normalizeServerUrl(state.settings.value.url || deps.defaultUrl);
    if (!baseUrl)
      throw new SyncError('ERR_VALIDATION', { details: { field: 'url' }, retryable: false });
    return baseUrl;
  }

  function currentClient(): SyncClient {
    const baseUrl = serverUrl();
    const { token } = state.settings.value;
    const key = `${baseUrl}\n${token}`;
    if (!client || clientFor !== key) {
      // The app's origin: a server elsewhere that refuses it (CORS) is told apart.
      client = createSyncClient({
        baseUrl,
        token: token || null,
        fetch: deps.fetch,
        appOrigin: deps.defaultUrl,
      });
      clientFor = key;
    }
    return client;
  }

  const setPhase = (phase: SyncPhase | null) => {
    state.phase.value = phase;
    deps.channel?.post({ tab: tabId, phase });
  };

  /** Stores what a completed sync learned: time, cursor, clock, refusals, conflicts, doubles. */
  function settle(outcome: SyncOutcome): void {
    const at = new Date(env.now()).toISOString();
    const record = loadRecord(deps.store);
    const withConflicts = addConflicts(
      {
        ...record,
        last_sync_at: at,
        last_cursor: outcome.cursor,
        last_pushed_seq: Math.max(record.last_pushed_seq, outcome.pushedSeq),
        last_error: null,
        clock: { skew_ms: outcome.skewMs, at },
        refused: outcome.refused
          ? {
              latest_allowed: outcome.refused.latest_allowed,
              type_ids: outcome.refused.type_ids,
              event_ids: outcome.refused.event_ids,
            }
          : null,
        last_transfer: { sent: outcome.bytesSent, received: outcome.bytesReceived },
      },
      outcome.conflicts,
      at,
    );
    setRecord(addDoubles(withConflicts, outcome.doubles, at));
  }

  /**
   * This tab holds the lock now, so no other tab is syncing: a phase one left behind
   * (closed mid-sync, its last message never sent) would keep "Syncing…" and the
   * disabled buttons for good.
   */
  const lockTaken = () => {
    state.otherTabPhase.value = null;
  };

  /**
   * A "test connection" answer a sync has since overtaken goes (newcomer review): a
   * failure once a sync got through; "offline" once a sync starts, as syncs start only
   * online; and one a failed sync says again, in its status line (the same long text
   * twice, in red).
   */
  const supersedeCheck = (synced: boolean, failure?: { code: string; details: ErrorDetails }) => {
    const check = state.connection.value;
    if (check.state !== 'failed') return;
    const repeated =
      failure !== undefined &&
      failure.code === check.code &&
      failure.details.reason === check.details.reason;
    if (synced || repeated || check.details.reason === 'offline') {
      state.connection.value = { state: 'idle' };
    }
  };

  /** Re-dated records were sent at once and the server has not taken them yet. */
  let resentRedated = false;

  async function runLocked(trigger: SyncTrigger): Promise<RunResult> {
    lockTaken();
    supersedeCheck(false);
    // Another tab may have synced while we waited for the lock.
    state.record.value = loadRecord(deps.store);
    if (trigger === 'change' && attempt === null) {
      const seq = await deps.local.changeSeq();
      if (seq <= state.record.value.last_pushed_seq) return { kind: 'ok' };
    }
    try {
      const sync = currentClient();
      setPhase({ phase: 'preparing' });
      attempt ??= await prepareAttempt(deps.local, serverUrl(), newKey, new Date(env.now()));
      const outcome = await completeAttempt(sync, deps.local, attempt, device, setPhase);
      attempt = null;
      settle(outcome);
      supersedeCheck(true);
      // The clock is right again: what waited for it is re-dated, no longer held (the list
      // empties now, not after the next sync), and goes out next.
      let redated = false;
      if (outcome.refused && !isSkewShown(outcome.skewMs)) {
        const { changed, conflicts } = await deps.local.redate(outcome.refused);
        redated = changed > 0;
        const at = new Date(env.now()).toISOString();
        setRecord(addConflicts({ ...loadRecord(deps.store), refused: null }, conflicts, at));
      }
      const seq = await deps.local.changeSeq();
      state.localSeq.value = seq;
      // The server did not know our cursor (a new or wiped server): send it all now. And
      // what was just re-dated: the sync that found the clock right sends it, not a
      // local write's quiet time later (newcomer review: one tap of Sync did not).
      // Once: should the server refuse them again, the next try waits as any write does.
      const resend = redated && !resentRedated;
      if (resend || !outcome.refused) resentRedated = resend;
      if (outcome.pushAll || resend) scheduler.request('manual');
      else if (seq > state.record.value.last_pushed_seq) scheduler.localChange();
      return { kind: 'ok' };
    } catch (thrown) {
      const error = toSyncError(thrown);
      if (!error.retryable) attempt = null;
      supersedeCheck(false, error);
      setRecord({
        ...loadRecord(deps.store),
        last_error: {
          code: error.code,
          details: error.details,
          at: new Date(env.now()).toISOString(),
        },
      });
      return {
        kind: 'failed',
        stop: error.code === 'ERR_UNAUTHORIZED' || error.code === 'ERR_VALIDATION',
        retryAfterMs: error.retryAfterMs,
      };
    } finally {
      setPhase(null);
    }
  }

  async function run(trigger: SyncTrigger): Promise<RunResult> {
    if (!state.settings.value.enabled) return { kind: 'ok' };
    const locked = await lock(QUEUED.has(trigger) ? 'queue' : 'ifAvailable', () =>
      runLocked(trigger),
    );
    return locked.acquired ? locked.value : { kind: 'busy' };
  }

  const scheduler = createScheduler(
    run,
    (s) => {
      state.scheduler.value = s;
    },
    env,
    deps.options ?? DEFAULT_SCHEDULER_OPTIONS,
  );
  state.scheduler.value = scheduler.state();

  const unsubscribe = deps.channel?.subscribe((message) => {
    if (message.tab === tabId) return;
    state.otherTabPhase.value = message.phase;
    if (message.phase === null) state.record.value = loadRecord(deps.store);
  });

  function recovery(): RecoveryStore {
    if (!deps.recovery) throw new SyncError('ERR_INTERNAL', { retryable: false });
    return deps.recovery;
  }

  return {
    state,
    scheduler,
    device,
    syncNow: () => scheduler.request('manual'),

    async testConnection() {
      // No request while offline (SPEC §6): say so rather than "nothing answered".
      if (!env.isOnline()) {
        state.connection.value = {
          state: 'failed',
          code: 'ERR_SYNC_UNREACHABLE',
          details: { reason: 'offline' },
        };
        return;
      }
      state.connection.value = { state: 'checking' };
      try {
        const info = await currentClient().checkConnection();
        state.connection.value = { state: 'ok', revision: info.revision };
      } catch (thrown) {
        const error = toSyncError(thrown);
        state.connection.value = { state: 'failed', code: error.code, details: error.details };
      }
    },

    currentServer: () => serverOf(state.settings.value),

    updateSettings(patch) {
      const before = state.settings.value;
      const next = { ...before, ...patch };
      state.settings.value = next;
      saveSettings(deps.store, next);
      if (serverOf(next) !== serverOf(before)) {
        // Another server holds nothing of this device yet: what was sent, when, and what
        // it said of the clock were the old one's. This device's conflicts stay its own.
        // (The same server written otherwise, "http://host/" for "http://host", is not.)
        const { conflicts, dismissed } = state.record.value;
        setRecord({ ...emptyRecord(), conflicts, dismissed });
      }
      if (next.url !== before.url || next.token !== before.token) {
        // Another server or token: a pending attempt belongs to the old one.
        attempt = null;
        state.connection.value = { state: 'idle' };
        if (state.record.value.last_error) setRecord({ ...state.record.value, last_error: null });
      }
      scheduler.reset();
      // Turned on, or pointed at another server, or given another token (a refused one
      // fixed): sync now rather than at the next change or minute (review: the badge
      // said "synced" about a server that held nothing of this device yet).
      const reached = next.url !== before.url || next.token !== before.token;
      if (next.enabled && (!before.enabled || reached)) scheduler.request('manual');
    },

    dismissConflicts(eventIds) {
      setRecord(dismissConflicts(loadRecord(deps.store), eventIds));
    },

    noteLocalSeq(seq) {
      const before = state.localSeq.value;
      state.localSeq.value = seq;
      if (seq < state.record.value.last_pushed_seq) {
        // The database was emptied (site data cleared) but not localStorage: its
        // counter restarted, so nothing of it has been pushed yet.
        setRecord({ ...state.record.value, last_pushed_seq: 0 });
      }
      if (seq > before && seq > state.record.value.last_pushed_seq) scheduler.localChange();
    },

    reloadStored() {
      state.settings.value = loadSettings(deps.store);
      state.record.value = loadRecord(deps.store);
    },

    async serverBackups() {
      whenOnline();
      return currentClient().revisions();
    },

    async serverBackup(revision) {
      whenOnline();
      return currentClient().revision(revision);
    },

    previewEverywhere: (target) => recovery().previewCorrections(target),

    async restoreEverywhere(target) {
      // Corrections are worked out against the latest data, so sync first when we can.
      if (state.settings.value.enabled && env.isOnline()) {
        await lock('queue', () => runLocked('manual'));
      }
      const summary = await recovery().correctTo(target);
      scheduler.request('manual');
      return summary;
    },

    async restoreHere(target) {
      await recovery().replaceWith(target, null);
      this.updateSettings({ enabled: false });
    },

    async replaceWithServer() {
      whenOnline();
      const url = serverUrl();
      const locked = await lock('queue', async () => {
        lockTaken();
        // An empty push from nowhere: the server answers everything it has.
        const body = JSON.stringify({
          since: null,
          changes: stateToDataFile({ types: [], events: [], tombstones: [] }, new Date(env.now())),
        });
        setPhase({ phase: 'uploading', bytes: body.length, received: 0, total: null });
        try {
          const answer = await currentClient().pushChanges(
            { body, gzip: false, key: newKey(), device },
            (received, total) =>
              setPhase({ phase: 'uploading', bytes: body.length, received, total }),
          );
          setPhase({ phase: 'merging', step: 'writing', done: 0, total: 0 });
          const pointKept = await recovery().replaceWith(changesToState(answer.changes), {
            url,
            cursor: answer.cursor,
          });
          attempt = null;
          const seq = await deps.local.changeSeq();
          const at = new Date(env.now()).toISOString();
          setRecord({
            ...loadRecord(deps.store),
            last_sync_at: at,
            last_cursor: answer.cursor,
            last_pushed_seq: seq,
            last_error: null,
            refused: null,
          });
          return pointKept;
        } finally {
          setPhase(null);
        }
      });
      if (!locked.acquired) throw new SyncError('ERR_INTERNAL', { retryable: true });
      return locked.value;
    },

    async waitingForClock() {
      const refused = state.record.value.refused;
      if (!refused) return { types: [], events: [], tombstones: [] };
      return deps.local.readRefused(refused);
    },

    dispose() {
      scheduler.dispose();
      unsubscribe?.();
    },
  };
}
