// The engine's checkpoint batches: how many writes a run costs, that an intent is written with every
// checkpoint before it, that a held-back checkpoint goes out after the delay while a step waits, and
// that a failed batch stops the run instead of letting it carry on unrecorded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../domain/errors.js';
import type { CheckpointBatch, RunStore } from '../domain/ports/run-store.js';
import { createMemoryRunStore, type MemoryRunStore } from '../store/memory-run-store.js';
import { executeRun, type Workflow } from './engine.js';
import { performOnce } from './perform-once.js';

const TENANT = 't1';
const NOW = '2026-11-24T10:00:00.000Z';

/** The memory store, with every batch it was asked to write kept in order; `fail` makes the next one fail. */
function recordingStore(): { store: RunStore; inner: MemoryRunStore; batches: CheckpointBatch[]; failNext: () => void } {
  const inner = createMemoryRunStore();
  const batches: CheckpointBatch[] = [];
  let failNext = false;
  const store: RunStore = {
    createRun: (run) => inner.createRun(run),
    findRun: (t, r) => inner.findRun(t, r),
    listSteps: (t, r) => inner.listSteps(t, r),
    updateRun: (t, r, p) => inner.updateRun(t, r, p),
    startStep: (t, s) => inner.startStep(t, s),
    finishStep: (t, r, s, a, e) => inner.finishStep(t, r, s, a, e),
    startAttempt: (t, r, at) => inner.startAttempt(t, r, at),
    writeCheckpoints: (t, r, batch) => {
      batches.push(structuredClone(batch));
      if (failNext) {
        failNext = false;
        return Promise.reject(new AppError('transient', 'the database went away'));
      }
      return inner.writeCheckpoints(t, r, batch);
    },
  };
  return { store, inner, batches, failNext: () => void (failNext = true) };
}

async function createRun(store: RunStore): Promise<void> {
  await store.createRun({ id: 'r1', tenantId: TENANT, workflow: 'test', idempotencyKey: 'k1', input: {}, traceId: null, createdAt: NOW });
}

const noSleep = (): Promise<void> => Promise.resolve();

