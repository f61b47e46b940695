// The RunStore contract for steps and tenants: attempts, their order, their audit events, and that no
// tenant ever reaches another's run. Part of runRunStoreConformance.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { isAppError, latestAudit, newRun, newTenant, type MakeRunStoreHarness } from './store-fixtures.js';

export function describeSteps(make: MakeRunStoreHarness): void {
  it('starting a step marks the run running at that step and audits step.started', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'research-prospect',
      attempt: 1,
      startedAt: '2026-11-25T15:00:05Z',
    });
    const running = await runStore.findRun(tenant, run.id);
    assert.deepEqual(
      [running?.status, running?.currentStep, running?.updatedAt],
      ['running', 'research-prospect', '2026-11-25T15:00:05.000Z'],
    );
    assert.deepEqual(await runStore.listSteps(tenant, run.id), [
      {
        runId: run.id,
        stepId: 'research-prospect',
        attempt: 1,
        status: 'running',
        output: null,
        error: null,
        startedAt: '2026-11-25T15:00:05.000Z',
        finishedAt: null,
        durationMs: null,
      },
    ]);
    const event = await latestAudit(audit, tenant);
    assert.deepEqual(
      [event.action, event.stepId, event.details, event.at],
      ['step.started', 'research-prospect', { attempt: 1 }, '2026-11-25T15:00:05.000Z'],
    );
  });

  it('finishing a step records its output or error and audits the outcome', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    const error = { code: 'transient', message: 'HubSpot 503' };
    const output = { contactId: '42', talkingPoints: ['Uses Ünïcödé', 'x'], nested: { n: 3, flag: false } };
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'a',
      attempt: 1,
      startedAt: '2026-11-25T15:00:00Z',
    });
    await runStore.finishStep(tenant, run.id, 'a', 1, {
      status: 'failed',
      output: null,
      error,
      finishedAt: '2026-11-25T15:00:01Z',
      durationMs: 1000.4,
    });
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'a',
      attempt: 2,
      startedAt: '2026-11-25T15:00:02Z',
    });
    await runStore.finishStep(tenant, run.id, 'a', 2, {
      status: 'succeeded',
      output,
      error: null,
      finishedAt: '2026-11-25T15:00:03Z',
      durationMs: 12,
    });
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'b',
      attempt: 1,
      startedAt: '2026-11-25T15:00:04Z',
    });
    await runStore.finishStep(tenant, run.id, 'b', 1, {
      status: 'skipped',
      output: { reason: 'no slots' },
      error: null,
      finishedAt: '2026-11-25T15:00:04Z',
      durationMs: 0,
    });
    const steps = await runStore.listSteps(tenant, run.id);
    assert.deepEqual(
      steps.map((s) => [s.stepId, s.attempt, s.status, s.durationMs]),
      [
        ['a', 1, 'failed', 1000],
        ['a', 2, 'succeeded', 12],
        ['b', 1, 'skipped', 0],
      ],
    );
    assert.deepEqual(steps[0]?.error, error);
    assert.deepEqual(steps[1]?.output, output);
    assert.equal(steps[1]?.finishedAt, '2026-11-25T15:00:03.000Z');
    const events = (await audit.list(tenant, { runId: run.id, limit: 10 })).reverse();
    assert.deepEqual(
      events.map((e) => e.action),
      [
        'run.created',
        'step.started',
        'step.failed',
        'step.started',
        'step.succeeded',
        'step.started',
        'step.skipped',
      ],
    );
    assert.deepEqual(events[2]?.details, { attempt: 1, durationMs: 1000, error });
    assert.deepEqual(events[4]?.details, { attempt: 2, durationMs: 12 });
  });

  it('lists attempts that started at the same instant by attempt, then in the order they were started', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    const at = '2026-11-25T15:00:00Z';
    for (const [stepId, attempt] of [
      ['z', 2],
      ['y', 1],
      ['x', 1],
      ['w', 3],
    ] as const) {
      await runStore.startStep(tenant, { runId: run.id, stepId, attempt, startedAt: at });
    }
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'early',
      attempt: 1,
      startedAt: '2026-11-25T14:59:59Z',
    });
    const order = (await runStore.listSteps(tenant, run.id)).map((s) => `${s.stepId}#${s.attempt}`);
    assert.deepEqual(order, ['early#1', 'y#1', 'x#1', 'z#2', 'w#3']);
  });

  it('starting an attempt that already has a row restarts it', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'a',
      attempt: 1,
      startedAt: '2026-11-25T15:00:00Z',
    });
    await runStore.finishStep(tenant, run.id, 'a', 1, {
      status: 'failed',
      output: { partial: 1 },
      error: { code: 'crashed', message: 'x' },
      finishedAt: '2026-11-25T15:00:01Z',
      durationMs: 5,
    });
    await runStore.startStep(tenant, {
      runId: run.id,
      stepId: 'a',
      attempt: 1,
      startedAt: '2026-11-25T15:01:00Z',
    });
    assert.deepEqual(await runStore.listSteps(tenant, run.id), [
      {
        runId: run.id,
        stepId: 'a',
        attempt: 1,
        status: 'running',
        output: null,
        error: null,
        startedAt: '2026-11-25T15:01:00.000Z',
        finishedAt: null,
        durationMs: null,
      },
    ]);
  });

  it('reports a step of an unknown run, or an attempt never started, as not-found', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    await assert.rejects(
      runStore.startStep(tenant, {
        runId: randomUUID(),
        stepId: 'a',
        attempt: 1,
        startedAt: '2026-11-25T15:00:00Z',
      }),
      isAppError('not-found'),
    );
    const { run } = await runStore.createRun(newRun(tenant));
    const end = {
      status: 'succeeded' as const,
      output: null,
      error: null,
      finishedAt: '2026-11-25T15:00:00Z',
      durationMs: 1,
    };
    await assert.rejects(runStore.finishStep(tenant, run.id, 'a', 1, end), isAppError('not-found'));
  });
}

