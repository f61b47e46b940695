// Opens the database a CLI command works on, from the environment (DATABASE_URL, or the embedded
// database in DATA_DIR), and turns "the embedded directory is locked" into one message with the ways out.
// It knows nothing about runs or reports.
import { loadConfig } from '../../config/config.js';
import { AppError } from '../../domain/errors.js';
import type { Database } from '../../store/database.js';
import { openDatabase } from '../../store/database.js';

export type CliEnv = Record<string, string | undefined>;

export type OpenedCliDatabase =
  | { ok: true; database: Database; where: string }
  | { ok: false; message: string; exitCode: number };

export interface OpenCliDatabaseOptions {
  /** Apply pending migrations after opening (every command but `migrate` itself, which reports them). */
  migrate: boolean;
  /** The way out offered when the embedded directory is locked, beside stopping the holder. */
  lockHint: string;
}

export async function openCliDatabase(env: CliEnv, options: OpenCliDatabaseOptions): Promise<OpenedCliDatabase> {
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    return { ok: false, exitCode: 2, message: `the configuration is invalid:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}` };
  }
  const { databaseUrl, dataDir } = loaded.config.database;
  const where = databaseUrl === null ? `the embedded database in ${dataDir}` : 'PostgreSQL (DATABASE_URL)';
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl, dataDir });
  } catch (error) {
    return { ok: false, exitCode: 1, message: describeOpenFailure(error, options.lockHint) };
  }
  if (options.migrate) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close();
      return { ok: false, exitCode: 1, message: `cannot migrate ${where}: ${messageOf(error)}` };
    }
  }
  return { ok: true, database, where };
}

/** The lock's own message names the holder; the hint adds what this command can do instead. */
function describeOpenFailure(error: unknown, lockHint: string): string {
  if (isLockConflict(error)) {
    return `${messageOf(error)}\nhint: stop the running server (sales-agent start), set DATABASE_URL to use PostgreSQL, ${lockHint}.`;
  }
  return messageOf(error);
}

function isLockConflict(error: unknown): boolean {
  return error instanceof AppError && error.code === 'conflict' && typeof error.details?.['dataDir'] === 'string';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
