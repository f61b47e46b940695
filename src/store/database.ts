// One handle on the database, whichever engine is behind it: node-postgres when a URL is configured,
// embedded PGlite in a directory otherwise. Callers see one drizzle type and one code path.
import type { Database, DatabaseConfig } from './database-handle.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';

export type { Database, DatabaseConfig, DatabaseKind, DatabaseStats, Db } from './database-handle.js';
export { MEMORY_DATA_DIR } from './database-handle.js';

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const schemaName = config.schema ?? null;
  if (config.databaseUrl !== null) {
    return openPostgresDatabase(config.databaseUrl, {
      schema: schemaName,
      ...(config.poolSize === undefined ? {} : { poolSize: config.poolSize }),
    });
  }
  return openPgliteDatabase(config.dataDir, { schema: schemaName });
}
