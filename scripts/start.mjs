// `npm start`: the first command of the README. Builds the PWA when pwa/dist is
// missing or older than its sources (scripts/pwa-build.mjs), then starts the sync
// server on embedded PGlite (./data) — or on PostgreSQL when DATABASE_URL is set —
// serving the app and the API on one port (PORT, 8080).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparePwaForStart } from './pwa-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await preparePwaForStart();

const server = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'sync-server', 'src', 'server.ts')],
  { cwd: root, stdio: 'inherit', env: process.env },
);
// Pass Ctrl+C and `docker stop`-style signals on, so the server shuts down gracefully.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
