import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL a benchmark may use (BENCH_DATABASE_URL, else TEST_DATABASE_URL), if any. */
export const benchDatabaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/**
 * Runs `fn` on a fresh schema of `baseUrl`, dropped afterwards. `fn` gets a URL whose
 * search_path is that schema (for a server process) and the same as pg `options`.
 */
export async function withBenchSchema<T>(
  baseUrl: string,
  fn: (url: string, options: string) => Promise<T>,
): Promise<T> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = `-c search_path=${schema}`;
  const url = new URL(baseUrl);
  url.searchParams.set('options', options);
  try {
    return await fn(url.toString(), options);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
