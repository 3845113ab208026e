import {
  type ImportReport,
  readDataFile,
  revisionListSchema,
  syncPullSchema,
  syncPushResultSchema,
  type TrackerState,
} from '@mpt/shared';
import { badResponse, errorFromResponse, SyncError, unreachable } from './errors';

/** Where the server is and how to reach it; `fetch` is injected in tests (app.request). */
export interface SyncClientConfig {
  /** The server's origin (and optional base path), e.g. https://nas.local:8443 */
  baseUrl: string;
  /** The optional shared token (SYNC_TOKEN on the server). */
  token: string | null;
  fetch?: typeof fetch;
  /** A request taking longer than this is abandoned and counts as unreachable. */
  timeoutMs?: number;
}

/** Bytes of the answer received so far, and its announced size when known. */
export type DownloadProgress = (received: number, total: number | null) => void;

/**
 * The server's answer to a push. The snapshot is still raw: the caller either finds it
 * identical to what it pushed, or validates it with {@link snapshotToState}.
 */
export interface PushAnswer {
  revision: number;
  report: ImportReport;
  snapshot: unknown;
  bytes: number;
}

/** The server's current snapshot. */
export interface PullAnswer {
  revision: number;
  state: TrackerState;
  bytes: number;
}

/** What "test connection" learned. */
export interface ConnectionInfo {
  /** The newest stored revision, or null when the server has none yet. */
  revision: number | null;
}

export interface SyncClient {
  push(body: string, idempotencyKey: string, onProgress?: DownloadProgress): Promise<PushAnswer>;
  pull(onProgress?: DownloadProgress): Promise<PullAnswer>;
  checkConnection(): Promise<ConnectionInfo>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
// Only the small parts are parsed here; the snapshot goes through readDataFile, which
// validates it with the shared data-file schema exactly once.
const pushHeadSchema = syncPushResultSchema.pick({ revision: true, report: true });
const pullHeadSchema = syncPullSchema.pick({ revision: true });

/** Normalizes what the user typed: an absolute http(s) URL without a trailing slash. */
export function normalizeServerUrl(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

async function readText(
  res: Response,
  onProgress?: DownloadProgress,
): Promise<{ text: string; bytes: number }> {
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!onProgress || !res.body) {
    const text = await res.text();
    return { text, bytes: new TextEncoder().encode(text).length };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
    onProgress(received, total);
  }
  return { text: text + decoder.decode(), bytes: received };
}

/** Validates a snapshot from the server with the shared data-file rules (readDataFile). */
export function snapshotToState(snapshot: unknown): TrackerState {
  const file = readDataFile(snapshot);
  if (!file.ok) {
    throw new SyncError(file.code, { details: file.details, status: 200, retryable: false });
  }
  return file.value;
}

/** A client for /api/v1/sync. Every answer is validated with the shared schemas. */
export function createSyncClient(config: SyncClientConfig): SyncClient {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function request(
    path: string,
    init: RequestInit,
    onProgress?: DownloadProgress,
  ): Promise<{ json: unknown; bytes: number }> {
    const headers = new Headers(init.headers);
    if (config.token) headers.set('Authorization', `Bearer ${config.token}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let res: Response;
      try {
        res = await doFetch(`${config.baseUrl}${path}`, {
          ...init,
          headers,
          signal: controller.signal,
        });
      } catch (error) {
        const aborted = controller.signal.aborted;
        throw unreachable(
          aborted ? 'timeout' : 'network',
          error instanceof Error ? error.message : undefined,
        );
      }
      if (!res.ok) throw await errorFromResponse(res);
      let answer: { text: string; bytes: number };
      try {
        answer = await readText(res, onProgress);
      } catch (error) {
        // The connection dropped while the answer was arriving: same as no answer.
        throw unreachable('answer_lost', error instanceof Error ? error.message : undefined);
      }
      try {
        return { json: JSON.parse(answer.text), bytes: answer.bytes };
      } catch {
        throw badResponse(res.status, path);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async push(body, idempotencyKey, onProgress) {
      const { json, bytes } = await request(
        '/api/v1/sync',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
          body,
        },
        onProgress,
      );
      const head = pushHeadSchema.safeParse(json);
      if (!head.success) throw badResponse(200, '/api/v1/sync');
      return { ...head.data, snapshot: (json as { snapshot?: unknown }).snapshot, bytes };
    },

    async pull(onProgress) {
      const { json, bytes } = await request('/api/v1/sync', { method: 'GET' }, onProgress);
      const head = pullHeadSchema.safeParse(json);
      if (!head.success) throw badResponse(200, '/api/v1/sync');
      const snapshot = (json as { snapshot?: unknown }).snapshot;
      return { revision: head.data.revision, state: snapshotToState(snapshot), bytes };
    },

    async checkConnection() {
      const { json } = await request('/api/v1/sync/revisions', { method: 'GET' });
      const list = revisionListSchema.safeParse(json);
      if (!list.success) throw badResponse(200, '/api/v1/sync/revisions');
      const newest = list.data.items.reduce<number | null>(
        (max, r) => (max === null || r.revision > max ? r.revision : max),
        null,
      );
      return { revision: newest };
    },
  };
}
