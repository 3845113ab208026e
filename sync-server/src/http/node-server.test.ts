import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { Store } from '../store/store';
import { testConfig } from '../test-support/test-app';
import { createLogger } from './logger';
import { createNodeServer } from './node-server';

/** Sends raw bytes on a fresh connection; returns the status and the parsed body. */
function raw(
  port: number,
  bytes: string,
): Promise<{ status: number; body: unknown; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the whole answer arrived still counts as that answer.
      if (chunks.length === 0) reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString();
      const [head = '', body = ''] = text.split('\r\n\r\n');
      let parsed: unknown = body;
      try {
        parsed = JSON.parse(body);
      } catch {}
      resolve({ status: Number(head.split(' ')[1]), body: parsed, head });
    });
    socket.write(bytes);
  });
}

const envelopeOf = (reason: string) => ({
  error: expect.objectContaining({
    code: 'ERR_VALIDATION',
    details: expect.objectContaining({ reason }),
  }),
});

/** Each request, on its own connection, is answered `status` with the envelope of `reason`. */
async function expectRefused(port: number, requests: string[], status: number, reason: string) {
  for (const request of requests) {
    const res = await raw(port, request);
    expect([JSON.stringify(request), res.status, res.body]).toEqual([
      JSON.stringify(request),
      status,
      envelopeOf(reason),
    ]);
  }
}

describe('requests refused before the app runs get the JSON envelope', () => {
  const store = { ping: async () => {} } as unknown as Store;
  const app = createApp({ store, logger: createLogger('silent'), config: testConfig() });
  const server = createNodeServer(app.fetch);
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('serves a well-formed request as before', async () => {
    const res = await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect([res.status, res.body]).toEqual([200, { status: 'ok' }]);
  });

  it('431 for a header or a URL over 16 KiB', async () => {
    const header = await raw(
      port,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect([header.status, header.body]).toEqual([431, envelopeOf('headers_too_large')]);
    expect(header.head).toMatch(/content-type: application\/json/i);
    const url = await raw(port, `GET /${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect([url.status, url.body]).toEqual([431, envelopeOf('headers_too_large')]);
  });

  it('400 for a malformed request line', async () => {
    await expectRefused(
      port,
      ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 'GET  HTTP/1.1\r\n\r\n'],
      400,
      'malformed_request',
    );
  });

  it('400 for Content-Length with Transfer-Encoding, a bad header name or chunk', async () => {
    await expectRefused(
      port,
      [
        'POST /api/v1/types HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        'GET /health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n',
        'POST /api/v1/types HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ],
      400,
      'malformed_request',
    );
  });

  it('400 for a missing or unusable Host and a backslash path (refused by the adapter)', async () => {
    await expectRefused(
      port,
      [
        'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n',
        'GET /health HTTP/1.1\r\nHost: a/b\r\nConnection: close\r\n\r\n',
        'GET /\\evil HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ],
      400,
      'malformed_request',
    );
  });

  it('417 for an Expect other than 100-continue, 405 for CONNECT', async () => {
    const expectation = await raw(port, 'GET /health HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n');
    expect([expectation.status, expectation.body]).toEqual([417, envelopeOf('expectation_failed')]);
    const tunnel = await raw(
      port,
      'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n',
    );
    expect([tunnel.status, tunnel.body]).toEqual([405, envelopeOf('method_not_allowed')]);
  });
});

it('408 in the envelope when the headers do not arrive within headersTimeout', async () => {
  const server = createNodeServer(() => new Response('never'));
  // Node's defaults (60 s, checked every 30 s), shortened for the test.
  server.headersTimeout = 300;
  server.requestTimeout = 600;
  Object.assign(server, { connectionsCheckingInterval: 100 }); // read when it listens
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await raw((server.address() as AddressInfo).port, 'GET / HTTP/1.1\r\nHost: x\r\n');
    expect([res.status, res.body]).toEqual([408, envelopeOf('request_timeout')]);
  } finally {
    server.close();
  }
});
