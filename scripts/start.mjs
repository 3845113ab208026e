// `npm start`: the first command of the README. Builds the PWA when pwa/dist is
// missing, then starts the sync server on embedded PGlite (./data) — or on PostgreSQL
// when DATABASE_URL is set — serving the app and the API on one port (PORT, 8080).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'pwa', 'dist', 'index.html');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (existsSync(dist)) {
  console.log('pwa/dist exists: serving it (run `npm run build -w pwa` to rebuild).');
} else {
  const pwa = JSON.parse(readFileSync(join(root, 'pwa', 'package.json'), 'utf8'));
  if (!pwa.scripts?.build || !existsSync(join(root, 'pwa', 'index.html'))) {
    console.warn('The PWA has no build yet: starting the API only (the app page explains this).');
  } else {
    console.log('Building the PWA (npm run build -w pwa)…');
    const build = spawnSync(npm, ['run', 'build', '-w', 'pwa'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.warn('The PWA build failed (see above): starting the API only.');
    }
  }
}

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
