import { describe, expect, it } from 'vitest';
import { createSyncClient } from './client';
import { SyncError } from './errors';

const APP = 'http://192.168.1.5:8080';
const SERVER = 'http://192.168.1.20:8080';

/** Every request the fake fetch saw: its address and mode. */
type Seen = { url: string; mode: RequestMode | undefined };

/**
 * A fetch as the browser behaves towards a server that does not list the app's origin:
 * the API request fails with a TypeError (CORS refused), and a no-cors request gets
 * `probe`'s answer (an opaque response when something is listening).
 */
function fakeFetch(probe: () => Promise<Response>): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), mode: init?.mode });
    if (init?.mode === 'no-cors') return probe();
    throw new TypeError('Failed to fetch');
  }) as typeof fetch;
  return { fetch: fake, seen };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(SyncError);
      return error as SyncError;
    },
  );

describe('a request that no answer came back to (createSyncClient)', () => {
  it('says "cors", naming the app’s origin, when the server answers a no-cors probe', async () => {
    const { fetch, seen } = fakeFetch(async () => new Response(null, { status: 200 }));
    const client = createSyncClient({ baseUrl: SERVER, token: 't', fetch, appOrigin: APP });
    const error = await failure(client.checkConnection());
    expect(error.code).toBe('ERR_SYNC_UNREACHABLE');
    expect(error.details).toEqual({ reason: 'cors', origin: APP, message: 'Failed to fetch' });
    // Retried like any unreachable server: the user fixes CORS_ORIGINS, the next try works.
    expect(error.retryable).toBe(true);
    expect(seen).toEqual([
      { url: `${SERVER}/api/v1/sync/revisions`, mode: undefined },
      { url: `${SERVER}/health`, mode: 'no-cors' },
    ]);
  });

  it('probes the health address under the server’s sub-path, for "Sync now" too', async () => {
    const { fetch, seen } = fakeFetch(async () => new Response(null, { status: 503 }));
    const base = 'https://example.org/tracker';
    const client = createSyncClient({ baseUrl: base, token: null, fetch, appOrigin: APP });
    const error = await failure(client.pull());
    // A health check that says 503 is still something answering there.
    expect(error.details).toMatchObject({ reason: 'cors', origin: APP });
    expect(seen.at(-1)).toEqual({ url: `${base}/health`, mode: 'no-cors' });
  });

  it('keeps "network" when the probe fails too (nothing listens there)', async () => {
    const { fetch, seen } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const client = createSyncClient({ baseUrl: SERVER, token: null, fetch, appOrigin: APP });
    const error = await failure(client.checkConnection());
    expect(error.details).toMatchObject({ reason: 'network' });
    expect(seen).toHaveLength(2);
  });

  it('keeps "network" when the probe gets no answer in time', async () => {
    const { fetch } = fakeFetch(
      () =>
        // Never answers; only the probe's own deadline ends it.
        new Promise<Response>(() => {}),
    );
    const client = createSyncClient({
      baseUrl: SERVER,
      token: null,
      fetch,
      appOrigin: APP,
      probeTimeoutMs: 20,
    });
    const error = await failure(client.checkConnection());
    expect(error.details).toMatchObject({ reason: 'network' });
  });

  it('does not probe a server at the app’s own origin (CORS does not apply there)', async () => {
    const { fetch, seen } = fakeFetch(async () => new Response(null, { status: 200 }));
    const client = createSyncClient({
      baseUrl: `${APP}/tracker`,
      token: null,
      fetch,
      appOrigin: APP,
    });
    const error = await failure(client.checkConnection());
    expect(error.details).toMatchObject({ reason: 'network' });
    expect(seen.map((s) => s.mode)).toEqual([undefined]);
  });

  it('does not probe after a timeout: that server was reached too slowly, not refused', async () => {
    const seen: Seen[] = [];
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(input), mode: init?.mode });
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError')));
      });
    }) as typeof globalThis.fetch;
    const client = createSyncClient({
      baseUrl: SERVER,
      token: null,
      fetch,
      appOrigin: APP,
      timeoutMs: 20,
    });
    const error = await failure(client.checkConnection());
    expect(error.details).toMatchObject({ reason: 'timeout' });
    expect(seen).toHaveLength(1);
  });
});

describe('download progress (createSyncClient)', () => {
  /** An answer in three chunks of its text, with these headers. */
  const answer = (text: string, headers: Record<string, string>) => {
    const bytes = new TextEncoder().encode(text);
    const third = Math.ceil(bytes.length / 3);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += third) controller.enqueue(bytes.slice(i, i + third));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers });
  };
  const snapshot = JSON.stringify({ revision: 0, snapshot: null, pad: 'x'.repeat(3_000) });
  const pullWith = async (headers: Record<string, string>) => {
    const steps: [number, number | null][] = [];
    const fetch = (async () => answer(snapshot, headers)) as typeof globalThis.fetch;
    const client = createSyncClient({ baseUrl: SERVER, token: null, fetch, appOrigin: SERVER });
    await client.pull((received, total) => steps.push([received, total])).catch(() => {});
    return steps;
  };
  const length = String(new TextEncoder().encode(snapshot).length);

  it('tells a gzip answer on the wire’s scale, ending at the size the transfer line shows', async () => {
    // The browser unpacks gzip before the page reads it: the text is 3 KB, the wire 600 B.
    const steps = await pullWith({
      'content-encoding': 'gzip',
      'content-length': '600',
      'x-uncompressed-length': length,
    });
    expect(steps).toHaveLength(3);
    expect(steps.every(([, total]) => total === 600)).toBe(true);
    expect(steps.map(([received]) => received)).toEqual([200, 400, 600]);
  });

  it('tells a plain answer as it arrives, against its length; without sizes, with no total', async () => {
    const plain = await pullWith({ 'content-length': length });
    expect(plain.at(-1)).toEqual([Number(length), Number(length)]);
    const unknown = await pullWith({ 'content-encoding': 'gzip' });
    expect(unknown.at(-1)).toEqual([Number(length), null]);
  });
});
