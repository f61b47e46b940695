// Database-only checks for the run list (PGlite and PostgreSQL): the per-status counts the triggers keep
// match the runs whatever SQL changed them, and the search and count queries can use their indexes.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { RUN_STATUSES, type RunStatus } from '../domain/ports/run-store.js';
import type { Database, Db } from '../store/database.js';
import { countRunsSql, listRunsSql } from '../store/run-queries.js';
import { queryRows } from '../store/sql-rows.js';
import { createPostgresStores } from '../store/stores.js';
import { newTenant } from './store-fixtures.js';

export function runRunListDatabaseChecks(getDatabase: () => Database): void {
  it('keeps the counts equal to the runs through bulk inserts, status and tenant changes, upserts and deletes', async () => {
    const { db } = getDatabase();
    const [tenant, other] = [newTenant(), newTenant()];
    const check = async (step: string): Promise<void> => {
      for (const t of [tenant, other])
        assert.deepEqual(await storedCounts(getDatabase(), t), await countedRuns(db, t), step);
    };
    await insertRuns(db, tenant, 300, 'bulk');
    await insertRuns(db, other, 20, 'other');
    await check('after bulk inserts');
    await db.execute(
      sql`UPDATE workflow_runs SET status = 'running' WHERE tenant_id = ${tenant} AND id LIKE 'bulk-1%'`,
    );
    await db.execute(
      sql`UPDATE workflow_runs SET status = 'failed' WHERE tenant_id = ${tenant} AND id LIKE 'bulk-2%'`,
    );
    await db.execute(sql`UPDATE workflow_runs SET updated_at = now() WHERE tenant_id = ${tenant}`);
    await check('after status updates');
    await db.execute(
      sql`UPDATE workflow_runs SET tenant_id = ${other} WHERE tenant_id = ${tenant} AND id LIKE 'bulk-3%'`,
    );
    await check('after moving runs to another tenant');
    await db.execute(sql`
      INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, created_at, updated_at)
      VALUES (${tenant}, 'bulk-1', 'form-lead', 'again', 'pending', now(), now()),
             (${tenant}, 'fresh-1', 'form-lead', 'fresh-1', 'waiting', now(), now())
      ON CONFLICT (tenant_id, id) DO NOTHING`);
    await db.execute(sql`
      INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, created_at, updated_at)
      VALUES (${tenant}, 'bulk-2', 'form-lead', 'bulk-2', 'pending', now(), now())
      ON CONFLICT (tenant_id, id) DO UPDATE SET status = 'paused'`);
    await check('after upserts');
    await db.execute(sql`DELETE FROM workflow_runs WHERE tenant_id = ${tenant} AND id LIKE 'bulk-4%'`);
    await check('after deletes');
  });

  it('folds the counts of a busy tenant so reading them stays small', async () => {
    const database = getDatabase();
    const tenant = newTenant();
    await insertRuns(database.db, tenant, 40, 'busy');
    for (let round = 0; round < 5; round += 1) {
      for (let i = 1; i <= 40; i += 1) {
        const status: RunStatus =
          (['running', 'waiting', 'succeeded', 'failed', 'pending'] as const)[(i + round) % 5] ?? 'pending';
        await database.db.execute(
          sql`UPDATE workflow_runs SET status = ${status} WHERE tenant_id = ${tenant} AND id = ${`busy-${i}`}`,
        );
      }
    }
    assert.deepEqual(await storedCounts(database, tenant), await countedRuns(database.db, tenant));
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM run_status_counts WHERE tenant_id = ${tenant}`,
    );
    // 200 status changes wrote ~400 delta rows; folding every 64th leaves at most one per status plus < 64.
    assert.ok((rows[0]?.n ?? Infinity) < 64 + RUN_STATUSES.length, `${rows[0]?.n} delta rows`);
  });

  it('lets the search and its counts use the trigram indexes', async () => {
    const database = getDatabase();
    const tenant = newTenant();
    // Enough runs that the tenant's own index is no shortcut; the term matches 6 of them.
    await database.db.execute(sql`
      INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, email, company, created_at, updated_at)
      SELECT ${tenant}, 'plan-' || g, 'form-lead', 'plan-' || g, 'succeeded',
             'lead' || g || '@mail' || (g % 500) || '.example', 'Firm ' || (g % 97), now(), now()
      FROM generate_series(1, 3000) AS g`);
    await database.db.execute(sql`ANALYZE workflow_runs`);
    const search = { search: 'AIL123.EX' };
    assert.equal(
      (await createPostgresStores(database).runQueries.countRunsByStatus(tenant, search)).succeeded,
      6,
    );
    for (const query of [listRunsSql(tenant, { ...search, limit: 50 }), countRunsSql(tenant, search)]) {
      const plan = await planWithoutSeqScan(database.db, query);
      assert.match(plan, /workflow_runs_email_trgm_idx/, plan);
      assert.match(plan, /workflow_runs_company_trgm_idx/, plan);
    }
    const wholeTenant = await planWithoutSeqScan(database.db, countRunsSql(tenant, {}));
    assert.match(wholeTenant, /run_status_counts/, wholeTenant);
    assert.doesNotMatch(wholeTenant, /workflow_runs/, wholeTenant);
  });
}

async function insertRuns(db: Db, tenant: string, n: number, prefix: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, created_at, updated_at)
    SELECT ${tenant}, ${prefix} || '-' || g, 'form-lead', ${prefix} || '-' || g,
           (ARRAY['pending','succeeded','skipped','waiting'])[1 + g % 4], now(), now()
    FROM generate_series(1, ${n}::int) AS g`);
}

function storedCounts(database: Database, tenant: string): Promise<Record<RunStatus, number>> {
  return createPostgresStores(database).runQueries.countRunsByStatus(tenant, {});
}

async function countedRuns(db: Db, tenant: string): Promise<Record<RunStatus, number>> {
  const rows = await queryRows<{ status: RunStatus; n: number }>(
    db,
    sql`SELECT status, count(*)::int AS n FROM workflow_runs WHERE tenant_id = ${tenant} GROUP BY status`,
  );
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The plan when sequential scans are priced out: shows whether an index can serve the query at all. */
async function planWithoutSeqScan(db: Db, query: SQL): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN ${query}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
