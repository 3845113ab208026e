import type { SchedulerEnv } from './scheduler';

/** A scheduler environment with a hand-driven clock, for tests. */
export interface FakeEnv extends SchedulerEnv {
  online: boolean;
  visible: boolean;
  /** Moves the clock forward, firing due timers in order. */
  advance(ms: number): Promise<void>;
  pendingTimers(): number[];
}

/** Builds a FakeEnv whose random() always returns `randomValue`. */
export function fakeEnv(randomValue = 0.5): FakeEnv {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const flush = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const env: FakeEnv = {
    online: true,
    visible: true,
    now: () => now,
    random: () => randomValue,
    isOnline: () => env.online,
    isVisible: () => env.visible,
    setTimer(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await flush();
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
      await flush();
    },
    pendingTimers: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
  };
  return env;
}
