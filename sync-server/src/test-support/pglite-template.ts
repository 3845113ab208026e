import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_SHARED_BUFFERS_MB, pgliteStartParams } from '../store/pglite-database';

const initdbScript = fileURLToPath(new URL('../store/pglite-initdb.mjs', import.meta.url));
// Its package.json is not among the package's exports: found beside its entry point.
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteVersion = (
  JSON.parse(readFileSync(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * A PGlite folder just after initdb, before any migration: the same for every test of
 * a PGlite version, and the costly part of a first start (~5 s on 2 cores). Made once
 * per machine and version, and put in place by an atomic rename so that test processes
 * starting together never see half of one.
 */
function initdbTemplate(): string {
  const startParams = pgliteStartParams(PGLITE_SHARED_BUFFERS_MB);
  const key = `mpt-pglite-initdb-${pgliteVersion}-${PGLITE_SHARED_BUFFERS_MB}mb`;
  const template = join(tmpdir(), key);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), `${key}.building-`));
  execFileSync(process.execPath, [
    '--liftoff-only',
    initdbScript,
    building,
    JSON.stringify(startParams),
  ]);
  try {
    renameSync(building, template);
  } catch {
    // Another process finished first: use theirs.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/**
 * A new PGlite DATA_DIR under the system temp folder (prefix as for mkdtemp) holding a
 * copy of the initdb template: the server starting on it runs every migration itself,
 * so each copy still gets its own server_id (migration 004). For tests whose subject is
 * not the first start; a test of that starts on an empty folder.
 */
export function freshPgliteDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(initdbTemplate(), dir, { recursive: true });
  return dir;
}

/**
 * The same state for an in-memory PGlite: a tarball of its data folder just after
 * initdb (PGlite's dumpDataDir), made once per machine and version, to pass as
 * `loadDataDir` (~1.5 s to start instead of ~5 s).
 */
export async function initdbDump(): Promise<Blob> {
  const file = join(tmpdir(), `mpt-pglite-initdb-${pgliteVersion}.tar`);
  if (!existsSync(file)) {
    const fresh = new PGlite();
    await fresh.waitReady;
    const dump = await fresh.dumpDataDir('none');
    await fresh.close();
    const building = `${file}.${process.pid}`;
    writeFileSync(building, Buffer.from(await dump.arrayBuffer()));
    renameSync(building, file);
  }
  return new Blob([readFileSync(file)]);
}
