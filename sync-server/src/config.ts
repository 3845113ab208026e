import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PGLITE_SHARED_BUFFERS_MB } from './store/pglite-database';

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** Every setting, read from the environment (see .env.example and docs/server.md). */
export const configSchema = z.object({
  PORT: int(8080).pipe(z.number().max(65535)),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  CORS_ORIGINS: list,
  SYNC_TOKEN: z.string().min(16, 'SYNC_TOKEN must be at least 16 characters').optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IMPORT_MAX_BYTES: int(50 * 1024 * 1024, 1024),
  /** Bodies of every other API call. */
  BODY_MAX_BYTES: int(1024 * 1024, 1024),
  /** Requests per client and window; 0 turns rate limiting off. */
  RATE_LIMIT_MAX: int(1200),
  RATE_LIMIT_WINDOW_MS: int(60_000, 1000),
  SNAPSHOT_KEEP: int(20, 1),
  STATIC_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../pwa/dist', import.meta.url))),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100),
  /** Embedded PGlite only: its shared buffers (MB); more memory, fewer reads from disk. */
  PGLITE_SHARED_BUFFERS_MB: int(PGLITE_SHARED_BUFFERS_MB, 1).pipe(z.number().max(1024)),
  /** PostgreSQL only: opening a connection or waiting for a free one. */
  DB_CONNECT_TIMEOUT_MS: int(5_000, 100),
  /** PostgreSQL only: the longest one SQL statement may run (statement_timeout). */
  DB_STATEMENT_TIMEOUT_MS: int(15_000, 100),
});

export type Config = z.infer<typeof configSchema>;

/** Validates the environment; throws a readable message naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (KEY= in .env) means "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (Boolean(config.TLS_CERT_FILE) !== Boolean(config.TLS_KEY_FILE)) {
    throw new Error('Invalid configuration:\n  TLS_CERT_FILE and TLS_KEY_FILE go together');
  }
  return config;
}
