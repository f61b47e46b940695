// The RunStore contract for attempts and checkpoint batches: startAttempt, and writeCheckpoints with
// its step rows, audit events in order, side-effect intents and outcomes, and the run's fields, all
// written together or not at all. Part of runRunStoreConformance.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CheckpointBatch, StepEnd } from '../domain/ports/run-store.js';
import { auditActions, isAppError, newRun, newTenant, type MakeRunStoreHarness } from './store-fixtures.js';

const EMPTY: CheckpointBatch = { steps: [], done: [], intents: [], run: null };

function ended(status: StepEnd['status'], output: unknown, finishedAt: string, durationMs = 1000): StepEnd {
  return { status, output, error: null, finishedAt, durationMs };
}

export function describeCheckpointBatches(make: MakeRunStoreHarness): void {
  it('startAttempt runs the next attempt of a run that is not final, and audits run.running', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.updateRun(tenant, run.id, { error: { code: 'transient', message: 'x' }, updatedAt: '2026-11-25T15:00:00Z' });
    const first = await runStore.startAttempt(tenant, run.id, '2026-11-25T15:00:01Z');
    assert.deepEqual(
      [first?.status, first?.attempt, first?.error, first?.updatedAt],
      ['running', 1, null, '2026-11-25T15:00:01.000Z'],
    );
    const second = await runStore.startAttempt(tenant, run.id, '2026-11-25T15:00:02Z');
    assert.equal(second?.attempt, 2);
    assert.deepEqual(await auditActions(audit, tenant, run.id), ['run.created', 'run.running']);
    await runStore.updateRun(tenant, run.id, { status: 'succeeded', updatedAt: '2026-11-25T15:00:03Z' });
    assert.equal(await runStore.startAttempt(tenant, run.id, '2026-11-25T15:00:04Z'), null, 'a final run is not started');
    assert.equal((await runStore.findRun(tenant, run.id))?.attempt, 2);
    assert.equal(await runStore.startAttempt(tenant, 'no-such-run', '2026-11-25T15:00:04Z'), null);
  });

  it('writes opened and finished steps, the run fields and every audit event of a batch, in order', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.startAttempt(tenant, run.id, '2026-11-25T15:00:00Z');
    const output = { thread: { id: 't-1', messages: ['Grüße', 'x'] }, n: 2 };
    await runStore.writeCheckpoints(tenant, run.id, {
      ...EMPTY,
      steps: [
        { stepId: 'a', attempt: 1, startedAt: '2026-11-25T15:00:01Z', opens: true, end: ended('succeeded', output, '2026-11-25T15:00:02Z') },
        { stepId: 'b', attempt: 1, startedAt: '2026-11-25T15:00:02Z', opens: true, end: null },
      ],
      run: { currentStep: 'b', updatedAt: '2026-11-25T15:00:02Z' },
    });
    const failure = { code: 'transient', message: 'Gmail 503' };
    await runStore.writeCheckpoints(tenant, run.id, {
      ...EMPTY,
      steps: [
        { stepId: 'b', attempt: 1, startedAt: '2026-11-25T15:00:02Z', opens: false, end: { status: 'failed', output: null, error: failure, finishedAt: '2026-11-25T15:00:03Z', durationMs: 999.6 } },
        { stepId: 'b', attempt: 2, startedAt: '2026-11-25T15:00:04Z', opens: true, end: ended('skipped', { reason: 'nothing to do' }, '2026-11-25T15:00:04Z', 0) },
      ],
      run: { status: 'skipped', reason: 'nothing to do', currentStep: 'b', finishedAt: '2026-11-25T15:00:05Z', updatedAt: '2026-11-25T15:00:05Z' },
    });
    const steps = await runStore.listSteps(tenant, run.id);
    assert.deepEqual(
      steps.map((s) => [s.stepId, s.attempt, s.status, s.error?.code ?? null, s.durationMs, s.finishedAt]),
      [
        ['a', 1, 'succeeded', null, 1000, '2026-11-25T15:00:02.000Z'],
        ['b', 1, 'failed', 'transient', 1000, '2026-11-25T15:00:03.000Z'],
        ['b', 2, 'skipped', null, 0, '2026-11-25T15:00:04.000Z'],
      ],
    );
    assert.deepEqual(steps[0]?.output, output);
    const stored = await runStore.findRun(tenant, run.id);
    assert.deepEqual(
      [stored?.status, stored?.currentStep, stored?.reason, stored?.finishedAt],
      ['skipped', 'b', 'nothing to do', '2026-11-25T15:00:05.000Z'],
    );
    assert.deepEqual(await auditActions(audit, tenant, run.id), [
      'run.created',
      'run.running',
      'step.started',
      'step.succeeded',
      'step.started',
      'step.failed',
      'step.started',
      'step.skipped',
      'run.skipped',
    ]);
    const events = await audit.list(tenant, { runId: run.id, limit: 100 });
    const failed = events.find((e) => e.action === 'step.failed');
    assert.deepEqual(failed?.details, { attempt: 1, durationMs: 1000, error: failure });
    const finished = events.find((e) => e.action === 'run.skipped');
    assert.deepEqual(finished?.details, { from: 'running', to: 'skipped', attempt: 1, reason: 'nothing to do', error: null });
  });

  it('a batch of run fields alone changes the run and audits its status change', async () => {
    const { runStore, audit } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.startAttempt(tenant, run.id, '2026-11-25T15:00:00Z');
    const error = { code: 'permanent', message: 'HubSpot 400' };
    await runStore.writeCheckpoints(tenant, run.id, {
      ...EMPTY,
      run: { status: 'failed', error, finishedAt: '2026-11-25T15:00:03Z', updatedAt: '2026-11-25T15:00:03Z' },
    });
    const stored = await runStore.findRun(tenant, run.id);
    assert.deepEqual([stored?.status, stored?.error, stored?.finishedAt], ['failed', error, '2026-11-25T15:00:03.000Z']);
    const events = await audit.list(tenant, { runId: run.id, limit: 10 });
    assert.deepEqual(
      events.map((e) => [e.action, e.details]).reverse(),
      [
        ['run.created', { workflow: 'form-lead', idempotencyKey: run.idempotencyKey }],
        ['run.running', { from: 'pending', to: 'running', attempt: 1, reason: null, error: null }],
        ['run.failed', { from: 'running', to: 'failed', attempt: 1, reason: null, error }],
      ],
    );
  });

  it('records intents with the checkpoints, answers each like recordIntent, and records outcomes', async () => {
    const { runStore, ledger } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    const intent = (suffix: string) => ({ idempotencyKey: `${run.id}:${suffix}`, runId: run.id, stepId: 'write', kind: 'mail.draft', at: '2026-11-25T15:00:01Z' });
    const earlier = await ledger.recordIntent(tenant, intent('earlier'));
    const { intents } = await runStore.writeCheckpoints(tenant, run.id, {
      ...EMPTY,
      steps: [{ stepId: 'write', attempt: 1, startedAt: '2026-11-25T15:00:01Z', opens: true, end: null }],
      intents: [intent('draft'), intent('earlier')],
    });
    assert.deepEqual(
      intents.map((i) => [i.record.idempotencyKey, i.record.status, i.created]),
      [
        [`${run.id}:draft`, 'intent', true],
        [`${run.id}:earlier`, 'intent', false],
      ],
    );
    assert.deepEqual(intents[1]?.record, earlier.record);
    assert.equal(intents[0]?.record.createdAt, '2026-11-25T15:00:01.000Z');
    await runStore.writeCheckpoints(tenant, run.id, {
      ...EMPTY,
      done: [{ idempotencyKey: `${run.id}:draft`, externalId: 'd-1', result: { draftId: 'd-1', threadId: 't' }, at: '2026-11-25T15:00:02Z' }],
    });
    const again = await ledger.recordIntent(tenant, intent('draft'));
    assert.deepEqual(
      [again.created, again.record.status, again.record.externalId, again.record.result, again.record.updatedAt],
      [false, 'done', 'd-1', { draftId: 'd-1', threadId: 't' }, '2026-11-25T15:00:02.000Z'],
    );
  });

  it('writes nothing for a run that is not there, or of another tenant', async () => {
    const { runStore, ledger } = await make();
    const tenant = newTenant();
    const other = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    const batch: CheckpointBatch = {
      steps: [{ stepId: 'a', attempt: 1, startedAt: '2026-11-25T15:00:01Z', opens: true, end: null }],
      done: [],
      intents: [{ idempotencyKey: `${run.id}:x`, runId: run.id, stepId: 'a', kind: 'k', at: '2026-11-25T15:00:01Z' }],
      run: { status: 'failed', updatedAt: '2026-11-25T15:00:01Z' },
    };
    await assert.rejects(runStore.writeCheckpoints(other, run.id, batch), isAppError('not-found'));
    await assert.rejects(runStore.writeCheckpoints(tenant, 'no-such-run', batch), isAppError('not-found'));
    assert.deepEqual(await runStore.listSteps(tenant, run.id), []);
    assert.equal((await runStore.findRun(tenant, run.id))?.status, 'pending');
    assert.equal((await ledger.recordIntent(tenant, { idempotencyKey: `${run.id}:x`, runId: run.id, stepId: 'a', kind: 'k', at: '2026-11-25T15:00:09Z' })).created, true);
  });

  it('refuses to close a step attempt that was never opened', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const { run } = await runStore.createRun(newRun(tenant));
    const batch: CheckpointBatch = {
      ...EMPTY,
      steps: [{ stepId: 'a', attempt: 1, startedAt: '2026-11-25T15:00:01Z', opens: false, end: ended('succeeded', 1, '2026-11-25T15:00:02Z') }],
    };
    await assert.rejects(runStore.writeCheckpoints(tenant, run.id, batch), (e: unknown) => isAppError('not-found')(e) || isAppError('internal')(e));
  });
}
