// The PostgreSQL engine: a node-postgres pool behind drizzle. Migrations run on one dedicated
// connection under an advisory lock, so two instances booting at once do not both apply them.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../domain/errors.js';
import { applyMigrations, checkSchemaName, quoteIdentifier } from './apply-migrations.js';
import type { Database, DatabaseStats, Db } from './database-handle.js';
import { PreparingClient } from './prepared-statements.js';
import * as schemaTables from './schema.js';

/** Arbitrary constant shared by every Sales Agent instance: "sales-agent migrations". */
const MIGRATION_LOCK_KEY = 5_147_000_001;

export async function openPostgresDatabase(
  url: string,
  options: { schema: string | null; poolSize?: number },
): Promise<Database> {
  const { schema } = options;
  checkSchemaName(schema);
  const connections = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    // Each connection prepares the statements it runs, so repeated statements are not planned again.
    Client: PreparingClient,
    ...(schema === null ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled it would crash the
  // process. The next query gets a fresh connection or fails with the real cause.
  pool.on('error', () => undefined);
  await ping(pool, url);
  const stats: DatabaseStats = { queries: 0 };
  const logger = { logQuery: () => void (stats.queries += 1) };
  const db: Db = drizzle({ client: pool, schema: schemaTables, logger });
  let closed = false;
  return {
    db,
    kind: 'postgres',
    schema,
    stats,
    connections,
    migrate: () => migrateWithLock(pool, schema, logger),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function ping(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('transient', `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${message}`, {
      cause: error,
    });
  }
}

async function migrateWithLock(
  pool: pg.Pool,
  schema: string | null,
  logger: { logQuery(): void },
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      if (schema !== null) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      await applyMigrations(drizzle({ client, logger }), schema);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
