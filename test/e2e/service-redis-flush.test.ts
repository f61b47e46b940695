// Redis is only a dispatcher: runs accepted while no worker was running survive Redis losing every
// key (FLUSHDB on a logical database of their own), because the reconciler re-enqueues what the
// database says is pending, and every run then finishes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { eventually } from '../support/eventually.js';
import { openPgProbe, type PgProbe } from '../support/pg-probe.js';
import { countKeys, deleteKeys, flushDatabase, newQueuePrefix } from '../support/redis-keys.js';
import { describeWithPostgresAndRedis, redisUrlWithDb } from '../support/service-env.js';
import { spawnService, type ServiceProcess } from '../support/service-process.js';
import { formSubmissionBody, postSignedForm, TEST_CLIENT_SECRET } from '../support/signed-webhook.js';

/** Only this test file uses Redis database 14, so flushing it disturbs no other test. */
const FLUSHED_DB = 14;
const RUNS = 5;

describeWithPostgresAndRedis('Redis flushed while runs are pending', ({ postgresUrl, redisUrl }) => {
  const flushedUrl = redisUrlWithDb(redisUrl, FLUSHED_DB);
  const prefix = newQueuePrefix('flush');
  let database: TestDatabase;
  let probe: PgProbe;
  const processes: ServiceProcess[] = [];

  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    probe = openPgProbe(database.url!);
  });

  after(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await probe?.close();
    await database?.drop();
    await deleteKeys(flushedUrl, prefix);
  });

  async function start(role: 'api' | 'worker'): Promise<ServiceProcess> {
    const env = {
      DATABASE_URL: database.url!,
      REDIS_URL: flushedUrl,
      QUEUE_PREFIX: prefix,
      HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
      RECONCILE_INTERVAL_MS: '500',
    };
    const service = await spawnService({ role, env });
    processes.push(service);
    return service;
  }

  it('restores every pending run from the database and each one finishes', { timeout: 180_000 }, async () => {
    const api = await start('api');
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const email = `flush-${i}-${randomUUID().slice(0, 8)}@cascadefreight.example`;
      const answer = await postSignedForm(
        api.url!,
        formSubmissionBody({ submissionId: randomUUID(), email }),
      );
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      runIds.push(answer.body.runId!);
    }
    assert.ok((await countKeys(flushedUrl, prefix)) > 0, 'the runs were enqueued in Redis');

    await flushDatabase(flushedUrl);
    assert.equal(await countKeys(flushedUrl, prefix), 0, 'the flush lost every job');
    const pending = await probe.runs();
    assert.deepEqual(
      pending.map((r) => r.status),
      runIds.map(() => 'pending'),
    );

    const worker = await start('worker');
    const finished = await eventually(
      'every run to finish',
      async () => {
        const runs = await probe.runs();
        return runs.every((r) => ['succeeded', 'failed', 'skipped'].includes(r.status)) ? runs : null;
      },
      { timeoutMs: 120_000 },
    );
    assert.deepEqual(
      finished.map((r) => [r.id, r.status]).sort(),
      runIds.map((id) => [id, 'succeeded']).sort(),
      worker.output().slice(-4000),
    );
    for (const runId of runIds) {
      assert.deepEqual(await probe.drafts(runId), [{ id: `draft-${runId}`, state: 'pending' }]);
    }
  });
});
