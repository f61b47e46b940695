// The embedded database's maintenance: analyzed at start and vacuumed and analyzed on its schedule, and
// nothing done on PostgreSQL, where the server's autovacuum does it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { newRun, newTenant } from '../testing/store-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { startEmbeddedMaintenance } from './embedded-maintenance.js';
import { createPostgresRunStore } from './run-store.js';
import { queryRows } from './sql-rows.js';

type Maintained = { analyzed: boolean; vacuumed: boolean };

async function workflowRunsMaintenance(database: TestDatabase): Promise<Maintained> {
  const [row] = await queryRows<Maintained>(
    database.db,
    sql`SELECT last_analyze IS NOT NULL AS analyzed, last_vacuum IS NOT NULL AS vacuumed
        FROM pg_stat_user_tables WHERE relname = 'workflow_runs'`,
  );
  return row ?? { analyzed: false, vacuumed: false };
}

function waitFor(check: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      check().then(
        (done) =>
          done
            ? resolve()
            : Date.now() - started > 20_000
              ? reject(new Error('maintenance did not happen'))
              : setTimeout(poll, 20),
        reject,
      );
    };
    poll();
  });
}

describe('embedded database maintenance', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('pglite');
    await createPostgresRunStore(database).createRun(newRun(newTenant()));
  });
  after(() => database.drop());

  it('analyzes the tables at start, then vacuums and analyzes them on its schedule', async () => {
    const errors: unknown[] = [];
    const maintenance = startEmbeddedMaintenance(database, { everyMs: 50, onError: (e) => errors.push(e) });
    try {
      await waitFor(async () => (await workflowRunsMaintenance(database)).analyzed);
      await waitFor(async () => (await workflowRunsMaintenance(database)).vacuumed);
    } finally {
      await maintenance.stop();
    }
    assert.deepEqual(errors, []);
  });
});

describeWithPostgres('embedded database maintenance on PostgreSQL', (postgresUrl) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
  });
  after(() => database.drop());

  it('leaves the server’s tables to its autovacuum', async () => {
    const maintenance = startEmbeddedMaintenance(database, {
      everyMs: 10,
      onError: (e) => assert.fail(String(e)),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await maintenance.stop();
    assert.deepEqual(await workflowRunsMaintenance(database), { analyzed: false, vacuumed: false });
  });
});
