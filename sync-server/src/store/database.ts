/** A row as the driver returns it: column name → value. */
export type Row = Record<string, unknown>;

/** Anything that runs one SQL statement with $1-style parameters. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * The tiny database port the store is written against. Two implementations (pg and
 * PGlite) run the same SQL, so every test runs on both.
 */
export interface Database extends Queryable {
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Resolves when the database shows it is alive: a trivial query, or, while PGlite's
   * one connection runs a long transaction, the next statement it completes.
   */
  ping(): Promise<void>;
  /** Releases connections (pg) or closes the embedded database (PGlite). */
  close(): Promise<void>;
  /** 'postgres' or 'pglite', for logs and the health check. */
  readonly kind: 'postgres' | 'pglite';
}
