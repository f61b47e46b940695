// Databases for the CLI's tests, each as the environment a command reads: an embedded data directory
// seeded from the migrated template (seconds, instead of initdb and migrations), or a fresh PostgreSQL
// database. Also a helper process holding a directory's lock, as a running server would.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPgliteDatabase } from '../../store/pglite-database.js';
import { openMigratedPglite } from '../../testing/pglite-template.js';
import { openTestDatabase } from '../../testing/test-database.js';
import type { CliEnv } from './cli-database.js';

export interface CliTestDatabase {
  env: CliEnv;
  drop(): Promise<void>;
}

/** A new data directory holding the current schema; the directory is left for the OS to clean. */
export async function createSeededDataDir(): Promise<CliTestDatabase> {
  const template = await openMigratedPglite();
  const client = (template.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  await template.close();
  const dir = mkdtempSync(join(tmpdir(), 'sales-agent-cli-data-'));
  const seeded = await openPgliteDatabase(dir, { schema: null, loadDataDir: dump });
  await seeded.close();
  return { env: { DATA_DIR: dir }, drop: () => Promise.resolve() };
}

/** A fresh migrated database under the test URL, dropped by drop(). */
export async function createPostgresEnv(postgresUrl: string): Promise<CliTestDatabase> {
  const database = await openTestDatabase('postgres', { postgresUrl });
  return { env: { DATABASE_URL: database.url ?? '' }, drop: () => database.drop() };
}

/** A child process holding the directory's lock (like a running server) until kill() is called. */
export async function holdDataDirLock(dir: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const script = fileURLToPath(new URL('../../testing/hold-data-dir-lock.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout === null || child.pid === undefined) throw new Error('the lock holder did not start');
  await once(child.stdout, 'data');
  return {
    pid: child.pid,
    kill: async () => {
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