export function describeTenantIsolation(make: MakeRunStoreHarness): void {
  it("never lets one tenant read or change another tenant's run", async () => {
    const { runStore, audit } = await make();
    const [tenantA, tenantB] = [newTenant(), newTenant()];
    const { run } = await runStore.createRun(newRun(tenantA, { idempotencyKey: 'shared-key' }));
    await runStore.startStep(tenantA, {
      runId: run.id,
      stepId: 'a',
      attempt: 1,
      startedAt: '2026-11-25T15:00:00Z',
    });
    const before = await runStore.findRun(tenantA, run.id);

    assert.equal(await runStore.findRun(tenantB, run.id), null);
    assert.deepEqual(await runStore.listSteps(tenantB, run.id), []);
    await assert.rejects(
      runStore.updateRun(tenantB, run.id, { status: 'failed', updatedAt: '2026-11-25T16:00:00Z' }),
      isAppError('not-found'),
    );
    await assert.rejects(
      runStore.startStep(tenantB, {
        runId: run.id,
        stepId: 'b',
        attempt: 1,
        startedAt: '2026-11-25T16:00:00Z',
      }),
      isAppError('not-found'),
    );
    const end = {
      status: 'succeeded' as const,
      output: null,
      error: null,
      finishedAt: '2026-11-25T16:00:00Z',
      durationMs: 1,
    };
    await assert.rejects(runStore.finishStep(tenantB, run.id, 'a', 1, end), isAppError('not-found'));
    assert.deepEqual(await runStore.findRun(tenantA, run.id), before);
    assert.equal((await runStore.listSteps(tenantA, run.id))[0]?.status, 'running');
    assert.deepEqual(await audit.list(tenantB, { limit: 10 }), []);

    const other = await runStore.createRun(newRun(tenantB, { idempotencyKey: 'shared-key' }));
    assert.equal(other.created, true, 'idempotency keys are per tenant');
  });
}
