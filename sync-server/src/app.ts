import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono } from '@hono/zod-openapi';
import { DomainError } from '@mpt/shared';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { matchedRoutes } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';
import { bearerAuth } from './http/auth';
import { type BackupScheduler, createBackupScheduler } from './http/backup-scheduler';
import { renderError, toDomainError } from './http/errors';
import type { Logger } from './http/logger';
import { Metrics } from './http/metrics';
import { rateLimit } from './http/rate-limit';
import { armiesRoutes } from './routes/armies';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { historyRoutes } from './routes/history';
import { staticRoutes } from './routes/static';
import { syncRoutes } from './routes/sync';
import { syncChangesRoutes } from './routes/sync-changes';
import { transferRoutes } from './routes/transfer';
import { typesRoutes } from './routes/types';
import type { Store } from './store/store';

export type AppConfig = Pick<
  Config,
  | 'CORS_ORIGINS'
  | 'SYNC_TOKEN'
  | 'IMPORT_MAX_BYTES'
  | 'BODY_MAX_BYTES'
  | 'RATE_LIMIT_MAX'
  | 'RATE_LIMIT_WINDOW_MS'
  | 'STATIC_DIR'
>;

/** Per-request values the middleware share. */
export type AppEnv = { Variables: { requestId: string; route?: string; errorCode?: string } };

export interface AppDeps {
  store: Store;
  config: AppConfig;
  logger: Logger;
  metrics?: Metrics;
  /** Backup revisions after changes; null turns them off (tests); default: the store's writer. */
  backups?: BackupScheduler | null;
}

export const API_BASE = '/api/v1';
const isPublicApiPath = (path: string) =>
  /^\/api\/v1\/(openapi\.json|docs(\/app\.js)?)$/.test(path);

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // app.request() in tests has no socket
  }
}

/** The whole HTTP application: API v1, health, metrics, docs and the built PWA. */
export function createApp(deps: AppDeps) {
  const { store, config, logger } = deps;
  const metrics = deps.metrics ?? new Metrics();
  const backups =
    deps.backups === undefined
      ? createBackupScheduler(
          () => store.writeBackupRevision(),
          (error) => logger.error({ err: { message: String(error) } }, 'backup revision failed'),
        )
      : deps.backups;
  const app = new Hono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    // The first handler's pattern (middleware is registered for ALL methods; the static
    // catch-all comes last), never the raw path.
    const handler = matchedRoutes(c).find((r) => r.method !== 'ALL');
    const route = c.get('route') ?? handler?.path ?? 'unmatched';
    metrics.observeRequest(c.req.method, route, c.res.status, seconds);
    const line = {
      request_id: c.get('requestId'),
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 10_000) / 10,
      ...(c.get('errorCode') ? { error: c.get('errorCode') } : {}),
    };
    if (c.res.status >= 500) logger.error(line, 'request failed');
    else if (route === '/health' || route === '/metrics') logger.debug(line, 'probe');
    else logger.info(line, 'request');
  });
  // An app at another origin that this server does not list in CORS_ORIGINS cannot read
  // its answers; its no-cors probe of /health tells "refused" from "nothing answers" (PWA
  // sync/client.ts). Cross-Origin-Resource-Policy: same-origin would block even that
  // opaque answer, so /health alone says cross-origin. Registered before secureHeaders,
  // so this runs after it. Its body stays unreadable to another site.
  app.use('/health', async (c, next) => {
    await next();
    c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // The app may sync with another server than the one that served it.
        connectSrc: ["'self'", 'https:', 'http:'],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      // A home server is reached over http and https alike; HSTS would lock a LAN name to one.
      strictTransportSecurity: false,
    }),
  );

  const allowed = new Set(config.CORS_ORIGINS);
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Content-Encoding',
        'Idempotency-Key',
        'X-Device',
      ],
      exposeHeaders: [
        'Retry-After',
        'Idempotent-Replayed',
        'X-Server-Time',
        'X-Uncompressed-Length',
      ],
      maxAge: 600,
    }),
  );
  app.use(
    '/api/*',
    rateLimit({
      max: config.RATE_LIMIT_MAX,
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      clientKey: clientAddress,
    }),
  );
  if (config.SYNC_TOKEN) app.use('/api/*', bearerAuth(config.SYNC_TOKEN, isPublicApiPath));
  const tooLarge = (max: number) => () => {
    throw new DomainError('ERR_PAYLOAD_TOO_LARGE', { path: '$', max_bytes: max });
  };
  const large = bodyLimit({
    maxSize: config.IMPORT_MAX_BYTES,
    onError: tooLarge(config.IMPORT_MAX_BYTES),
  });
  const small = bodyLimit({
    maxSize: config.BODY_MAX_BYTES,
    onError: tooLarge(config.BODY_MAX_BYTES),
  });
  app.use('/api/*', (c, next) =>
    /^\/api\/v1\/(import|sync|sync\/changes)$/.test(c.req.path) ? large(c, next) : small(c, next),
  );
  // SPEC §10: the server's clock travels with every answer, so a device can tell its
  // own clock is wrong. Writes outside sync wake the backup writer too.
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('X-Server-Time', new Date().toISOString());
    const write = c.req.method !== 'GET' && c.req.method !== 'OPTIONS';
    if (write && c.res.status < 300 && !c.req.path.startsWith(`${API_BASE}/sync`)) {
      backups?.noteChange();
    }
  });

  const v1 = new OpenAPIHono();
  v1.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  v1.route('/', typesRoutes(store));
  v1.route('/', historyRoutes(store));
  v1.route('/', armiesRoutes(store));
  v1.route('/', transferRoutes(store, metrics));
  v1.route('/', syncRoutes(store, metrics));
  v1.route(
    '/',
    syncChangesRoutes(store, metrics, config.IMPORT_MAX_BYTES, () => backups?.noteChange()),
  );
  app.route('/', healthRoutes(store, metrics));
  app.route(API_BASE, v1);
  app.route(API_BASE, docsRoutes(v1, API_BASE));
  app.route('/', staticRoutes(config.STATIC_DIR));

  app.notFound((c) => {
    c.set('route', 'unmatched');
    return renderError(c, new DomainError('ERR_NOT_FOUND', { path: c.req.path }));
  });
  app.onError((error, c) => {
    const domain = toDomainError(error);
    c.set('errorCode', domain.code);
    if (domain.code === 'ERR_INTERNAL' || domain.code === 'ERR_STORAGE') {
      // Message and stack only: a driver's `detail` may quote stored values (names).
      const err = error instanceof Error ? error : new Error(String(error));
      logger.error({ err: { message: err.message, stack: err.stack } }, 'unhandled error');
    }
    return renderError(c, domain);
  });
  return app;
}
