// The database stores on PostgreSQL 15: a fresh database for this file (dropped at the end), the same
// suites as on PGlite, plus migrations from empty into a separate schema.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAuditLogConformance } from '../testing/audit-log-conformance.js';
import {
  appliedMigrationCount,
  EXPECTED_TABLES,
  journalEntryCount,
  listTables,
  runDatabaseChecks,
} from '../testing/database-checks.js';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { runRunStoreConformance } from '../testing/run-store-conformance.js';
import { newRun, newTenant } from '../testing/store-fixtures.js';
import { runSideEffectLedgerConformance } from '../testing/side-effect-ledger-conformance.js';
import { runDraftStoreConformance } from '../testing/draft-store-conformance.js';
import { runIntakeStoreConformance } from '../testing/intake-store-conformance.js';
import { runPortDatabaseChecks } from '../testing/port-database-checks.js';
import { runRunDispatchConformance } from '../testing/run-dispatch-conformance.js';
import { runRunListDatabaseChecks } from '../testing/run-list-database-checks.js';
import { runRunQueriesConformance } from '../testing/run-queries-conformance.js';
import { runSettingsStoreConformance } from '../testing/settings-store-conformance.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { sql } from 'drizzle-orm';
import { openDatabase } from './database.js';
import { findServerSettingProblems } from './server-settings.js';
import { queryRows } from './sql-rows.js';
import { createPostgresStores } from './stores.js';

describeWithPostgres('stores on PostgreSQL', (postgresUrl) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
  });
  after(() => database.drop());

  runDatabaseChecks(() => database);
  runRunStoreConformance('PostgreSQL', () => createPostgresStores(database));
  runSideEffectLedgerConformance('PostgreSQL', () => createPostgresStores(database).ledger);
  runAuditLogConformance('PostgreSQL', () => createPostgresStores(database).audit);
  runPortDatabaseChecks(() => database);
  runIntakeStoreConformance('PostgreSQL', () => createPostgresStores(database));
  runRunQueriesConformance('PostgreSQL', () => createPostgresStores(database));
  runRunListDatabaseChecks(() => database);
  runRunDispatchConformance('PostgreSQL', () => createPostgresStores(database));
  runDraftStoreConformance('PostgreSQL', () => createPostgresStores(database));
  runSettingsStoreConformance('PostgreSQL', () => createPostgresStores(database));

  describe('server settings', () => {
    it('warns exactly when the server runs without autovacuum', async () => {
      const [row] = await queryRows<{ on: boolean }>(
        database.db,
        sql`SELECT current_setting('autovacuum') = 'on' AND current_setting('track_counts') = 'on' AS on`,
      );
      const problems = await findServerSettingProblems(database);
      assert.equal(problems.length, row?.on === true ? 0 : 1);
      for (const problem of problems) assert.match(problem, /autovacuum/);
    });
  });

  describe('a schema of its own', () => {
    it('migrates from empty, a second time does nothing, and its tables are apart from public', async () => {
      const url = postgresUrlOf(database);
      const inSchema = await openDatabase({ databaseUrl: url, dataDir: '', schema: 'isolated_tests' });
      try {
        assert.deepEqual(await listTables(inSchema), []);
        await inSchema.migrate();
        await inSchema.migrate();
        assert.deepEqual(await listTables(inSchema), EXPECTED_TABLES);
        assert.equal(await appliedMigrationCount(inSchema), journalEntryCount());
        const tenant = newTenant();
        const { run } = await createPostgresStores(inSchema).runStore.createRun(newRun(tenant));
        assert.equal(await createPostgresStores(database).runStore.findRun(tenant, run.id), null);
        assert.deepEqual(await createPostgresStores(inSchema).runStore.findRun(tenant, run.id), run);
        // The count triggers write to the schema's own run_status_counts, not to public's.
        assert.equal(
          (await createPostgresStores(inSchema).runQueries.countRunsByStatus(tenant, {})).pending,
          1,
        );
        assert.equal(
          (await createPostgresStores(database).runQueries.countRunsByStatus(tenant, {})).pending,
          0,
        );
      } finally {
        await inSchema.close();
      }
    });
  });

  it('fails fast with a clear message when PostgreSQL cannot be reached', async () => {
    await assert.rejects(
      openDatabase({ databaseUrl: 'postgres://u:secret@127.0.0.1:1/none', dataDir: '' }),
      (error: Error) => {
        assert.match(
          error.message,
          /^Cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/none: /,
        );
        return true;
      },
    );
  });
});

function postgresUrlOf(database: TestDatabase): string {
  assert.ok(database.url, 'openTestDatabase("postgres") gives the URL of the database it made');
  return database.url;
}
