import { describe, expect, it } from 'vitest';
import { fakeEnv } from './fake-env';
import { createScheduler, type RunResult, type SyncTrigger } from './scheduler';

const options = { debounceMs: 3_000, periodMs: 60_000, backoff: { baseMs: 2_000, capMs: 300_000 } };

function setup(results: RunResult[] = []) {
  const env = fakeEnv(0.5);
  const runs: { trigger: SyncTrigger; at: number }[] = [];
  const scheduler = createScheduler(
    async (trigger) => {
      runs.push({ trigger, at: env.now() });
      return results.shift() ?? { kind: 'ok' };
    },
    () => {},
    env,
    options,
  );
  return { env, runs, scheduler };
}

const fail: RunResult = { kind: 'failed', stop: false, retryAfterMs: null };

describe('sync scheduler', () => {
  it('syncs a few seconds after the last of a burst of local changes, once', async () => {
    const { env, runs, scheduler } = setup();
    scheduler.localChange();
    await env.advance(2_000);
    scheduler.localChange();
    await env.advance(2_999);
    expect(runs).toEqual([]);
    await env.advance(1);
    expect(runs).toEqual([{ trigger: 'change', at: 5_000 }]);
  });

  it('retries failures with exponential backoff and jitter, capped at 5 minutes', async () => {
    const { env, runs, scheduler } = setup(Array.from({ length: 12 }, () => fail));
    scheduler.request('manual');
    await env.advance(60 * 60_000);
    const gaps = runs.slice(1).map((r, i) => r.at - runs[i]!.at);
    // random() = 0.5 → 3/4 of each doubling step; the step stops growing at 300 s.
    expect(gaps.slice(0, 10)).toEqual([
      1_500, 3_000, 6_000, 12_000, 24_000, 48_000, 96_000, 192_000, 225_000, 225_000,
    ]);
    expect(runs.slice(1, 13).every((r) => r.trigger === 'retry')).toBe(true);
    expect(scheduler.state().mode).toBe('idle');
    expect(scheduler.state().failures).toBe(0);
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const { env, runs, scheduler } = setup([{ kind: 'failed', stop: false, retryAfterMs: 30_000 }]);
    scheduler.request('manual');
    await env.advance(29_999);
    expect(runs).toHaveLength(1);
    await env.advance(1);
    expect(runs).toHaveLength(2);
  });

  it('does not let automatic triggers cut a backoff short, but "sync now" does', async () => {
    const { env, runs, scheduler } = setup([fail, fail]);
    scheduler.request('manual');
    await env.advance(10);
    scheduler.request('visible');
    scheduler.localChange();
    await env.advance(1_000);
    expect(runs).toHaveLength(1);
    scheduler.request('manual');
    await env.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['manual', 'manual']);
  });

  it('sends nothing while offline and syncs as soon as the network is back', async () => {
    const { env, runs, scheduler } = setup();
    env.online = false;
    scheduler.setOnline(false);
    scheduler.request('manual');
    scheduler.localChange();
    await env.advance(5 * 60_000);
    expect(runs).toEqual([]);
    expect(scheduler.state().mode).toBe('offline');
    env.online = true;
    scheduler.setOnline(true);
    await env.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['online']);
  });

  it('going offline cancels a pending retry', async () => {
    const { env, runs, scheduler } = setup([fail]);
    scheduler.request('manual');
    await env.advance(0);
    env.online = false;
    scheduler.setOnline(false);
    await env.advance(10 * 60_000);
    expect(runs).toHaveLength(1);
  });

  it('stops retrying after a 401 until the user asks again', async () => {
    const { env, runs, scheduler } = setup([{ kind: 'failed', stop: true, retryAfterMs: null }]);
    scheduler.request('start');
    await env.advance(0);
    expect(scheduler.state().mode).toBe('stopped');
    scheduler.localChange();
    scheduler.request('visible');
    scheduler.setOnline(true);
    await env.advance(30 * 60_000);
    expect(runs).toHaveLength(1);
    scheduler.request('manual');
    await env.advance(0);
    expect(runs).toHaveLength(2);
    expect(scheduler.state().mode).toBe('idle');
  });

  it('pulls periodically only while visible, and on becoming visible', async () => {
    const { env, runs, scheduler } = setup();
    await env.advance(120_000);
    expect(runs.map((r) => r.trigger)).toEqual(['periodic', 'periodic']);
    env.visible = false;
    scheduler.setVisible(false);
    await env.advance(10 * 60_000);
    expect(runs).toHaveLength(2);
    env.visible = true;
    scheduler.setVisible(true);
    await env.advance(0);
    expect(runs.map((r) => r.trigger)).toEqual(['periodic', 'periodic', 'visible']);
  });

  it('never overlaps runs: a request during a run is served once after it', async () => {
    const env = fakeEnv();
    let active = 0;
    let maxActive = 0;
    const triggers: SyncTrigger[] = [];
    const scheduler = createScheduler(
      async (trigger) => {
        triggers.push(trigger);
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((resolve) => env.setTimer(resolve, 1_000));
        active--;
        return { kind: 'ok' };
      },
      () => {},
      env,
      options,
    );
    scheduler.request('manual');
    await env.advance(10);
    scheduler.request('visible');
    scheduler.request('online');
    await env.advance(5_000);
    expect(maxActive).toBe(1);
    expect(triggers).toEqual(['manual', 'visible']);
  });
});
