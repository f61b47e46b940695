// The shape of an open database, shared by both engines: one drizzle type, the engine's name, the
// round-trip counter, migrate and close. The openers live beside it; this file knows no driver.
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseStats {
  /** SQL statements sent through drizzle since open: the round trips a benchmark counts. */
  queries: number;
}

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseKind;
  /** The PostgreSQL schema the tables live in; null for the default (`public`). */
  readonly schema: string | null;
  readonly stats: DatabaseStats;
  /** Connections the engine can use at once: the pool's size on PostgreSQL, 1 on PGlite (one session). */
  readonly connections: number;
  /** Applies pending migrations; a no-op when the schema is current. */
  migrate(): Promise<void>;
  /** Ends the connections (and releases the embedded database's lock). Safe to call twice. */
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** postgres:// URL; null means the embedded database in `dataDir`. */
  databaseUrl: string | null;
  /** Directory of the embedded database, created if missing; `memory://` for an in-memory one (tests). */
  dataDir: string;
  /** A PostgreSQL schema to hold the tables instead of `public` (isolates tests sharing one database). */
  schema?: string;
  /** PostgreSQL connections in the pool (default 10); the embedded database has one. */
  poolSize?: number;
}

export const MEMORY_DATA_DIR = 'memory://';
