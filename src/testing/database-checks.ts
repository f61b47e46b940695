// Checks every database engine must pass beyond the port contracts: the migrations are complete and
// idempotent, the audit trail refuses changes in SQL itself, and each run-store write is one round trip.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER, MIGRATIONS_TABLE, migrationsSchemaFor } from '../store/apply-migrations.js';
import type { Database } from '../store/database.js';
import { createPostgresStores } from '../store/stores.js';
import { queryRows } from '../store/sql-rows.js';
import { newRun, newTenant } from './store-fixtures.js';

export const EXPECTED_TABLES = [
  'api_keys',
  'audit_events',
  'crm_activity',
  'drafts',
  'form_submissions',
  'run_status_counts',
  'sessions',
  'settings',
  'side_effects',
  'step_runs',
  'suppression',
  'tenants',
  'users',
  'workflow_runs',
];

export function journalEntryCount(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function appliedMigrationCount(database: Database): Promise<number> {
  const table = sql.raw(`"${migrationsSchemaFor(database.schema)}"."${MIGRATIONS_TABLE}"`);
  const rows = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

export async function listTables(database: Database): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    database.db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = ${database.schema ?? 'public'} AND table_name <> ${MIGRATIONS_TABLE} ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/** drizzle wraps driver errors ("Failed query: ..."); the database's own message is in the cause. */
export function databaseMessage(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(' <- ');
}

export function runDatabaseChecks(getDatabase: () => Database): void {
  it('has every table, and migrating again changes nothing', async () => {
    const database = getDatabase();
    assert.deepEqual(await listTables(database), EXPECTED_TABLES);
    assert.equal(await appliedMigrationCount(database), journalEntryCount());
    await database.migrate();
    assert.equal(await appliedMigrationCount(database), journalEntryCount());
  });

  for (const statement of [
    'UPDATE audit_events SET actor = actor',
    'DELETE FROM audit_events',
    'TRUNCATE audit_events',
  ]) {
    it(`refuses "${statement}": the audit trail is append-only in the database`, async () => {
      const database = getDatabase();
      const { audit } = createPostgresStores(database);
      const tenant = newTenant();
      await audit.append(tenant, {
        actor: 'system',
        action: 'run.created',
        runId: null,
        stepId: null,
        details: {},
        at: '2026-11-25T15:00:00Z',
      });
      await assert.rejects(database.db.execute(sql.raw(statement)), (error: unknown) => {
        assert.match(
          databaseMessage(error),
          /audit_events is append-only: (UPDATE|DELETE|TRUNCATE) is refused/,
        );
        return true;
      });
      assert.equal((await audit.list(tenant, { limit: 10 })).length, 1);
    });
  }

  it('writes each run transition and its audit event in one statement', async () => {
    const database = getDatabase();
    const { runStore, audit } = createPostgresStores(database);
    const tenant = newTenant();
    const count = async (action: () => Promise<unknown>): Promise<number> => {
      const before = database.stats.queries;
      await action();
      return database.stats.queries - before;
    };
    const run = newRun(tenant);
    assert.equal(await count(() => runStore.createRun(run)), 1);
    assert.equal(
      await count(() =>
        runStore.updateRun(tenant, run.id, {
          status: 'running',
          attempt: 1,
          updatedAt: '2026-11-25T15:00:00Z',
        }),
      ),
      1,
    );
    assert.equal(
      await count(() =>
        runStore.startStep(tenant, {
          runId: run.id,
          stepId: 'a',
          attempt: 1,
          startedAt: '2026-11-25T15:00:01Z',
        }),
      ),
      1,
    );
    const end = {
      status: 'succeeded' as const,
      output: { ok: true },
      error: null,
      finishedAt: '2026-11-25T15:00:02Z',
      durationMs: 1000,
    };
    assert.equal(await count(() => runStore.finishStep(tenant, run.id, 'a', 1, end)), 1);
    const actions = (await audit.list(tenant, { limit: 10 })).map((e) => e.action).reverse();
    assert.deepEqual(actions, ['run.created', 'run.running', 'step.started', 'step.succeeded']);
  });
}
