import { createServer as createHttpServer, type IncomingMessage, STATUS_CODES } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { DomainError } from '@mpt/shared';
import { envelope } from './errors';

type Fetch = (request: Request) => Response | Promise<Response>;

/** The JSON error envelope as a whole raw HTTP/1.1 response that closes the connection. */
export function rawErrorResponse(status: number, details: Record<string, unknown>): string {
  const body = JSON.stringify(envelope('ERR_VALIDATION', details));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Status and reason for an error Node's HTTP parser raised before any handler ran. */
function parserFailure(code: string | undefined): [number, Record<string, unknown>] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW': // headers, or a URL, over maxHeaderSize (16 KiB)
      return [431, { reason: 'headers_too_large' }];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return [413, { reason: 'chunk_extensions_too_large' }];
    case 'ERR_HTTP_REQUEST_TIMEOUT': // headersTimeout / requestTimeout
      return [408, { reason: 'request_timeout' }];
    default: // a malformed request line or header, Content-Length with Transfer-Encoding…
      return [400, { reason: 'malformed_request', parser_error: code ?? 'unknown' }];
  }
}

// After answering, a client still sending (the rest of an oversized header) would keep
// a half-open socket: it is closed for good a moment later.
const LINGER_MS = 1_000;

/**
 * Answers a parser error with the envelope when Node still allows an answer: the socket
 * is writable and no response has started on it (Node's own rule); else only closes it.
 */
function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || started?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, details] = parserFailure(error.code);
  socket.end(rawErrorResponse(status, details));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/**
 * The Node HTTP(S) server around the app's fetch handler. Requests Node or the adapter
 * refuse before the app runs still get the JSON envelope: parser errors (400, 408, 413,
 * 431), a missing or invalid Host header and other unusable targets (400), an `Expect`
 * other than 100-continue (417) and CONNECT (405). Takes the fetch handler and, for
 * HTTPS, the PEM certificate and key.
 */
export function createNodeServer(fetch: Fetch, tls?: { cert: Buffer; key: Buffer }) {
  const listener = getRequestListener(fetch, {
    // A request the adapter cannot turn into a Request (bad Host, backslash in the
    // path, no Host at all): its default is an empty 400.
    errorHandler: (error) => {
      const domain =
        error instanceof Error && error.name === 'RequestError'
          ? new DomainError('ERR_VALIDATION', { reason: 'malformed_request' })
          : new DomainError('ERR_INTERNAL');
      const status = domain.code === 'ERR_INTERNAL' ? 500 : 400;
      return Response.json(envelope(domain.code, domain.details), {
        status,
        headers: { 'Cache-Control': 'no-store', Connection: 'close' },
      });
    },
  });
  // Node itself would answer a request without Host with an empty 400; the adapter's
  // check (above) answers it with the envelope instead.
  const options = { requireHostHeader: false };
  const server = tls
    ? createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, listener)
    : createHttpServer(options, listener);
  server.on('clientError', onClientError);
  server.on('checkExpectation', (_req: IncomingMessage, res) => {
    const body = JSON.stringify(envelope('ERR_VALIDATION', { reason: 'expectation_failed' }));
    res.writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    });
    res.end(body);
  });
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.end(rawErrorResponse(405, { reason: 'method_not_allowed' }));
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
  return server;
}