describe('checkpoint batches', () => {
  it('writes read-only steps with the next intent and the rest at the end: two batches for one write', async () => {
    const { store, inner, batches } = recordingStore();
    await createRun(store);
    const calls: string[] = [];
    const workflow: Workflow = async (step) => {
      await step.run('read-a', () => Promise.resolve('a'));
      await step.run('read-b', () => Promise.resolve('b'));
      await step.run('write', (ctx) =>
        performOnce({
          ledger: ctx.ledger,
          tenantId: ctx.tenantId,
          runId: ctx.runId,
          stepId: ctx.stepId,
          idempotencyKey: `${ctx.idempotencyKey}:draft`,
          kind: 'mail.draft',
          now: () => ctx.now,
          call: () => (calls.push('draft'), Promise.resolve({ externalId: 'd-1', result: { id: 'd-1' } })),
          reconcile: () => Promise.resolve(null),
        }),
      );
      await step.run('read-c', () => Promise.resolve('c'));
      return { status: 'succeeded', reason: null };
    };
    const result = await executeRun({ store, clock: () => NOW, sleep: noSleep }, TENANT, 'r1', workflow);
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(calls, ['draft']);
    assert.equal(batches.length, 2);
    const [withIntent, last] = batches;
    // The intent goes out with both read steps finished and the write step opened: nothing it depends on is held back.
    assert.deepEqual(
      withIntent?.steps.map((s) => [s.stepId, s.opens, s.end?.status ?? null]),
      [['read-a', true, 'succeeded'], ['read-b', true, 'succeeded'], ['write', true, null]],
    );
    assert.deepEqual(withIntent?.intents.map((i) => i.idempotencyKey), ['t1:r1:write:draft']);
    assert.deepEqual(last?.steps.map((s) => [s.stepId, s.opens, s.end?.status ?? null]), [['write', false, 'succeeded'], ['read-c', true, 'succeeded']]);
    assert.deepEqual(last?.done.map((d) => [d.idempotencyKey, d.externalId]), [['t1:r1:write:draft', 'd-1']]);
    assert.equal(last?.run?.status, 'succeeded');
    const intent = await inner.ledger.recordIntent(TENANT, { idempotencyKey: 't1:r1:write:draft', runId: 'r1', stepId: 'write', kind: 'mail.draft', at: NOW });
    assert.deepEqual([intent.created, intent.record.status, intent.record.externalId], [false, 'done', 'd-1']);
    assert.deepEqual(
      (await store.listSteps(TENANT, 'r1')).map((s) => [s.stepId, s.status]),
      [['read-a', 'succeeded'], ['read-b', 'succeeded'], ['write', 'succeeded'], ['read-c', 'succeeded']],
    );
    assert.equal((await store.findRun(TENANT, 'r1'))?.currentStep, 'read-c');
  });

  it('writes a held-back checkpoint after the delay while a step is still waiting', async () => {
    const { store, batches } = recordingStore();
    await createRun(store);
    let release: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const seenWhileWaiting: string[][] = [];
    const workflow: Workflow = async (step) => {
      await step.run('quick', () => Promise.resolve(1));
      await step.run('slow', async () => {
        await waiting;
        return 2;
      });
      return { status: 'succeeded', reason: null };
    };
    const running = executeRun({ store, clock: () => NOW, sleep: noSleep, checkpointDelayMs: 20 }, TENANT, 'r1', workflow);
    for (let i = 0; i < 100 && batches.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    seenWhileWaiting.push((await store.listSteps(TENANT, 'r1')).map((s) => `${s.stepId}:${s.status}`));
    release();
    assert.equal((await running).status, 'succeeded');
    assert.deepEqual(seenWhileWaiting, [['quick:succeeded', 'slow:running']], 'the dashboard sees the slow step running');
    assert.equal(batches.length, 2);
  });

  it('stops the run when a batch fails, without retrying steps or calling out again', async () => {
    const { store, batches, failNext } = recordingStore();
    await createRun(store);
    const calls: string[] = [];
    const workflow: Workflow = async (step) => {
      await step.run('read', () => Promise.resolve(1));
      await step.run('write', (ctx) =>
        performOnce({
          ledger: ctx.ledger,
          tenantId: ctx.tenantId,
          runId: ctx.runId,
          stepId: ctx.stepId,
          idempotencyKey: `${ctx.idempotencyKey}:task`,
          kind: 'crm.task',
          now: () => ctx.now,
          call: () => (calls.push('task'), Promise.resolve({ externalId: 'task-1', result: {} })),
          reconcile: () => Promise.resolve(null),
        }),
      );
      return { status: 'succeeded', reason: null };
    };
    failNext();
    await assert.rejects(executeRun({ store, clock: () => NOW, sleep: noSleep }, TENANT, 'r1', workflow), /the database went away/);
    assert.deepEqual(calls, [], 'no write without a recorded intent');
    assert.equal(batches.length, 1, 'no further batch after the failed one');
    const run = await store.findRun(TENANT, 'r1');
    assert.equal(run?.status, 'running', 'left for the recovery to resume, like a crashed process');
    assert.deepEqual(await store.listSteps(TENANT, 'r1'), []);

    // Resumed: the lost read step runs again, the write happens once.
    await store.updateRun(TENANT, 'r1', { status: 'pending', updatedAt: NOW });
    const resumed = await executeRun({ store, clock: () => NOW, sleep: noSleep }, TENANT, 'r1', workflow);
    assert.equal(resumed.status, 'succeeded');
    assert.deepEqual(calls, ['task']);
  });

  it('a skipped run writes its steps, the skip and the end in one batch, with every audit event', async () => {
    const { store, inner, batches } = recordingStore();
    await createRun(store);
    const workflow: Workflow = async (step) => {
      await step.run('read', () => Promise.resolve(1));
      await step.skip('act', 'unsubscribed');
      return { status: 'skipped', reason: 'unsubscribed' };
    };
    assert.equal((await executeRun({ store, clock: () => NOW, sleep: noSleep }, TENANT, 'r1', workflow)).status, 'skipped');
    assert.equal(batches.length, 1);
    const events = await inner.audit.list(TENANT, { runId: 'r1', limit: 20 });
    assert.deepEqual(
      events.map((e) => e.action).reverse(),
      ['run.created', 'run.running', 'step.started', 'step.succeeded', 'step.started', 'step.skipped', 'run.skipped'],
    );
  });
});
