import type { BackupOutcome } from '../store/store';

/** Wakes the backup writer when data changed; it writes at most once a minute. */
export interface BackupScheduler {
  /** Data changed: write a backup revision now, or when the minute since the last is over. */
  noteChange(): void;
  /** Resolves when no write is running or waiting (tests). */
  idle(): Promise<void>;
  stop(): void;
}

export interface BackupTimers {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const nodeTimers: BackupTimers = {
  setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs the store's backup writer (SPEC §10: full-state revisions, written at most once a
 * minute while changes arrive) after the answer that brought a change, never inside it:
 * a delta push stays proportional to its change. The writer itself decides: nothing new,
 * too soon (then this waits as long as it says), or written. A failure is logged and
 * tried again at the next change; a restart loses nothing, since the writer compares
 * the stored change number with the latest revision's.
 */
export function createBackupScheduler(
  write: () => Promise<BackupOutcome>,
  onError: (error: unknown) => void,
  timers: BackupTimers = nodeTimers,
): BackupScheduler {
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped || timer !== null) return;
    timer = timers.setTimer(() => {
      timer = null;
      start();
    }, ms);
  };

  function start(): void {
    if (stopped) return;
    again = false;
    running = (async () => {
      try {
        const outcome = await write();
        if (outcome.kind === 'too-soon') schedule(outcome.waitMs);
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
      if (again) start();
    })();
  }

  return {
    noteChange() {
      if (running) again = true;
      else if (timer === null) start();
    },
    async idle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimer(timer);
      timer = null;
    },
  };
}
