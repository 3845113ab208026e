import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Only request metadata is ever passed in (method, route pattern, status,
 * time, error code): never a body, a header value or a type name.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'mpt-sync-server' },
    redact: { paths: ['req.headers.authorization', '*.authorization'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}
