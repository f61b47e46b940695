// The service as deployed: an API process and a separate worker process on PostgreSQL and Redis. A
// signed form webhook is answered 202 without any workflow work, the worker completes the run, the
// draft is stored, and a repeated delivery (also 20 at once) answers with the same run.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { eventually } from '../support/eventually.js';
import { openPgProbe, type PgProbe } from '../support/pg-probe.js';
import { deleteKeys, newQueuePrefix } from '../support/redis-keys.js';
import { describeWithPostgresAndRedis } from '../support/service-env.js';
import { spawnService, type ServiceProcess } from '../support/service-process.js';
import { formSubmissionBody, postSignedForm, TEST_CLIENT_SECRET } from '../support/signed-webhook.js';

const TIMEOUT = { timeout: 120_000 };

describeWithPostgresAndRedis(
  'service on PostgreSQL and Redis, API and worker in separate processes',
  ({ postgresUrl, redisUrl }) => {
    let database: TestDatabase;
    let probe: PgProbe;
    const prefixes: string[] = [];
    const processes: ServiceProcess[] = [];

    before(async () => {
      database = await openTestDatabase('postgres', { postgresUrl });
      probe = openPgProbe(database.url!);
    });

    after(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await probe?.close();
      await database?.drop();
      for (const prefix of prefixes) await deleteKeys(redisUrl, prefix);
    });

    async function start(role: 'api' | 'worker', prefix: string): Promise<ServiceProcess> {
      const env = {
        DATABASE_URL: database.url!,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
        RECONCILE_INTERVAL_MS: '500',
      };
      const service = await spawnService({ role, env });
      processes.push(service);
      return service;
    }

    function uniquePrefix(label: string): string {
      const prefix = newQueuePrefix(label);
      prefixes.push(prefix);
      return prefix;
    }

    it(
      'answers 202 without doing workflow work, a separate worker completes the run, and a redelivery answers 200 with the same run',
      TIMEOUT,
      async () => {
        const prefix = uniquePrefix('roles');
        const api = await start('api', prefix);
        const body = formSubmissionBody({ submissionId: randomUUID() });

        const first = await postSignedForm(api.url!, body);
        assert.equal(first.status, 202, JSON.stringify(first.body));
        const runId = first.body.runId!;
        assert.equal(first.body.status, 'accepted');

        // No worker runs yet: the run was stored before the answer and nothing of the workflow happened.
        const stored = await probe.run(runId);
        assert.equal(stored?.status, 'pending');
        assert.deepEqual(await probe.steps(runId), []);

        const worker = await start('worker', prefix);
        const finished = await eventually('the worker to finish the run', async () => {
          const run = await probe.run(runId);
          return run !== null && ['succeeded', 'failed', 'skipped'].includes(run.status) ? run : null;
        });
        assert.equal(finished.status, 'succeeded', worker.output().slice(-4000));
        assert.deepEqual(await probe.drafts(runId), [{ id: `draft-${runId}`, state: 'pending' }]);
        assert.equal((await probe.sideEffects(runId, 'mail.draft')).length, 1);

        const again = await postSignedForm(api.url!, body);
        assert.deepEqual(again, { status: 200, body: { runId, status: 'duplicate' } });
        assert.equal((await probe.runs()).filter((r) => r.id === runId).length, 1);
      },
    );

    it('starts exactly one run when the same submission is delivered 20 times at once', TIMEOUT, async () => {
      const api = await start('api', uniquePrefix('dupes'));
      const runsBefore = await probe.count('workflow_runs');
      const body = formSubmissionBody({
        submissionId: randomUUID(),
        email: `dup-${randomUUID().slice(0, 8)}@cascadefreight.example`,
      });

      const answers = await Promise.all(Array.from({ length: 20 }, () => postSignedForm(api.url!, body)));

      const runIds = new Set(answers.map((a) => a.body.runId));
      assert.equal(
        runIds.size,
        1,
        `every answer names the same run: ${JSON.stringify(answers.map((a) => a.body))}`,
      );
      assert.equal(answers.filter((a) => a.status === 202).length, 1);
      assert.equal(answers.filter((a) => a.status === 200).length, 19);
      assert.equal(await probe.count('workflow_runs'), runsBefore + 1);
    });
  },
);
