// The embedded engine: PGlite (PostgreSQL 18 in WebAssembly) in a directory guarded by a lock file,
// or in memory for tests. Start-up costs seconds and hundreds of MB, so open one and keep it.
import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { applyMigrations, checkSchemaName, quoteIdentifier } from './apply-migrations.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { MEMORY_DATA_DIR, type Database, type DatabaseStats, type Db } from './database-handle.js';
import * as schemaTables from './schema.js';

export interface PgliteOpenOptions {
  schema: string | null;
  /** A tarball from `dumpDataDir()` to start from (fast clones of a migrated template in tests). */
  loadDataDir?: Blob | File;
}

export async function openPgliteDatabase(dataDir: string, options: PgliteOpenOptions): Promise<Database> {
  const { schema } = options;
  checkSchemaName(schema);
  const inMemory = dataDir === MEMORY_DATA_DIR;
  let lock: DataDirLock | null = null;
  if (!inMemory) {
    // PGlite does not create parent directories; and the lock goes in before PGlite touches the files.
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    // pg_trgm backs the run list's search indexes (migration 0004); PGlite ships it but loads it only when asked.
    const pgliteOptions: PGliteOptions = {
      extensions: { pg_trgm },
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    };
    client = inMemory ? new PGlite(pgliteOptions) : new PGlite(dataDir, pgliteOptions);
    await client.waitReady;
    // PGlite is a single session, so the search_path set here holds for every later query.
    if (schema !== null)
      await client.exec(
        `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}; SET search_path TO ${quoteIdentifier(schema)}`,
      );
  } catch (error) {
    lock?.release();
    throw error;
  }
  return wrap(client, schema, lock);
}

function wrap(client: PGlite, schema: string | null, lock: DataDirLock | null): Database {
  const stats: DatabaseStats = { queries: 0 };
  const logger = { logQuery: () => void (stats.queries += 1) };
  const db: Db = drizzle({ client, schema: schemaTables, logger });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    schema,
    stats,
    connections: 1,
    migrate: () => applyMigrations(db, schema),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
