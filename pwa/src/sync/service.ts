import {
  completeAttempt,
  type LocalReplica,
  prepareAttempt,
  type SyncAttempt,
  type SyncPhase,
} from './attempt';
import type { StatusChannel } from './channel';
import { createSyncClient, normalizeServerUrl, type SyncClient } from './client';
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
  dismissConflicts,
  type KeyValueStore,
  loadRecord,
  loadSettings,
  type SyncRecord,
  type SyncSettings,
  saveRecord,
  saveSettings,
} from './store';
import { createSyncState, type SyncState } from './sync-state';

/** Everything the service talks to; the browser wiring is in instance.ts. */
export interface SyncServiceDeps {
  local: LocalReplica;
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
}

export interface SyncService {
  state: SyncState;
  scheduler: SyncScheduler;
  /** "Sync now": runs at once (queued behind another tab's sync). */
  syncNow(): void;
  /** Checks the URL and token without changing any data. */
  testConnection(): Promise<void>;
  updateSettings(patch: Partial<SyncSettings>): void;
  dismissConflicts(eventIds?: string[]): void;
  /** The database's local_change_seq changed (a write in this or another tab). */
  noteLocalSeq(seq: number): void;
  /** Another tab changed the stored record or settings. */
  reloadStored(): void;
  dispose(): void;
}

// Triggers that must wait for a sync running in another tab rather than skip it: the
// user asked, a retry holds a pushed-but-unanswered attempt, or this tab has writes
// the other tab's snapshot may have missed.
const QUEUED = new Set<SyncTrigger>(['manual', 'change', 'retry']);

const randomKey = () => crypto.randomUUID();

/**
 * Device sync (SPEC §6): pushes the full local snapshot with an Idempotency-Key that
 * is fresh per attempt and reused on that attempt's retries, merges the answer into
 * the local database (mergeIntoLocal keeps writes made meanwhile and takes a restore
 * point), and records the time, the conflicts and the last error for the UI.
 */
export function createSyncService(deps: SyncServiceDeps): SyncService {
  const env = deps.env ?? browserEnv;
  const lock = deps.lock ?? withSyncLock;
  const newKey = deps.newKey ?? randomKey;
  const tabId = deps.tabId ?? newKey();
  const state = createSyncState(loadSettings(deps.store), loadRecord(deps.store));
  // Kept across retries so a retry repeats the same request; dropped on a hard failure.
  let attempt: SyncAttempt | null = null;
  // This tab's latest full snapshot (pushed or received), reused while
  // local_change_seq stands still (see reusableAttempt).
  let lastPushed: SyncAttempt | null = null;
  let client: SyncClient | null = null;
  let clientFor = '';

  const setRecord = (next: SyncRecord) => {
    state.record.value = next;
    saveRecord(deps.store, next);
  };

  function currentClient(): SyncClient {
    const { url, token } = state.settings.value;
    const baseUrl = normalizeServerUrl(url || deps.defaultUrl);
    if (!baseUrl)
      throw new SyncError('ERR_VALIDATION', { details: { field: 'url' }, retryable: false });
    const key = `${baseUrl}\n${token}`;
    if (!client || clientFor !== key) {
      client = createSyncClient({ baseUrl, token: token || null, fetch: deps.fetch });
      clientFor = key;
    }
    return client;
  }

  const setPhase = (phase: SyncPhase | null) => {
    state.phase.value = phase;
    deps.channel?.post({ tab: tabId, phase });
  };

  /**
   * The last snapshot (pushed and echoed, or the server's merged answer) under a fresh
   * key, when no local write happened since: reading and serializing a large state is
   * the slowest part of a sync that has nothing new from this device. Pushing a
   * snapshot that misses data another tab merged in is still safe: that data came
   * from the server, which merges it back into its answer.
   */
  async function reusableAttempt(): Promise<SyncAttempt | null> {
    if (!lastPushed) return null;
    if ((await deps.local.changeSeq()) !== lastPushed.seq) {
      lastPushed = null;
      return null;
    }
    return { ...lastPushed, key: newKey() };
  }

  async function runLocked(trigger: SyncTrigger): Promise<RunResult> {
    // Another tab may have synced while we waited for the lock.
    state.record.value = loadRecord(deps.store);
    if (trigger === 'change' && attempt === null) {
      const seq = await deps.local.changeSeq();
      if (seq <= state.record.value.last_pushed_seq) return { kind: 'ok' };
    }
    try {
      const sync = currentClient();
      setPhase({ phase: 'preparing' });
      attempt ??=
        (await reusableAttempt()) ??
        (await prepareAttempt(deps.local, newKey, new Date(env.now())));
      const outcome = await completeAttempt(sync, deps.local, attempt, setPhase);
      lastPushed = outcome.next;
      attempt = null;
      const at = new Date(env.now()).toISOString();
      const record = loadRecord(deps.store);
      setRecord(
        addConflicts(
          {
            ...record,
            last_sync_at: at,
            last_revision: outcome.revision,
            last_pushed_seq: Math.max(record.last_pushed_seq, outcome.pushedSeq),
            last_error: null,
          },
          outcome.conflicts,
          at,
        ),
      );
      // Writes made while we were syncing go out in the next, debounced, sync.
      const seq = await deps.local.changeSeq();
      state.localSeq.value = seq;
      if (seq > state.record.value.last_pushed_seq) scheduler.localChange();
      return { kind: 'ok' };
    } catch (thrown) {
      const error = toSyncError(thrown);
      if (!error.retryable) attempt = null;
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

  return {
    state,
    scheduler,
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

    updateSettings(patch) {
      const before = state.settings.value;
      const next = { ...before, ...patch };
      state.settings.value = next;
      saveSettings(deps.store, next);
      if (next.url !== before.url || next.token !== before.token) {
        // Another server or token: a pending attempt belongs to the old one.
        attempt = null;
        lastPushed = null;
        state.connection.value = { state: 'idle' };
        if (state.record.value.last_error) setRecord({ ...state.record.value, last_error: null });
      }
      scheduler.reset();
      if (next.enabled && !before.enabled) scheduler.request('manual');
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
        lastPushed = null;
        setRecord({ ...state.record.value, last_pushed_seq: 0 });
      }
      if (seq > before && seq > state.record.value.last_pushed_seq) scheduler.localChange();
    },

    reloadStored() {
      state.settings.value = loadSettings(deps.store);
      state.record.value = loadRecord(deps.store);
    },

    dispose() {
      scheduler.dispose();
      unsubscribe?.();
    },
  };
}
