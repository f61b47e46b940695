// A worker killed with SIGKILL in the middle of a run: another worker takes the run over once the dead
// worker's lease (and BullMQ lock) runs out, closes the interrupted step as crashed, and finishes the
// run once, with one draft and one Gmail draft write. The demo connectors are slowed down
// (SALES_AGENT_DEMO_DELAY_MS, test-only) so the kill lands inside a step.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { FORM_LEAD_STEPS } from '../../src/workflow/form-lead/form-lead-steps.js';
import { eventually } from '../support/eventually.js';
import { openPgProbe, type PgProbe } from '../support/pg-probe.js';
import { deleteKeys, newQueuePrefix } from '../support/redis-keys.js';
import { describeWithPostgresAndRedis } from '../support/service-env.js';
import { spawnService, type ServiceProcess } from '../support/service-process.js';
import { formSubmissionBody, postSignedForm, TEST_CLIENT_SECRET } from '../support/signed-webhook.js';

/**
 * The step killed in flight: it writes the contact to the CRM. Not a later step: the demo connectors
 * keep their records in the worker's memory, so a record written by the killed worker is gone with it,
 * and a takeover after resolve-contact would fail for the demo's sake, not the service's.
 */
const KILLED_STEP = 'resolve-contact';

describeWithPostgresAndRedis('a worker killed in the middle of a run', ({ postgresUrl, redisUrl }) => {
  let database: TestDatabase;
  let probe: PgProbe;
  const prefix = newQueuePrefix('crash');
  const processes: ServiceProcess[] = [];

  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    probe = openPgProbe(database.url!);
  });

  after(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await probe?.close();
    await database?.drop();
    await deleteKeys(redisUrl, prefix);
  });

  async function start(role: 'api' | 'worker', extra: Record<string, string> = {}): Promise<ServiceProcess> {
    const env = {
      DATABASE_URL: database.url!,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
      RUN_LEASE_MS: '3000',
      RECONCILE_INTERVAL_MS: '500',
      ...extra,
    };
    const service = await spawnService({ role, env });
    processes.push(service);
    return service;
  }

  it(
    'is taken over by another worker and the run finishes once, with one draft',
    { timeout: 180_000 },
    async () => {
      const api = await start('api');
      const doomed = await start('worker', { SALES_AGENT_DEMO_DELAY_MS: '500' });
      const answer = await postSignedForm(api.url!, formSubmissionBody({ submissionId: randomUUID() }));
      assert.equal(answer.status, 202);
      const runId = answer.body.runId!;

      await eventually(
        `step ${KILLED_STEP} to be in flight`,
        async () =>
          (await probe.steps(runId)).some((s) => s.step_id === KILLED_STEP && s.status === 'running'),
        { intervalMs: 20 },
      );
      await doomed.kill();

      const atKill = await probe.steps(runId);
      const inFlight = atKill.filter((s) => s.status === 'running');
      assert.deepEqual(
        inFlight.map((s) => s.step_id),
        [KILLED_STEP],
        'the kill landed inside the step',
      );
      assert.equal((await probe.run(runId))?.status, 'running');

      const rescuer = await start('worker');
      const finished = await eventually(
        'the second worker to finish the run',
        async () => {
          const run = await probe.run(runId);
          return run !== null && ['succeeded', 'failed', 'skipped'].includes(run.status) ? run : null;
        },
        { timeoutMs: 120_000 },
      );
      const steps = await probe.steps(runId);
      assert.equal(
        finished.status,
        'succeeded',
        JSON.stringify({ finished, steps }, null, 1) + rescuer.output().slice(-4000),
      );

      const killed = steps
        .filter((s) => s.step_id === KILLED_STEP)
        .map((s) => [s.attempt, s.status, s.error_code]);
      assert.deepEqual(killed, [
        [1, 'failed', 'crashed'],
        [2, 'succeeded', null],
      ]);
      for (const stepId of FORM_LEAD_STEPS) {
        const succeeded = steps.filter((s) => s.step_id === stepId && s.status === 'succeeded');
        assert.equal(succeeded.length, 1, `step ${stepId} succeeded exactly once`);
      }
      assert.deepEqual(await probe.drafts(runId), [{ id: `draft-${runId}`, state: 'pending' }]);
      const gmailDrafts = await probe.sideEffects(runId, 'mail.draft');
      assert.equal(gmailDrafts.length, 1);
      assert.equal(gmailDrafts[0]?.status, 'done');
    },
  );
});
