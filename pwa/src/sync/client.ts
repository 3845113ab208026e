import {
  type ClockRefusal,
  type ImportReport,
  type RevisionInfo,
  readChanges,
  readDataFile,
  revisionListSchema,
  syncChangesResultSchema,
  syncPullSchema,
  type TrackerState,
} from '@mpt/shared';
import { answersNoCors, originOf } from './cors-probe';
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
  /**
   * The origin that served the app (location.origin). A request to another origin that
   * gets no answer is followed by a probe that tells a CORS refusal from a dead server.
   */
  appOrigin?: string;
  /** How long that probe may take before the server counts as not answering. */
  probeTimeoutMs?: number;
}

/** Bytes of the answer received so far, and its announced size when known. */
export type DownloadProgress = (received: number, total: number | null) => void;

/** The server's answer to a delta push; `changes` is still raw (see readChanges). */
export interface ChangesAnswer {
  cursor: string;
  server_time: string;
  full: boolean;
  report: ImportReport;
  refused: ClockRefusal | null;
  changes: unknown;
  /** Device clock (epoch ms) when the request left and when the answer was read. */
  sentAt: number;
  receivedAt: number;
  /** Bytes of the answer on the wire (compressed when it came gzip). */
  bytes: number;
}

/** One delta push as sent: the body (gzip when `gzip`), its key and this device's name. */
export interface ChangesRequest {
  body: Uint8Array<ArrayBuffer> | string;
  gzip: boolean;
  key: string;
  device: string;
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
  pushChanges(request: ChangesRequest, onProgress?: DownloadProgress): Promise<ChangesAnswer>;
  pull(onProgress?: DownloadProgress): Promise<PullAnswer>;
  /** The server's stored backup revisions, newest first. */
  revisions(): Promise<RevisionInfo[]>;
  /** One stored revision's state. */
  revision(revision: number, onProgress?: DownloadProgress): Promise<TrackerState>;
  checkConnection(): Promise<ConnectionInfo>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_PROBE_TIMEOUT_MS = 5_000;
// Only the small parts are parsed here; the snapshot or the changes go through
// readDataFile or readChanges, which validate them with the shared schema exactly once.
const changesHeadSchema = syncChangesResultSchema.omit({ changes: true });
const pullHeadSchema = syncPullSchema.pick({ revision: true });

/**
 * Normalizes what the user typed into the server's base address: an absolute http(s)
 * URL without a trailing slash, or null. What is plainly not part of it is dropped, as
 * a hobbyist pastes it: the app's own address with its `#/settings` (a hash, a query),
 * an `index.html`, or the API's `/api/v1` that the client adds itself (review: those
 * gave "not found at /api/v1/api/v1/…" or "enter a full address"). A sub-path stays (a
 * server behind a proxy at /tracker). A user name or password in it is refused: the
 * token goes in its own field.
 */
export function normalizeServerUrl(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password) return null;
    const path = url.pathname
      .replace(/\/index\.html?$/i, '')
      .replace(/\/+$/, '')
      .replace(/\/api\/v1$/i, '');
    return `${url.origin}${path}`;
  } catch {
    return null;
  }
}

/**
 * What the address field keeps of what the user typed: the text trimmed, with a scheme
 * put in front when it has none ("192.168.1.20:8080" → "http://192.168.1.20:8080"),
 * the app's own (`appProtocol`, "http:" or "https:": a page opened over https can only
 * call an https server). Shown in the field, so the assumption is visible. Anything
 * else is left to normalizeServerUrl to accept or refuse.
 */
export function completeServerUrl(raw: string, appProtocol: string): string {
  const text = raw.trim();
  if (text === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  return `${appProtocol === 'https:' ? 'https:' : 'http:'}//${text}`;
}

/** Why an address is refused: a user name or password in it, or not an http(s) URL. */
export function serverUrlProblem(raw: string): 'credentials' | 'invalid' | null {
  if (raw.trim() === '' || normalizeServerUrl(raw) !== null) return null;
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && (url.username || url.password))
      return 'credentials';
  } catch {}
  return 'invalid';
}

