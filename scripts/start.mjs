// `npm start`: the first command of the README. Builds the PWA when pwa/dist is
// missing or older than its sources (scripts/pwa-build.mjs; not when STATIC_DIR names
// another build), then runs the sync server in this process on embedded PGlite (./data)
// — or on PostgreSQL when DATABASE_URL is set — serving the app and the API on one port
// (PORT, 8080).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { preparePwaForStart } from './pwa-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.STATIC_DIR) {
  console.log(`STATIC_DIR is set: serving ${process.env.STATIC_DIR} as it is.`);
} else {
  await preparePwaForStart();
}

// npm runs this script through `sh -c`. A supervisor's SIGTERM to npm alone reaches that
// shell, which dies without passing it on: this process is left behind, re-parented.
// Noticing the new parent, it stops as if it had the signal itself (graceful shutdown).
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) {
    clearInterval(watch);
    console.log('The process that started the server has exited: shutting down.');
    process.kill(process.pid, 'SIGTERM');
  }
}, 500);
watch.unref();

// In this process (no second Node process to keep in memory or to pass signals to):
// the server's own SIGTERM/SIGINT handlers answer what was received, then exit.
register();
const server = await import(pathToFileURL(join(root, 'sync-server', 'src', 'server.ts')).href);
server.run(process.env);
