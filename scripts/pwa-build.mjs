// When pwa/dist is out of date and how it is rebuilt: one rule for `npm start`
// (scripts/start.mjs) and the browser tests and benchmarks (e2e/support/build.ts).
// The build is stale when any file that goes into the bundle is newer than
// pwa/dist/index.html, which vite writes on every build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distIndexOf = (base) => join(base, 'pwa', 'dist', 'index.html');
const distIndex = distIndexOf(root);

/** What ends up in the bundle, relative to the repository: app, build config, deps, domain core. */
export const PWA_SOURCES = [
  'pwa/src',
  'pwa/public',
  'pwa/index.html',
  'pwa/vite.config.ts',
  'pwa/package.json',
  'package-lock.json',
  'shared/src',
];

// Tests sit beside the code but never reach the bundle: editing one needs no rebuild.
const isTest = (name) => /\.test\.tsx?$/.test(name);

/**
 * The newest modification time (ms) under `path` (a file or a folder, recursively),
 * and which file has it; `{ ms: 0 }` when the path does not exist.
 */
export function newestMtime(path) {
  if (!existsSync(path)) return { ms: 0, file: null };
  const st = statSync(path);
  if (!st.isDirectory()) return { ms: st.mtimeMs, file: path };
  let newest = { ms: st.mtimeMs, file: path };
  for (const entry of readdirSync(path)) {
    if (isTest(entry)) continue;
    const inner = newestMtime(join(path, entry));
    if (inner.ms > newest.ms) newest = inner;
  }
  return newest;
}

/**
 * Whether pwa/dist can be served as it is: 'fresh', 'missing' (never built) or 'stale'
 * (with `newer`: a source file, relative to the repository, changed after the build).
 * `base` is the repository root (another one in tests).
 */
export function pwaBuildState(base = root) {
  const index = distIndexOf(base);
  if (!existsSync(index)) return { state: 'missing' };
  const built = statSync(index).mtimeMs;
  for (const source of PWA_SOURCES) {
    const newest = newestMtime(join(base, source));
    if (newest.ms > built) return { state: 'stale', newer: relative(base, newest.file) };
  }
  return { state: 'fresh' };
}

// A directory lock: mkdir is atomic, so `npm start`, a test file and a benchmark that
// all find the build stale never run vite into the same dist at once.
const lockDir = join(root, 'node_modules', '.cache', 'mpt-pwa-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

function tryLock() {
  try {
    mkdirSync(dirname(lockDir), { recursive: true });
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a killed run must not block every later run forever.
    if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > STALE_LOCK_MS) {
      rmSync(lockDir, { recursive: true, force: true });
      return tryLock();
    }
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the PWA (`npm run build -w pwa`, NODE_ENV=production) when pwa/dist is missing
 * or stale, under the lock; waits when someone else is building. Resolves to 'fresh'
 * (nothing to do) or 'built'; rejects with the build's output when it fails.
 * `onBuild(state)` is called just before a build starts (to say why).
 */
export async function ensurePwaBuild({ onBuild = () => {}, stdio = 'pipe' } = {}) {
  for (;;) {
    if (pwaBuildState().state === 'fresh') return 'fresh';
    if (tryLock()) break;
    await sleep(500);
  }
  try {
    const state = pwaBuildState();
    if (state.state === 'fresh') return 'fresh';
    onBuild(state);
    const run = spawnSync(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      ['run', 'build', '-w', 'pwa'],
      {
        cwd: root,
        // vitest sets NODE_ENV=test, and vite then builds with import.meta.env.PROD false.
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
        stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      },
    );
    if (run.status !== 0) {
      throw new Error(
        `npm run build -w pwa failed (${run.status}):\n${run.stdout ?? ''}\n${run.stderr ?? ''}`,
      );
    }
    if (!existsSync(distIndex)) throw new Error(`the PWA build did not write ${distIndex}`);
    return 'built';
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * What `npm start` does before it serves the app: rebuild when the build is missing or
 * older than its sources, saying why; when the build fails, warn and serve the API
 * alone (the server's page explains that the app is not built) rather than not start.
 */
export async function preparePwaForStart(log = console) {
  if (!existsSync(join(root, 'pwa', 'index.html'))) {
    log.warn('The PWA sources are missing: starting the API only.');
    return;
  }
  try {
    const result = await ensurePwaBuild({
      stdio: 'inherit',
      onBuild: (s) =>
        log.log(
          s.state === 'missing'
            ? 'Building the PWA (npm run build -w pwa)…'
            : `Rebuilding the PWA: ${s.newer} changed after the last build…`,
        ),
    });
    if (result === 'fresh') log.log('pwa/dist is up to date with its sources: serving it.');
  } catch {
    log.warn('The PWA build failed (see above): starting the API only.');
  }
}