/** A positive number from a header, or null. */
function sizeHeader(res: Response, name: string): number | null {
  const value = Number(res.headers.get(name));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * The answer's text. `bytes` is its size on the wire: Content-Length when the server
 * sent one (the compressed size when it came gzip), else the text's size. Progress is
 * told on the same scale, as the transfer line after the sync counts it (newcomer
 * review: "29.8 MB" while receiving, "6.5 MB" after): the browser hands over the text
 * unpacked, so a gzip answer's share received (of X-Uncompressed-Length) is told of its
 * Content-Length; without both, the text as it arrives, against no total.
 */
async function readText(
  res: Response,
  onProgress?: DownloadProgress,
): Promise<{ text: string; bytes: number }> {
  const wire = sizeHeader(res, 'content-length');
  const unpacked = res.headers.get('content-encoding')
    ? sizeHeader(res, 'x-uncompressed-length')
    : wire;
  const scale = wire !== null && unpacked !== null ? wire / unpacked : null;
  const total = scale === null ? null : wire;
  if (!onProgress || !res.body) {
    const text = await res.text();
    return { text, bytes: wire ?? new TextEncoder().encode(text).length };
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
    onProgress(scale === null ? received : Math.min(Math.round(received * scale), total!), total);
  }
  return { text: text + decoder.decode(), bytes: wire ?? received };
}

/** Validates a snapshot from the server with the shared data-file rules (readDataFile). */
export function snapshotToState(snapshot: unknown): TrackerState {
  const file = readDataFile(snapshot);
  if (!file.ok) {
    throw new SyncError(file.code, { details: file.details, status: 200, retryable: false });
  }
  return file.value;
}

/** Validates the server's changes with the shared data-file rules for fragments (readChanges). */
export function changesToState(changes: unknown): TrackerState {
  const read = readChanges(changes);
  if (!read.ok) {
    throw new SyncError(read.code, { details: read.details, status: 200, retryable: false });
  }
  return read.value;
}

/** A client for /api/v1/sync. Every answer is validated with the shared schemas. */
export function createSyncClient(config: SyncClientConfig): SyncClient {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const appOrigin = config.appOrigin === undefined ? null : originOf(config.appOrigin);
  // Only a request to another origin than the app's is subject to CORS.
  const crossOrigin = appOrigin !== null && originOf(config.baseUrl) !== appOrigin;

  /**
   * Why a request got no answer: 'timeout' when it was abandoned; 'cors' (with the app's
   * origin, for the text) when the server answers a no-cors probe, so it is up but does
   * not list this app in CORS_ORIGINS; else 'network'.
   */
  async function noAnswer(error: unknown, aborted: boolean) {
    const message = error instanceof Error ? error.message : undefined;
    if (aborted) return unreachable('timeout', message);
    const probeMs = config.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    if (crossOrigin && (await answersNoCors(doFetch, config.baseUrl, probeMs))) {
      return unreachable('cors', message, { origin: appOrigin });
    }
    return unreachable('network', message);
  }

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
        throw await noAnswer(error, controller.signal.aborted);
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
    async pushChanges(req, onProgress) {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Idempotency-Key': req.key,
        'X-Device': req.device,
      };
      if (req.gzip) headers['Content-Encoding'] = 'gzip';
      const sentAt = Date.now();
      const { json, bytes } = await request(
        '/api/v1/sync/changes',
        { method: 'POST', headers, body: req.body },
        onProgress,
      );
      const receivedAt = Date.now();
      const head = changesHeadSchema.safeParse(json);
      if (!head.success) throw badResponse(200, '/api/v1/sync/changes');
      const changes = (json as { changes?: unknown }).changes;
      return { ...head.data, changes, sentAt, receivedAt, bytes };
    },

    async pull(onProgress) {
      const { json, bytes } = await request('/api/v1/sync', { method: 'GET' }, onProgress);
      const head = pullHeadSchema.safeParse(json);
      if (!head.success) throw badResponse(200, '/api/v1/sync');
      const snapshot = (json as { snapshot?: unknown }).snapshot;
      return { revision: head.data.revision, state: snapshotToState(snapshot), bytes };
    },

    async revisions() {
      const { json } = await request('/api/v1/sync/revisions', { method: 'GET' });
      const list = revisionListSchema.safeParse(json);
      if (!list.success) throw badResponse(200, '/api/v1/sync/revisions');
      return list.data.items;
    },

    async revision(revision, onProgress) {
      const path = `/api/v1/sync/revisions/${revision}`;
      const { json } = await request(path, { method: 'GET' }, onProgress);
      if (!pullHeadSchema.safeParse(json).success) throw badResponse(200, path);
      return snapshotToState((json as { snapshot?: unknown }).snapshot);
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
