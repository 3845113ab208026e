import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { type AddressInfo, connect, Server as NetServer, type Socket } from 'node:net';

export interface ShutdownOptions {
  /** The bound on the whole shutdown: then every connection still open is closed (ms). */
  timeoutMs: number;
}

// A connection that has sent nothing yet gets this long (and at least one more turn of
// the event loop, so bytes already in the kernel are read) before it is closed.
const FIRST_REQUEST_MS = 1_000;
const CHECK_MS = 100;

interface Tracked {
  since: number;
  requests: number;
  active: number;
  bytesRead: number;
  suspect: boolean;
}

/**
 * Resolves once every connection queued in the kernel before this call was accepted:
 * the listen queue is first in, first out, so a connection this process opens to itself
 * comes out after them. Closing the listener earlier would reset them (ECONNRESET).
 */
function acceptBacklog(server: NetServer, limitMs: number): Promise<void> {
  const address = server.address() as AddressInfo | null;
  if (!address) return Promise.resolve();
  const wildcard: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };
  const host = wildcard[address.address] ?? address.address;
  return new Promise((resolve) => {
    const probe = connect({ host, port: address.port });
    const done = () => {
      clearTimeout(timer);
      server.off('connection', onConnection);
      probe.destroy();
      resolve();
    };
    const onConnection = (socket: Socket) => {
      if (socket.remotePort === probe.localPort && socket.localPort === address.port) {
        socket.destroy();
        done();
      }
    };
    const timer = setTimeout(done, limitMs);
    server.on('connection', onConnection);
    probe.on('error', done);
  });
}

/**
 * Graceful stop for an HTTP(S) server; call at creation, it tracks every connection.
 * Returns `close(timeoutMs)`: every request that reached the machine gets its answer,
 * within `timeoutMs`. Each response from then on closes its connection; the connections
 * waiting in the kernel's listen queue are accepted, then the listener closes;
 * connections are closed once idle (a kept-alive one between requests, or one that sent
 * nothing). `close` resolves `true` when the bound was reached and the connections still
 * open were closed, `false` when all ended by themselves.
 */
export function gracefulClose(server: HttpServer | HttpsServer) {
  const sockets = new Map<Socket, Tracked>();
  let closing = false;
  const track = (socket: Socket) => {
    const state = {
      since: performance.now(),
      requests: 0,
      active: 0,
      bytesRead: -1,
      suspect: false,
    };
    sockets.set(socket, state);
    socket.once('close', () => sockets.delete(socket));
    return state;
  };
  // TLS: the HTTP requests run on the TLS socket, not on the raw one.
  server.on('setSecureContext' in server ? 'secureConnection' : 'connection', track);
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
    const state = sockets.get(req.socket) ?? track(req.socket);
    state.requests++;
    state.active++;
    res.once('close', () => {
      state.active--;
    });
  });

  return async ({ timeoutMs }: ShutdownOptions): Promise<boolean> => {
    closing = true;
    const started = performance.now();
    let forced = false;
    const closed = new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        forced = true;
        server.closeAllConnections();
        for (const socket of sockets.keys()) socket.destroy();
      }, timeoutMs);
      force.unref();
      server.once('close', () => {
        clearTimeout(force);
        resolve();
      });
    });
    await acceptBacklog(server, Math.max(0, timeoutMs - (performance.now() - started)));
    // net.Server's close: http.Server's own would also destroy at once the accepted
    // connections whose request has not been read yet, the race this avoids.
    NetServer.prototype.close.call(server);
    closeIdle(sockets);
    const sweep = setInterval(() => closeIdle(sockets), CHECK_MS);
    await closed;
    clearInterval(sweep);
    return forced;
  };
}

/**
 * Closes the connections with nothing to answer. A connection counts as idle only when
 * a sweep finds it with no request running and no byte read since the sweep before
 * (one turn of the event loop at least): bytes already in the kernel get read first.
 */
function closeIdle(sockets: Map<Socket, Tracked>): void {
  const now = performance.now();
  for (const [socket, state] of sockets) {
    if (state.active > 0 || socket.bytesRead !== state.bytesRead) {
      state.bytesRead = socket.bytesRead;
      state.suspect = false;
    } else if (!state.suspect) {
      state.suspect = true;
    } else if (state.requests > 0 || now - state.since >= FIRST_REQUEST_MS) {
      socket.destroy();
    }
  }
}
