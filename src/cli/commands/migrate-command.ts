// `sales-agent migrate`: applies pending migrations to the configured database (PostgreSQL with
// DATABASE_URL, else the embedded one in DATA_DIR) and says whether anything changed. The service also
// migrates at start; this is for deploy scripts and for checking a database by hand.
import { sql } from 'drizzle-orm';
import { MIGRATIONS_TABLE, migrationsSchemaFor, quoteIdentifier } from '../../store/apply-migrations.js';
import type { Database } from '../../store/database.js';
import { queryRows } from '../../store/sql-rows.js';
import { openCliDatabase, type CliEnv } from './cli-database.js';
import type { CommandIo } from './run-command.js';

export async function migrateCommand(io: CommandIo, env: CliEnv = process.env): Promise<number> {
  const opened = await openCliDatabase(env, {
    migrate: false,
    lockHint: 'or let the server migrate: it does at every start',
  });
  if (!opened.ok) {
    io.stderr(`error: ${opened.message}\n`);
    return opened.exitCode;
  }
  const { database, where } = opened;
  try {
    const before = await countApplied(database);
    await database.migrate();
    const after = await countApplied(database);
    const applied = after - before;
    io.stdout(
      applied === 0
        ? `no-op: ${where} is current (${after} migrations applied earlier)\n`
        : `applied ${applied} migration${applied === 1 ? '' : 's'} to ${where} (${after} in all)\n`,
    );
    return 0;
  } catch (error) {
    io.stderr(`error: cannot migrate ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/** Rows in drizzle's journal table; 0 before the first migration created it. */
async function countApplied(database: Database): Promise<number> {
  const table = `${quoteIdentifier(migrationsSchemaFor(database.schema))}.${quoteIdentifier(MIGRATIONS_TABLE)}`;
  const present = await queryRows<{ present: boolean }>(
    database.db,
    sql`SELECT to_regclass(${table}) IS NOT NULL AS present`,
  );
  if (present[0]?.present !== true) return 0;
  const rows = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`);
  return rows[0]?.n ?? 0;
}
