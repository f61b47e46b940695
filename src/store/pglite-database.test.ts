// The embedded database in a real directory: created if missing, locked while open, migrated from
// empty, persistent across a close and reopen. One PGlite at a time (each costs seconds and ~0.5 GB).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  appliedMigrationCount,
  EXPECTED_TABLES,
  journalEntryCount,
  listTables,
} from '../testing/database-checks.js';
import { newRun, newTenant } from '../testing/store-fixtures.js';
import { LOCK_FILE_NAME } from './data-dir-lock.js';
import { openDatabase } from './database.js';
import { createPostgresStores } from './stores.js';

const root = mkdtempSync(join(tmpdir(), 'sa-pglite-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('embedded database in a directory', () => {
  const dataDir = join(root, 'nested', 'deeper', 'data');
  const tenant = newTenant();
  const run = newRun(tenant);

  it('creates the directory, takes over a stale lock, migrates from empty, and a second migrate is a no-op', async () => {
    mkdirSync(dataDir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: dead, processStart: null, token: 'stale' }),
    );
    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      assert.equal(database.kind, 'pglite');
      assert.deepEqual(await listTables(database), []);
      await database.migrate();
      assert.deepEqual(await listTables(database), EXPECTED_TABLES);
      await database.migrate();
      assert.equal(await appliedMigrationCount(database), journalEntryCount());
      await assert.rejects(
        openDatabase({ databaseUrl: null, dataDir }),
        /already in use by another Sales Agent process \(pid \d+\)/,
      );
      await createPostgresStores(database).runStore.createRun(run);
    } finally {
      await database.close();
    }
    assert.equal(existsSync(join(dataDir, LOCK_FILE_NAME)), false, 'close releases the lock');
  });

  it('keeps the data after a close and reopen, without applying migrations again', async () => {
    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      await database.migrate();
      assert.equal(await appliedMigrationCount(database), journalEntryCount());
      assert.equal(
        (await createPostgresStores(database).runStore.findRun(tenant, run.id))?.idempotencyKey,
        run.idempotencyKey,
      );
    } finally {
      await database.close();
    }
  });
});
