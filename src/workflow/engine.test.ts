import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NeedsReauthError, PermanentError, TransientError } from '../domain/errors.js';
import { createMemoryRunStore } from '../store/memory-run-store.js';
import type { EngineDeps, Workflow } from './engine.js';
import { executeRun } from './engine.js';

const TENANT = 't1';

async function setup(input: unknown = {}): Promise<{ deps: EngineDeps & { store: ReturnType<typeof createMemoryRunStore> }; sleeps: number[] }> {
  const store = createMemoryRunStore();
  await store.createRun({ id: 'r1', tenantId: TENANT, workflow: 'test', idempotencyKey: 'k1', input, traceId: null, createdAt: '2026-11-24T10:00:00.000Z' });
  const sleeps: number[] = [];
  const deps = { store, clock: () => '2026-11-24T10:00:00.000Z', sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()), random: () => 0.5 };
  return { deps, sleeps };
}

describe('executeRun', () => {
  it('returns the run exactly as stored, for a finished run and for a paused one', async () => {
    for (const outcome of ['succeeded', 'paused'] as const) {
      const { deps } = await setup();
      const workflow: Workflow = async (step) => {
        await step.run('a', () => Promise.resolve(1));
        if (outcome === 'paused') await step.run('b', () => Promise.reject(new NeedsReauthError('Gmail token revoked')));
        return { status: 'succeeded', reason: null };
      };
      const result = await executeRun({ ...deps, wallClock: () => Date.parse('2026-11-24T10:00:05.000Z') }, TENANT, 'r1', workflow);
      assert.equal(result.status, outcome);
      assert.deepEqual(result.run, await deps.store.findRun(TENANT, 'r1'));
    }
  });

  it('runs steps in order, checkpoints their JSON output and succeeds', async () => {
    const { deps } = await setup();
    const seen: string[] = [];
    const workflow: Workflow = async (step) => {
      const a = await step.run('a', (ctx) => (seen.push(ctx.idempotencyKey), Promise.resolve({ at: new Date('2026-01-01T00:00:00Z') })));
      assert.deepEqual(a, { at: '2026-01-01T00:00:00.000Z' }, 'the first execution returns what a replay would');
      await step.run('b', () => Promise.resolve(undefined));
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'succeeded');
    const steps = await deps.store.listSteps(TENANT, 'r1');
    assert.deepEqual(steps.map((s) => [s.stepId, s.status, s.attempt]), [['a', 'succeeded', 1], ['b', 'succeeded', 1]]);
    assert.deepEqual(seen, ['t1:r1:a']);
    assert.ok(result.run.finishedAt);
  });

  it('fails the step and the run when a call fails, never recording success', async () => {
    const { deps } = await setup();
    const workflow: Workflow = async (step) => {
      await step.run('ok', () => Promise.resolve(1));
      await step.run('boom', () => Promise.reject(new PermanentError('HubSpot said 400 for task on contact 101')));
      await step.run('never', () => Promise.resolve(2));
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.error, { code: 'permanent', message: 'step boom failed: HubSpot said 400 for task on contact 101' });
    const steps = await deps.store.listSteps(TENANT, 'r1');
    assert.deepEqual(steps.map((s) => [s.stepId, s.status]), [['ok', 'succeeded'], ['boom', 'failed']]);
    assert.equal(steps[1]!.error?.code, 'permanent');
  });

  it('retries a transient failure with backoff that honours retry-after, one attempt row each', async () => {
    const { deps, sleeps } = await setup();
    let calls = 0;
    const workflow: Workflow = async (step) => {
      await step.run('flaky', () => {
        calls++;
        if (calls === 1) return Promise.reject(new TransientError('Gmail 503'));
        if (calls === 2) return Promise.reject(new TransientError('Gmail 429', { retryAfterMs: 7000 }));
        return Promise.resolve('ok');
      });
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'succeeded');
    const steps = await deps.store.listSteps(TENANT, 'r1');
    assert.deepEqual(steps.map((s) => [s.attempt, s.status]), [[1, 'failed'], [2, 'failed'], [3, 'succeeded']]);
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[0]! >= 250 && sleeps[0]! <= 500, `first backoff ${sleeps[0]}`);
    assert.equal(sleeps[1], 7000, 'the server asked for 7 s');
  });

  it('resumes at the first unfinished step, returning stored outputs of finished ones', async () => {
    const { deps } = await setup();
    const calls: string[] = [];
    let crash = true;
    const workflow: Workflow = async (step) => {
      const a = await step.run('a', () => (calls.push('a'), Promise.resolve({ n: 1 })));
      await step.run('b', () => {
        calls.push('b');
        if (crash) throw new PermanentError('injected crash');
        return Promise.resolve({ n: a.n + 1 });
      });
      return { status: 'succeeded', reason: null };
    };
    assert.equal((await executeRun(deps, TENANT, 'r1', workflow)).status, 'failed');
    // A failed run is final; an operator retry puts it back to pending.
    await deps.store.updateRun(TENANT, 'r1', { status: 'pending', finishedAt: null, updatedAt: '2026-11-24T10:01:00.000Z' });
    crash = false;
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(calls, ['a', 'b', 'b']);
    assert.equal(result.run.attempt, 2);
    const b = (await deps.store.listSteps(TENANT, 'r1')).filter((s) => s.stepId === 'b');
    assert.deepEqual(b.map((s) => [s.attempt, s.status]), [[1, 'failed'], [2, 'succeeded']]);
  });

  it('closes a step a crash left running as crashed, then tries it again', async () => {
    const { deps } = await setup();
    await deps.store.updateRun(TENANT, 'r1', { status: 'running', attempt: 1, updatedAt: '2026-11-24T10:00:00.000Z' });
    await deps.store.startStep(TENANT, { runId: 'r1', stepId: 'a', attempt: 1, startedAt: '2026-11-24T10:00:00.000Z' });
    const workflow: Workflow = async (step) => {
      await step.run('a', () => Promise.resolve('done'));
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'succeeded');
    const steps = await deps.store.listSteps(TENANT, 'r1');
    assert.deepEqual(steps.map((s) => [s.attempt, s.status, s.error?.code ?? null]), [[1, 'failed', 'crashed'], [2, 'succeeded', null]]);
  });

  it('records skipped steps once and ends skipped with the reason', async () => {
    const { deps } = await setup();
    const workflow: Workflow = async (step) => {
      await step.skip('write', 'no action (unsubscribed)');
      return { status: 'skipped', reason: 'no action (unsubscribed)' };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'skipped');
    assert.equal(result.run.reason, 'no action (unsubscribed)');
    const steps = await deps.store.listSteps(TENANT, 'r1');
    assert.deepEqual(steps.map((s) => [s.stepId, s.status, s.output]), [['write', 'skipped', { reason: 'no action (unsubscribed)' }]]);
  });

  it('pauses the run when a connector needs re-authorisation', async () => {
    const { deps } = await setup();
    const workflow: Workflow = async (step) => {
      await step.run('gmail', () => Promise.reject(new NeedsReauthError('Google refresh token revoked')));
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'paused');
    assert.equal(result.error?.code, 'needs-reauth');
    assert.equal(result.run.finishedAt, null);
  });

  it('refuses a step id used twice in one run', async () => {
    const { deps } = await setup();
    const workflow: Workflow = async (step) => {
      await step.run('a', () => Promise.resolve(1));
      await step.run('a', () => Promise.resolve(2));
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(result.status, 'failed');
    assert.match(result.error?.message ?? '', /step id a used twice/);
  });

  it('does not execute a run that already finished', async () => {
    const { deps } = await setup();
    let calls = 0;
    const workflow: Workflow = async (step) => {
      await step.run('a', () => Promise.resolve(++calls));
      return { status: 'succeeded', reason: null };
    };
    await executeRun(deps, TENANT, 'r1', workflow);
    const again = await executeRun(deps, TENANT, 'r1', workflow);
    assert.equal(again.status, 'succeeded');
    assert.equal(calls, 1);
  });
});
