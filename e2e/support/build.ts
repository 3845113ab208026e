import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePwaBuild } from '../../scripts/pwa-build.mjs';
import { repoRoot } from './paths';

const distDir = join(repoRoot, 'pwa', 'dist');

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
  // The same freshness rule and build lock as `npm start` (scripts/pwa-build.mjs).
  once ??= ensurePwaBuild().then(takeSnapshot);
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
