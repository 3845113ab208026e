import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DataFile, readDataFile, type TrackerState } from '@mpt/shared';
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseKind, OpenedDatabase } from './databases';
import { freshPgliteDir } from './pglite-template';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const entry = fileURLToPath(new URL('../server.ts', import.meta.url));

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** Kills every server this test file started that is still running (after a failure). */
export function killStartedServers(): void {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  started.clear();
}

/** Starts the real server (node + tsx) as a child process and waits (up to `startMs`) for its URL. */
export async function startServer(
  env: Record<string, string>,
  startMs = 30_000,
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      STATIC_DIR: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left running after the caller gave up on it
      reject(new Error(`server did not start:\n${out}`));
    }, startMs);
    const check = () => {
      const match = /running at (https?:\/\/[^\s]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}

/**
 * The environment a server process runs against for one database kind: a fresh
 * PostgreSQL schema (DATABASE_URL) or a PGlite folder just past initdb (DATA_DIR), made before the
 * suite and removed after it, with every server the suite started killed. Call inside a
 * describe; read the returned getter inside tests.
 */
export function useServerEnv(kind: DatabaseKind, prefix: string): () => Record<string, string> {
  let env: Record<string, string> = {};
  let opened: OpenedDatabase | null = null;
  let dir = '';
  beforeAll(async () => {
    if (kind.name === 'postgres') {
      opened = await kind.open();
      env = { DATABASE_URL: opened.url! };
    } else {
      dir = freshPgliteDir(prefix);
      env = { DATA_DIR: dir };
    }
  });
  afterAll(async () => {
    killStartedServers();
    await opened?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => env;
}

/** GET /api/v1/export of a running server. */
export const fetchExport = async (url: string): Promise<DataFile> =>
  (await (await fetch(`${url}/api/v1/export`)).json()) as DataFile;

/** An export as comparable text: everything but the time it was made. */
export const normalizeExport = (file: DataFile): string =>
  JSON.stringify({ ...file, exported_at: '' });

/** An export read back as a state (throws the code when it does not read). */
export const stateOfExport = (file: DataFile): TrackerState => {
  const r = readDataFile(file);
  if (!r.ok) throw new Error(r.code);
  return r.value;
};
