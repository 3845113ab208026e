import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsDir, repoRoot } from './paths';

const distDir = join(repoRoot, 'pwa', 'dist');
const distIndex = join(distDir, 'index.html');
// Everything that ends up in the bundle: the app, its build config and the domain core.
const sources = [
  join(repoRoot, 'pwa', 'src'),
  join(repoRoot, 'pwa', 'public'),
  join(repoRoot, 'pwa', 'index.html'),
  join(repoRoot, 'pwa', 'vite.config.ts'),
  join(repoRoot, 'shared', 'src'),
];
// A directory lock: mkdir is atomic, so two test files (or a bench and a test) that
// both find the build stale do not run vite into the same dist at once.
const lockDir = join(artifactsDir, '.pwa-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(distIndex)) return false;
  const built = statSync(distIndex).mtimeMs;
  return sources.every((s) => newestMtime(s) <= built);
}

function tryLock(): boolean {
  try {
    mkdirSync(artifactsDir, { recursive: true });
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a killed run must not block every later run forever.
    if (Date.now() - statSync(lockDir).mtimeMs > STALE_LOCK_MS) {
      rmSync(lockDir, { recursive: true, force: true });
      return tryLock();
    }
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let once: Promise<string> | undefined;
let snapshot: string | undefined;

/**
 * Builds the PWA (`npm run build -w pwa`) when pwa/dist is missing or older than its
 * sources, then copies it to a private temporary folder and resolves to that folder.
 * Safe to call from every test file and from several processes at once. The copy
 * keeps a run's server from ever seeing a half-written dist while someone rebuilds
 * (vite empties dist first and workbox writes sw.js last).
 */
export function ensurePwaBuilt(): Promise<string> {
  once ??= build().then(takeSnapshot);
  return once;
}

/** The folder {@link ensurePwaBuilt} copied the build to, once it has. */
export function builtPwaDir(): string | undefined {
  return snapshot;
}

/** True when every file index.html and the service worker's precache list name is there. */
function isComplete(dir: string): boolean {
  const index = join(dir, 'index.html');
  const sw = join(dir, 'sw.js');
  if (!existsSync(index) || !existsSync(sw)) return false;
  const html = readFileSync(index, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1] ?? '');
  const precached = [...readFileSync(sw, 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? '');
  return [...refs, ...precached].every((f) => existsSync(join(dir, f.split('?')[0] ?? f)));
}

async function takeSnapshot(): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const dir = mkdtempSync(join(tmpdir(), 'mpt-e2e-dist-'));
    try {
      cpSync(distDir, dir, { recursive: true });
    } catch {
      // a rebuild removed files while we copied; try again
    }
    if (isComplete(dir)) {
      snapshot = dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      return dir;
    }
    rmSync(dir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`${distDir} stayed incomplete for 2 minutes`);
    await sleep(500);
  }
}

async function build(): Promise<void> {
  for (;;) {
    if (isFresh()) return;
    if (tryLock()) break;
    await sleep(500);
  }
  try {
    if (isFresh()) return;
    const run = spawnSync('npm', ['run', 'build', '-w', 'pwa'], {
      cwd: repoRoot,
      // vitest sets NODE_ENV=test, and vite then builds with import.meta.env.PROD false:
      // an app that never registers its service worker.
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (run.status !== 0) {
      throw new Error(`npm run build -w pwa failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    if (!existsSync(distIndex)) throw new Error(`the PWA build did not write ${distIndex}`);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
