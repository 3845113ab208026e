import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for fault tests (terminate, freeze, restart): its own
 * data folder and port on 127.0.0.1, so the shared cluster is never touched.
 */
export interface TempCluster {
  url: string;
  /** Runs SQL as the cluster's superuser on a fresh connection. */
  admin<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string): Promise<R[]>;
  /** pg_terminate_backend on every connection of the sync server; returns how many. */
  terminateServerBackends(): Promise<number>;
  /** SIGSTOP to the postmaster and all its processes (a hung or partitioned database). */
  freeze(): void;
  thaw(): void;
  /** `pg_ctl restart -m fast|immediate`; resolves when it accepts connections again. */
  restart(mode: 'fast' | 'immediate'): void;
  stop(): void;
}

/** The PostgreSQL bin folder (PG_BIN, else the newest /usr/lib/postgresql/N/bin), or null. */
export function findPgBin(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return (
    candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null
  );
}

// PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user.
function osUser(): { uid: number; gid: number; wrap: string[] } | null {
  if (process.getuid?.() !== 0) return { uid: -1, gid: -1, wrap: [] };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return null;
  return {
    uid: Number(uid.stdout),
    gid: Number(gid.stdout),
    wrap: ['runuser', '-u', 'postgres', '--'],
  };
}

/** Why fault tests cannot run here, or null when they can. */
export function clusterUnavailableReason(): string | null {
  if (!findPgBin()) return 'PostgreSQL binaries not found (install postgresql or set PG_BIN)';
  if (!osUser()) return 'running as root and there is no `postgres` user to run PostgreSQL as';
  return null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** initdb + pg_ctl start into a temporary folder; throws with the tool's output on failure. */
export async function startTempCluster(): Promise<TempCluster> {
  const bin = findPgBin() as string;
  const user = osUser() as NonNullable<ReturnType<typeof osUser>>;
  const dir = mkdtempSync(join(tmpdir(), 'mpt-pgfault-'));
  if (user.uid >= 0) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const tool = (name: string, args: string[]) => {
    const [cmd, ...rest] = [...user.wrap, join(bin, name), ...args];
    const r = spawnSync(cmd as string, rest, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${name} failed: ${r.stdout}\n${r.stderr}`);
  };
  tool('initdb', ['-D', data, '-U', 'mpt_fault', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const pgCtl = (...args: string[]) =>
    tool('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', ...args]);
  pgCtl('start');
  const url = `postgres://mpt_fault@127.0.0.1:${port}/postgres`;

  const processes = () => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return (
            readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] ===
            String(postmaster)
          );
        } catch {
          return false;
        }
      })
      .map(Number);
    return [postmaster, ...children];
  };
  const admin = async <R extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  let frozen: number[] = [];
  const thaw = () => {
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    frozen = [];
  };
  return {
    url,
    admin,
    async terminateServerBackends() {
      const rows = await admin<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE application_name = 'mpt-sync-server'`,
      );
      return rows[0]?.n ?? 0;
    },
    freeze() {
      frozen = processes();
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    },
    thaw,
    restart(mode) {
      pgCtl('restart', '-m', mode);
    },
    stop() {
      thaw();
      try {
        pgCtl('stop', '-m', 'immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
