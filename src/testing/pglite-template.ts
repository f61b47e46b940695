// A migrated PGlite data directory, dumped once and cached in the OS temp dir, so each test file starts
// its embedded database in about a second instead of initdb plus migrations (over ten seconds).
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../store/apply-migrations.js';
import { MEMORY_DATA_DIR, type Database } from '../store/database.js';
import { openPgliteDatabase } from '../store/pglite-database.js';

/** Opens an in-memory PGlite holding the current schema, from the cached template when there is one. */
export async function openMigratedPglite(): Promise<Database> {
  const path = templatePath();
  const cached = readIfPresent(path);
  if (cached !== null) {
    try {
      const database = await openPgliteDatabase(MEMORY_DATA_DIR, {
        schema: null,
        loadDataDir: new Blob([cached]),
      });
      await database.migrate();
      return database;
    } catch {
      rmSync(path, { force: true }); // A damaged template: build a new one below.
    }
  }
  const database = await openPgliteDatabase(MEMORY_DATA_DIR, { schema: null });
  await database.migrate();
  await saveTemplate(database, path);
  return database;
}

async function saveTemplate(database: Database, path: string): Promise<void> {
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  // Written aside and renamed, so a test file running alongside never reads half a template.
  const partial = `${path}.${randomUUID()}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
}

/** Named after the migrations' content: a new migration makes a new template. */
function templatePath(): string {
  const hash = createHash('sha256');
  for (const name of listMigrationFiles()) {
    hash.update(name);
    hash.update(readFileSync(join(MIGRATIONS_FOLDER, name)));
  }
  return join(tmpdir(), `sales-agent-pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

function listMigrationFiles(): string[] {
  const sql = readdirSync(MIGRATIONS_FOLDER).filter((n) => n.endsWith('.sql'));
  return [...sql, 'meta/_journal.json'].sort();
}

function readIfPresent(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}
