import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const linux = existsSync('/proc/self/stat');
if (!linux)
  console.warn('skipped: `npm start` signal test (needs /proc to follow the process tree)');

/** Every process below `pid` (children, grandchildren…), read from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {} // gone meanwhile
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

describe.skipIf(!linux)('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mpt-npm-start-'));
  const leftovers: number[] = [];
  afterAll(() => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM to the npm process alone: the server shuts down gracefully, no process is left', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        STATIC_DIR: '/nonexistent', // no PWA build in this test
        LOG_LEVEL: 'info',
        RATE_LIMIT_MAX: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d) => {
      out += String(d);
    });
    npm.stderr.on('data', (d) => {
      out += String(d);
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not start:\n${out}`)), 60_000);
      npm.stdout.on('data', () => {
        const match = /running at https?:\/\/[^:]+:(\d+)\//.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    const tree = descendants(npm.pid as number);
    leftovers.push(...tree);
    expect(tree.length).toBeGreaterThan(0);

    npm.kill('SIGTERM'); // npm only: not its process group, as many supervisors do
    const deadline = Date.now() + 20_000;
    while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(tree.filter(alive), out).toEqual([]);
    expect(await portOpen(port)).toBe(false);
    // The server ran its graceful shutdown (database closed), not a kill.
    expect(out).toContain('"msg":"stopped"');
  }, 90_000);
});
