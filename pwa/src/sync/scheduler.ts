import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';

/** Why a sync was asked for. */
export type SyncTrigger =
  | 'manual'
  | 'start'
  | 'online'
  | 'visible'
  | 'change'
  | 'periodic'
  | 'retry';

/** How one run ended, as far as scheduling cares. */
export type RunResult =
  | { kind: 'ok' }
  /** Another tab holds the sync lock and is syncing for everyone. */
  | { kind: 'busy' }
  | { kind: 'failed'; stop: boolean; retryAfterMs: number | null };

/** What the scheduler is doing, for the status line. */
export interface SchedulerState {
  mode: 'idle' | 'running' | 'waiting' | 'offline' | 'stopped';
  /** Failed runs in a row. */
  failures: number;
  /** When the next retry fires (epoch ms), while waiting. */
  nextRetryAt: number | null;
}

/** The browser facts and timers the scheduler uses; injected in tests. */
export interface SchedulerEnv {
  now(): number;
  random(): number;
  isOnline(): boolean;
  isVisible(): boolean;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface SchedulerOptions {
  /** Quiet time after the last local change before syncing it. */
  debounceMs: number;
  /** Interval of the background pull while the app is visible. */
  periodMs: number;
  backoff: BackoffOptions;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  debounceMs: 3_000,
  periodMs: 60_000,
  backoff: DEFAULT_BACKOFF,
};

/** The browser environment (navigator.onLine, document.visibilityState, real timers). */
export const browserEnv: SchedulerEnv = {
  now: () => Date.now(),
  random: () => Math.random(),
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  isVisible: () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SyncScheduler {
  /** Asks for a sync; what happens depends on the trigger and the current state. */
  request(trigger: SyncTrigger): void;
  /** A local write happened: sync once writes have been quiet for debounceMs. */
  localChange(): void;
  /** The network came back or went away (the `online` / `offline` events). */
  setOnline(online: boolean): void;
  /** The document became visible or hidden. */
  setVisible(visible: boolean): void;
  /** Forgets failures and a 401 stop (after the settings changed). */
  reset(): void;
  state(): SchedulerState;
  dispose(): void;
}

// Triggers that may cut a backoff wait short: the user asked, or the network is back.
const PREEMPTS_BACKOFF = new Set<SyncTrigger>(['manual', 'online', 'retry']);

/**
 * Decides when to sync (SPEC §6): on demand, when the network returns, when the app
 * becomes visible, a few seconds after local changes and periodically while visible.
 * Failures retry with exponential backoff and jitter; nothing is sent while offline;
 * a run that says `stop` (401) halts automatic syncing until `reset` or a manual sync.
 * Runs never overlap: a request during a run is remembered and served after it.
 */
export function createScheduler(
  run: (trigger: SyncTrigger) => Promise<RunResult>,
  onState: (state: SchedulerState) => void = () => {},
  env: SchedulerEnv = browserEnv,
  options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
): SyncScheduler {
  let state: SchedulerState = {
    mode: env.isOnline() ? 'idle' : 'offline',
    failures: 0,
    nextRetryAt: null,
  };
  let queued: SyncTrigger | null = null;
  let retryTimer: unknown = null;
  let debounceTimer: unknown = null;
  let periodicTimer: unknown = null;
  let disposed = false;

  const set = (patch: Partial<SchedulerState>) => {
    state = { ...state, ...patch };
    onState(state);
  };
  const clear = (handle: unknown) => {
    if (handle !== null) env.clearTimer(handle);
    return null;
  };

  function schedulePeriodic() {
    periodicTimer = clear(periodicTimer);
    if (disposed || !env.isVisible()) return;
    periodicTimer = env.setTimer(() => {
      periodicTimer = null;
      request('periodic');
      schedulePeriodic();
    }, options.periodMs);
  }

  function request(trigger: SyncTrigger) {
    if (disposed) return;
    if (!env.isOnline()) {
      // No requests while offline; the `online` event brings us back.
      retryTimer = clear(retryTimer);
      set({ mode: 'offline', nextRetryAt: null });
      return;
    }
    if (state.mode === 'stopped' && trigger !== 'manual') return;
    if (state.mode === 'running') {
      if (queued === null || trigger === 'manual') queued = trigger;
      return;
    }
    if (state.mode === 'waiting' && !PREEMPTS_BACKOFF.has(trigger)) return;
    retryTimer = clear(retryTimer);
    void start(trigger);
  }

  async function start(trigger: SyncTrigger) {
    set({ mode: 'running', nextRetryAt: null });
    let result: RunResult;
    try {
      result = await run(trigger);
    } catch {
      result = { kind: 'failed', stop: false, retryAfterMs: null };
    }
    if (disposed) return;
    if (result.kind === 'failed' && result.stop) {
      queued = null;
      set({ mode: 'stopped', failures: state.failures + 1 });
      return;
    }
    if (result.kind === 'failed') {
      const failures = state.failures + 1;
      const wait = Math.min(
        options.backoff.capMs,
        Math.max(backoffDelay(failures, env.random, options.backoff), result.retryAfterMs ?? 0),
      );
      retryTimer = env.setTimer(() => {
        retryTimer = null;
        request('retry');
      }, wait);
      set({
        mode: env.isOnline() ? 'waiting' : 'offline',
        failures,
        nextRetryAt: env.now() + wait,
      });
      const next = queued;
      queued = null;
      if (next === 'manual') request(next);
      return;
    }
    set({ mode: 'idle', failures: 0, nextRetryAt: null });
    const next = queued;
    queued = null;
    if (next !== null) request(next);
  }

  schedulePeriodic();

  return {
    request,
    localChange() {
      debounceTimer = clear(debounceTimer);
      debounceTimer = env.setTimer(() => {
        debounceTimer = null;
        request('change');
      }, options.debounceMs);
    },
    setOnline(online) {
      if (online) request('online');
      else if (state.mode !== 'running') {
        retryTimer = clear(retryTimer);
        set({ mode: 'offline', nextRetryAt: null });
      }
    },
    setVisible(visible) {
      if (visible) {
        schedulePeriodic();
        request('visible');
      } else periodicTimer = clear(periodicTimer);
    },
    reset() {
      retryTimer = clear(retryTimer);
      if (state.mode !== 'running') {
        set({ mode: env.isOnline() ? 'idle' : 'offline', failures: 0, nextRetryAt: null });
      } else set({ failures: 0 });
    },
    state: () => state,
    dispose() {
      disposed = true;
      retryTimer = clear(retryTimer);
      debounceTimer = clear(debounceTimer);
      periodicTimer = clear(periodicTimer);
    },
  };
}
