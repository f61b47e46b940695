// The RunStore contract as tests, run against every implementation (memory, PGlite, PostgreSQL) so the
// CLI's in-memory store and the database behave the same. Each test works in tenants of its own.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { describeCheckpointBatches } from './run-store-batch-conformance.js';
import { describeConcurrentBatches } from './run-store-concurrent-batch-conformance.js';
import { describeSteps, describeTenantIsolation } from './run-store-step-conformance.js';
import {
  auditActions,
  isAppError,
  latestAudit,
  newRun,
  newTenant,
  type MakeRunStoreHarness,
} from './store-fixtures.js';

export type { RunStoreHarness } from './store-fixtures.js';

export function runRunStoreConformance(name: string, makeHarness: MakeRunStoreHarness): void {
  describe(`RunStore conformance: ${name}`, () => {
    describeCreate(makeHarness);
    describeUpdate(makeHarness);
    describeSteps(makeHarness);
    describeCheckpointBatches(makeHarness);
    describeConcurrentBatches(makeHarness);
    describeTenantIsolation(makeHarness);
  });
}

function describeCreate(make: MakeRunStoreHarness): void {
  it('creates a pending run with ISO times in UTC and the input as JSON', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const input = newRun(tenant);
    const { run, created } = await runStore.createRun(input);
    assert.equal(created, true);
    assert.deepEqual(run, {
      id: input.id,
      tenantId: tenant,
      workflow: 'form-lead',
      idempotencyKey: input.idempotencyKey,
      status: 'pending',
      currentStep: null,
      attempt: 0,
      input: input.input,
      error: null,
      reason: null,
      traceId: 'trace-1',
      createdAt: '2026-11-25T15:00:00.000Z',
      updatedAt: '2026-11-25T15:00:00.000Z',
      finishedAt: null,
    });
    assert.deepEqual(await runStore.findRun(tenant, input.id), run);
    assert.deepEqual(await auditActions(audit, tenant, input.id), ['run.created']);
  });

  it('returns the existing run for a repeated idempotency key, creating nothing', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const first = await runStore.createRun(newRun(tenant, { idempotencyKey: 'same' }));
    const again = newRun(tenant, { idempotencyKey: 'same', input: { other: true } });
    const second = await runStore.createRun(again);
    assert.equal(second.created, false);
    assert.deepEqual(second.run, first.run);
    assert.equal(await runStore.findRun(tenant, again.id), null);
    assert.deepEqual(await auditActions(audit, tenant), ['run.created']);
  });

  it('creates exactly one run when the same key arrives concurrently', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => runStore.createRun(newRun(tenant, { idempotencyKey: 'race' }))),
    );
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal(new Set(results.map((r) => r.run.id)).size, 1);
  });

  it('refuses a second run with the same id under another key', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const first = newRun(tenant);
    await runStore.createRun(first);
    await assert.rejects(runStore.createRun(newRun(tenant, { id: first.id })), isAppError('conflict'));
  });

  it('stores an undefined input as null', async () => {
    const { runStore } = await make();
    const { run } = await runStore.createRun(newRun(newTenant(), { input: undefined }));
    assert.equal(run.input, null);
  });
}

function describeUpdate(make: MakeRunStoreHarness): void {
  it('patches only the given fields and audits a status change with from, to and error', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.updateRun(tenant, run.id, {
      status: 'running',
      attempt: 1,
      updatedAt: '2026-11-25T15:00:01Z',
    });
    const error = { code: 'needs-reauth', message: 'Gmail grant revoked' };
    await runStore.updateRun(tenant, run.id, { status: 'paused', error, updatedAt: '2026-11-25T15:00:02Z' });
    const paused = await runStore.findRun(tenant, run.id);
    assert.deepEqual(paused, {
      ...run,
      status: 'paused',
      attempt: 1,
      error,
      updatedAt: '2026-11-25T15:00:02.000Z',
    });
    const event = await latestAudit(audit, tenant);
    assert.equal(event.action, 'run.paused');
    assert.equal(event.runId, run.id);
    assert.equal(event.at, '2026-11-25T15:00:02.000Z');
    assert.deepEqual(event.details, { from: 'running', to: 'paused', attempt: 1, reason: null, error });
  });

  it('writes no audit event when the status stays the same, and clears fields set to null', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.updateRun(tenant, run.id, {
      status: 'failed',
      error: { code: 'permanent', message: 'x' },
      reason: 'r',
      finishedAt: '2026-11-25T15:09:00Z',
      updatedAt: '2026-11-25T15:09:00Z',
    });
    await runStore.updateRun(tenant, run.id, {
      error: null,
      reason: null,
      finishedAt: null,
      currentStep: 'send',
      updatedAt: '2026-11-25T15:10:00Z',
    });
    const after = await runStore.findRun(tenant, run.id);
    assert.deepEqual(
      {
        status: after?.status,
        error: after?.error,
        reason: after?.reason,
        finishedAt: after?.finishedAt,
        currentStep: after?.currentStep,
      },
      { status: 'failed', error: null, reason: null, finishedAt: null, currentStep: 'send' },
    );
    assert.deepEqual(await auditActions(audit, tenant), ['run.created', 'run.failed']);
  });

  it("keeps a finished run's finishedAt and skip reason", async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.updateRun(tenant, run.id, {
      status: 'skipped',
      reason: 'suppressed',
      finishedAt: '2026-11-25T10:05:00-05:00',
      updatedAt: '2026-11-25T15:05:00Z',
    });
    const skipped = await runStore.findRun(tenant, run.id);
    assert.equal(skipped?.reason, 'suppressed');
    assert.equal(skipped?.finishedAt, '2026-11-25T15:05:00.000Z');
  });

  it('reports an unknown run as not-found', async () => {
    const { runStore } = await make();
    await assert.rejects(
      runStore.updateRun(newTenant(), randomUUID(), { status: 'running', updatedAt: '2026-11-25T15:00:00Z' }),
      isAppError('not-found'),
    );
  });
}
