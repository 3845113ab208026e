import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { killStartedServers, startServer } from './test-support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'mpt-tls-'));
const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
const openssl = spawnSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
  ],
  { stdio: 'ignore' },
);
const haveOpenssl = openssl.status === 0;
if (!haveOpenssl) console.warn('skipped: HTTPS server test (openssl is not installed)');
const healthcheck = fileURLToPath(new URL('../scripts/healthcheck.mjs', import.meta.url));

const runHealthcheck = (env: Record<string, string>) =>
  spawnSync(process.execPath, [healthcheck], { env: { PATH: process.env.PATH ?? '', ...env } })
    .status;

afterAll(() => {
  killStartedServers();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveOpenssl)('HTTPS and the container health check', () => {
  it('serves HTTPS with TLS_CERT_FILE/TLS_KEY_FILE; the health check follows', async () => {
    const server = await startServer({
      DATA_DIR: join(dir, 'data'),
      TLS_CERT_FILE: cert,
      TLS_KEY_FILE: key,
    });
    expect(server.url).toMatch(/^https:/);
    const port = new URL(server.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/health`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    const tlsEnv = { PORT: port, TLS_CERT_FILE: cert, TLS_KEY_FILE: key };
    expect(runHealthcheck(tlsEnv)).toBe(0);
    expect(runHealthcheck({ PORT: port })).toBe(1); // plain HTTP to an HTTPS port
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(runHealthcheck(tlsEnv)).toBe(1); // nobody listening
  }, 60_000);
});

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      DATA_DIR: './data',
      IMPORT_MAX_BYTES: 50 * 1024 * 1024,
      SNAPSHOT_KEEP: 20,
      CORS_ORIGINS: [],
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).CORS_ORIGINS,
    ).toEqual(['https://a.example', 'https://b.example']);
    expect(loadConfig({ DATABASE_URL: '', SYNC_TOKEN: '' }).SYNC_TOKEN).toBeUndefined();
  });

  it('refuses bad settings with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SYNC_TOKEN: 'short' })).toThrow(/SYNC_TOKEN/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TLS_CERT_FILE: '/x.pem' })).toThrow(/TLS_KEY_FILE/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
