// Applies the SQL in ./migrations through drizzle's own migrator logic, with one addition: when the
// tables live in a schema other than `public`, drizzle-kit's `"public".` qualifiers are rewritten to it.
import { fileURLToPath } from 'node:url';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { AppError } from '../domain/errors.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
export const MIGRATIONS_TABLE = '__drizzle_migrations';
const DEFAULT_MIGRATIONS_SCHEMA = 'drizzle';

/** drizzle's migrator is `db.dialect.migrate(files, db.session, config)`; both are internal in its types. */
interface MigratorInternals {
  dialect: {
    migrate(
      migrations: MigrationMeta[],
      session: unknown,
      config: { migrationsSchema: string; migrationsTable: string },
    ): Promise<void>;
  };
  session: unknown;
}

export function migrationsSchemaFor(schema: string | null): string {
  return schema ?? DEFAULT_MIGRATIONS_SCHEMA;
}

export async function applyMigrations(
  db: PgDatabase<PgQueryResultHKT, Record<string, unknown>>,
  schema: string | null,
): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  if (schema !== null) {
    for (const migration of migrations) {
      migration.sql = migration.sql.map((statement) =>
        statement.replaceAll('"public".', `${quoteIdentifier(schema)}.`),
      );
    }
  }
  const internals = db as unknown as MigratorInternals;
  await internals.dialect.migrate(migrations, internals.session, {
    migrationsSchema: migrationsSchemaFor(schema),
    migrationsTable: MIGRATIONS_TABLE,
  });
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names come from configuration and tests; only plain lower-case identifiers are accepted. */
export function checkSchemaName(schema: string | null): void {
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new AppError(
      'validation',
      `Invalid database schema name "${schema}": use lower-case letters, digits and _.`,
    );
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
