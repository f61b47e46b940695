// Fresh, migrated databases for tests. PostgreSQL: a new database `sa_test_<random>` under the test URL,
// dropped by drop(). PGlite: an in-memory instance (seconds and ~600 MB each: open one per test file).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AppError } from '../domain/errors.js';
import { openDatabase, type Database, type DatabaseKind } from '../store/database.js';
import { openMigratedPglite } from './pglite-template.js';
import { readTestEnv } from './test-env.js';

export interface TestDatabase extends Database {
  /** The PostgreSQL URL of this very database (null for PGlite), for a second connection to it. */
  readonly url: string | null;
  /** Closes the connections and removes the database (PostgreSQL) or frees the instance (PGlite). */
  drop(): Promise<void>;
}

export async function openTestDatabase(
  kind: DatabaseKind,
  options: { postgresUrl?: string } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openMigratedPglite();
    return { ...database, url: null, drop: () => database.close() };
  }
  const baseUrl = options.postgresUrl ?? readTestEnv().postgresUrl;
  if (baseUrl === null)
    throw new AppError('validation', 'openTestDatabase("postgres") needs TEST_DATABASE_URL or DATABASE_URL');
  return createFreshPostgres(baseUrl);
}

async function createFreshPostgres(baseUrl: string): Promise<TestDatabase> {
  const name = `sa_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    await database.migrate();
  } catch (error) {
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** CREATE / DROP DATABASE cannot run inside the test database itself: a short connection to the base URL. */
async function adminQuery(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
