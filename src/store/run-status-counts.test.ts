// The run list's per-status counts on PostgreSQL when the API and the workers are separate processes:
// each gets its own connection pool here, writes race, and every read sees a consistent, exact count.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { RUN_STATUSES, type RunStatus } from '../domain/ports/run-store.js';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { newIntake } from '../testing/port-fixtures.js';
import { newTenant } from '../testing/store-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { openDatabase, type Database } from './database.js';
import { queryRows } from './sql-rows.js';
import { createPostgresStores } from './stores.js';

const RUNS = 120;
const FINAL: RunStatus[] = ['succeeded', 'failed', 'skipped', 'waiting'];

describeWithPostgres('run counts with an API and workers in separate processes', (postgresUrl) => {
  let database: TestDatabase;
  let workers: Database[] = [];
  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    assert.ok(database.url);
    const url = database.url;
    workers = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, dataDir: '' })));
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await database.drop();
  });

  it('counts exactly what other connections write, and every read in between adds up', async () => {
    const tenant = newTenant();
    const api = createPostgresStores(database);
    const intakes = Array.from({ length: RUNS }, () => newIntake(tenant));
    await Promise.all(
      intakes.map(({ submission, run }, i) => workerStores(i).intake.recordSubmission(submission, run)),
    );
    assert.deepEqual(await api.runQueries.countRunsByStatus(tenant, {}), { ...zero(), pending: RUNS });

    let writing = true;
    const reads: Record<RunStatus, number>[] = [];
    const reader = (async () => {
      while (writing) reads.push(await api.runQueries.countRunsByStatus(tenant, {}));
    })();
    await Promise.all(
      intakes.map(async ({ run }, i) => {
        const stores = workerStores(i);
        const claim = { owner: `w${i % 3}`, now: '2026-11-25T15:00:00Z', leaseUntil: '2026-11-25T15:01:00Z' };
        assert.ok(await stores.dispatch.claimRun(tenant, run.id, claim));
        const status = FINAL[i % FINAL.length] ?? 'succeeded';
        await stores.runStore.updateRun(tenant, run.id, { status, updatedAt: '2026-11-25T15:00:30Z' });
      }),
    ).finally(() => (writing = false));
    await reader;

    assert.ok(reads.length > 0);
    for (const counts of reads) {
      assert.equal(total(counts), RUNS, `a read in the middle saw ${JSON.stringify(counts)}`);
      assert.ok(Object.values(counts).every((n) => n >= 0));
    }
    const expected = zero();
    for (let i = 0; i < RUNS; i += 1) expected[FINAL[i % FINAL.length] ?? 'succeeded'] += 1;
    assert.deepEqual(await api.runQueries.countRunsByStatus(tenant, {}), expected);
    assert.deepEqual(await api.runQueries.countRunsByStatus(tenant, {}), await countedRuns(tenant));
  });

  it('never fails a REPEATABLE READ writer over deltas another connection folded since its snapshot', async () => {
    assert.ok(database.url);
    const tenant = newTenant();
    const [reader, folder] = [new pg.Client(database.url), new pg.Client(database.url)];
    await Promise.all([reader.connect(), folder.connect()]);
    try {
      await folder.query(
        `INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, created_at, updated_at)
         SELECT $1, 'rr-' || g, 'form-lead', 'rr-' || g, 'pending', now(), now() FROM generate_series(1, 4) g`,
        [tenant],
      );
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await reader.query('SELECT count(*) FROM run_status_counts'); // the snapshot: before the folds below
      // 70 status changes (two deltas each) cross a multiple of 64 in each connection, so each folds.
      const flip = async (client: pg.Client, id: string): Promise<void> => {
        for (let i = 0; i < 70; i += 1) {
          await client.query('UPDATE workflow_runs SET status = $1 WHERE tenant_id = $2 AND id = $3', [
            i % 2 === 0 ? 'running' : 'pending',
            tenant,
            id,
          ]);
        }
      };
      await flip(folder, 'rr-1');
      await flip(reader, 'rr-2');
      await reader.query('COMMIT');
    } finally {
      await reader.query('ROLLBACK').catch(() => undefined);
      await Promise.all([reader.end(), folder.end()]);
    }
    assert.deepEqual(await createPostgresStores(database).runQueries.countRunsByStatus(tenant, {}), {
      ...zero(),
      pending: 4,
    });
  });

  it('starts again from zero when the runs table is truncated', async () => {
    const tenant = newTenant();
    const { submission, run } = newIntake(tenant);
    await createPostgresStores(database).intake.recordSubmission(submission, run);
    await database.db.execute(sql`TRUNCATE workflow_runs CASCADE`);
    assert.deepEqual(await createPostgresStores(database).runQueries.countRunsByStatus(tenant, {}), zero());
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM run_status_counts`,
    );
    assert.equal(rows[0]?.n, 0);
  });

  function workerStores(i: number): ReturnType<typeof createPostgresStores> {
    const worker = workers[i % workers.length];
    assert.ok(worker);
    return createPostgresStores(worker);
  }

  async function countedRuns(tenant: string): Promise<Record<RunStatus, number>> {
    const rows = await queryRows<{ status: RunStatus; n: number }>(
      database.db,
      sql`SELECT status, count(*)::int AS n FROM workflow_runs WHERE tenant_id = ${tenant} GROUP BY status`,
    );
    const counts = zero();
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
});

function zero(): Record<RunStatus, number> {
  return Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
}

function total(counts: Record<RunStatus, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
