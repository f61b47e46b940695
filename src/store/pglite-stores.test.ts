// The database stores on embedded PGlite (PostgreSQL 18): one instance for the whole file, with each
// test in tenants of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAuditLogConformance } from '../testing/audit-log-conformance.js';
import { runDatabaseChecks } from '../testing/database-checks.js';
import { runRunStoreConformance } from '../testing/run-store-conformance.js';
import { runSideEffectLedgerConformance } from '../testing/side-effect-ledger-conformance.js';
import { runDraftStoreConformance } from '../testing/draft-store-conformance.js';
import { runIntakeStoreConformance } from '../testing/intake-store-conformance.js';
import { runPortDatabaseChecks } from '../testing/port-database-checks.js';
import { runRunDispatchConformance } from '../testing/run-dispatch-conformance.js';
import { runRunListDatabaseChecks } from '../testing/run-list-database-checks.js';
import { runRunQueriesConformance } from '../testing/run-queries-conformance.js';
import { runSettingsStoreConformance } from '../testing/settings-store-conformance.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { findServerSettingProblems } from './server-settings.js';
import { createPostgresStores } from './stores.js';

describe('stores on PGlite', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('pglite');
  });
  after(() => database.drop());

  runDatabaseChecks(() => database);
  runRunStoreConformance('PGlite', () => createPostgresStores(database));
  runSideEffectLedgerConformance('PGlite', () => createPostgresStores(database).ledger);
  runAuditLogConformance('PGlite', () => createPostgresStores(database).audit);
  runPortDatabaseChecks(() => database);
  runIntakeStoreConformance('PGlite', () => createPostgresStores(database));
  runRunQueriesConformance('PGlite', () => createPostgresStores(database));
  runRunListDatabaseChecks(() => database);
  runRunDispatchConformance('PGlite', () => createPostgresStores(database));
  runDraftStoreConformance('PGlite', () => createPostgresStores(database));
  runSettingsStoreConformance('PGlite', () => createPostgresStores(database));

  it('has no server settings to warn about (no autovacuum to check in one embedded session)', async () => {
    assert.deepEqual(await findServerSettingProblems(database), []);
  });
});
