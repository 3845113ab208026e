import { describe, expect, it } from 'vitest';
import { withSyncLock } from './lock';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('withSyncLock (fallback without Web Locks)', () => {
  it('queues runs so they never overlap', async () => {
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}+`);
      await tick();
      log.push(`${name}-`);
      return name;
    };
    const results = await Promise.all([
      withSyncLock('queue', job('a'), undefined),
      withSyncLock('queue', job('b'), undefined),
    ]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-']);
    expect(results).toEqual([
      { acquired: true, value: 'a' },
      { acquired: true, value: 'b' },
    ]);
  });

  it('ifAvailable gives up while another run holds the lock', async () => {
    let release = () => {};
    const held = withSyncLock('queue', () => new Promise<void>((r) => (release = r)), undefined);
    await tick(0);
    expect(await withSyncLock('ifAvailable', async () => 1, undefined)).toEqual({
      acquired: false,
    });
    release();
    await held;
    expect(await withSyncLock('ifAvailable', async () => 2, undefined)).toEqual({
      acquired: true,
      value: 2,
    });
  });
});

describe('withSyncLock (Web Locks)', () => {
  it('asks navigator.locks for the sync lock with ifAvailable and reports a refusal', async () => {
    const calls: { name: string; ifAvailable: boolean | undefined }[] = [];
    const locks = {
      request<T>(name: string, opts: { ifAvailable?: boolean }, cb: (l: unknown) => Promise<T>) {
        calls.push({ name, ifAvailable: opts.ifAvailable });
        return cb(opts.ifAvailable ? null : { name });
      },
    };
    expect(await withSyncLock('ifAvailable', async () => 1, locks)).toEqual({ acquired: false });
    expect(await withSyncLock('queue', async () => 2, locks)).toEqual({ acquired: true, value: 2 });
    expect(calls).toEqual([
      { name: 'mpt-sync', ifAvailable: true },
      { name: 'mpt-sync', ifAvailable: false },
    ]);
  });
});
