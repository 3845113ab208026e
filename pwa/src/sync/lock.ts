/** The Web Lock every tab of the app takes to sync, so only one tab syncs at a time. */
export const SYNC_LOCK = 'mpt-sync';

/**
 * `queue` waits for the tab that is syncing to finish (its push may not contain our
 * latest writes); `ifAvailable` gives up at once (the other tab's pull serves us too).
 */
export type LockMode = 'queue' | 'ifAvailable';

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

// Without the Web Locks API (old browsers, tests) a per-tab queue keeps runs apart.
let localTail: Promise<unknown> = Promise.resolve();
let localHeld = false;

async function localLock<T>(mode: LockMode, fn: () => Promise<T>): Promise<Locked<T>> {
  if (mode === 'ifAvailable' && localHeld) return { acquired: false };
  const previous = localTail;
  let release = () => {};
  localTail = new Promise<void>((resolve) => {
    release = resolve;
  });
  await previous;
  localHeld = true;
  try {
    return { acquired: true, value: await fn() };
  } finally {
    localHeld = false;
    release();
  }
}

/** Runs `fn` while holding the app's sync lock across every tab of this origin. */
export async function withSyncLock<T>(
  mode: LockMode,
  fn: () => Promise<T>,
  locks: LockManagerLike | undefined = (globalThis.navigator as { locks?: LockManagerLike })?.locks,
): Promise<Locked<T>> {
  if (!locks) return localLock(mode, fn);
  return locks.request(SYNC_LOCK, { ifAvailable: mode === 'ifAvailable' }, async (lock) =>
    lock === null ? { acquired: false } : { acquired: true, value: await fn() },
  );
}
