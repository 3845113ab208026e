import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { freshPgliteDir } from '../../sync-server/src/test-support/pglite-template';
import { builtPwaDir } from './build';
import { repoRoot } from './paths';

/** A running sync server (which also serves pwa/dist) and how to stop it. */
export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Options for {@link startServer}. */
export interface StartServerOptions {
  /** PGlite folder; a fresh temporary one (removed on stop) when omitted. */
  dataDir?: string;
  /** The built app to serve; by default the copy ensurePwaBuilt() made, else pwa/dist. */
  staticDir?: string;
  /** Extra environment, e.g. SYNC_TOKEN or DATABASE_URL. */
  env?: Record<string, string>;
  /** How long to wait for /health to answer 200. */
  timeoutMs?: number;
  /** The port, e.g. a restarted server's own; a free one when omitted. */
  port?: number;
}

/** Asks the OS for a free loopback port (bind to 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Spawns the real server (`node --import tsx sync-server/src/server.ts`) on a free
 * port of 127.0.0.1 with its own DATA_DIR, and resolves once GET /health answers 200.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? freshPgliteDir('mpt-e2e-data-');
  const staticDir = options.staticDir ?? builtPwaDir();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/server.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...(staticDir ? { STATIC_DIR: staticDir } : {}),
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail of the output: it is the only clue when the server fails to start.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  // A first start creates the embedded database: up to a minute on a busy 2-core machine.
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return { url, dataDir, stop };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`the sync server did not become healthy at ${url}/health:\n${output}`);
}
