// The RunStore contract for checkpoint batches of many runs at once, as a worker with many runs in
// flight writes them: each run gets its own answer and its own records, whatever else was written at the
// same time (the SQL stores write concurrent batches in shared statements), and one run's bad batch
// fails that run alone. Part of runRunStoreConformance.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { CheckpointBatch, StepEnd } from '../domain/ports/run-store.js';
import {
  auditActions,
  isAppError,
  newTenant,
  startRuns,
  type MakeRunStoreHarness,
} from './store-fixtures.js';

const AT = '2026-11-25T15:00:01Z';

function succeeded(output: unknown): StepEnd {
  return { status: 'succeeded', output, error: null, finishedAt: '2026-11-25T15:00:02Z', durationMs: 5 };
}

/** A run's first batch: two finished steps and a third one opened, with an intent for the third. */
function firstBatch(runId: string, n: number): CheckpointBatch {
  return {
    steps: [
      { stepId: 'a', attempt: 1, startedAt: AT, opens: true, end: succeeded({ run: n, step: 'a' }) },
      { stepId: 'b', attempt: 1, startedAt: AT, opens: true, end: succeeded({ run: n, step: 'b' }) },
      { stepId: 'c', attempt: 1, startedAt: AT, opens: true, end: null },
    ],
    done: [],
    intents: [{ idempotencyKey: `${runId}:draft`, runId, stepId: 'c', kind: 'mail.draft', at: AT }],
    run: { currentStep: 'c', updatedAt: AT },
  };
}

/** Its last batch: the write's outcome, the third step closed and the run finished. */
function lastBatch(runId: string, n: number): CheckpointBatch {
  return {
    steps: [{ stepId: 'c', attempt: 1, startedAt: AT, opens: false, end: succeeded({ run: n, step: 'c' }) }],
    done: [
      {
        idempotencyKey: `${runId}:draft`,
        externalId: `draft-${n}`,
        result: { n },
        at: '2026-11-25T15:00:02Z',
      },
    ],
    intents: [],
    run: { status: 'succeeded', finishedAt: '2026-11-25T15:00:03Z', updatedAt: '2026-11-25T15:00:03Z' },
  };
}

export function describeConcurrentBatches(make: MakeRunStoreHarness): void {
  it('answers and records each of many runs writing batches at the same time', async () => {
    const { runStore, audit, ledger } = await make();
    const tenant = newTenant();
    const ids = await startRuns(runStore, tenant, 12, AT);
    const first = await Promise.all(
      ids.map((id, n) => runStore.writeCheckpoints(tenant, id, firstBatch(id, n))),
    );
    first.forEach(({ intents }, n) => {
      assert.deepEqual(
        intents.map((i) => [i.record.idempotencyKey, i.record.runId, i.record.status, i.created]),
        [[`${ids[n]}:draft`, ids[n], 'intent', true]],
      );
    });
    await Promise.all(ids.map((id, n) => runStore.writeCheckpoints(tenant, id, lastBatch(id, n))));
    for (const [n, id] of ids.entries()) {
      const steps = await runStore.listSteps(tenant, id);
      assert.deepEqual(
        steps.map((s) => [s.stepId, s.status, s.output]),
        ['a', 'b', 'c'].map((step) => [step, 'succeeded', { run: n, step }]),
      );
      assert.deepEqual(await auditActions(audit, tenant, id), [
        'run.created',
        'run.running',
        'step.started',
        'step.succeeded',
        'step.started',
        'step.succeeded',
        'step.started',
        'step.succeeded',
        'run.succeeded',
      ]);
      const run = await runStore.findRun(tenant, id);
      assert.deepEqual(
        [run?.status, run?.currentStep, run?.finishedAt],
        ['succeeded', 'c', '2026-11-25T15:00:03.000Z'],
      );
      const draft = await ledger.recordIntent(tenant, {
        idempotencyKey: `${id}:draft`,
        runId: id,
        stepId: 'c',
        kind: 'mail.draft',
        at: AT,
      });
      assert.deepEqual(
        [draft.created, draft.record.externalId, draft.record.result],
        [false, `draft-${n}`, { n }],
      );
    }
  });

  it('fails only the run whose batch the store refuses, when others are written at the same time', async () => {
    const { runStore } = await make();
    const tenant = newTenant();
    const ids = await startRuns(runStore, tenant, 6, AT);
    // A status the step table does not allow: the database refuses the statement that carries it.
    const refused = {
      status: 'exploded',
      output: null,
      error: null,
      finishedAt: AT,
      durationMs: 0,
    } as unknown as StepEnd;
    const batches = ids.map((id, n): CheckpointBatch =>
      n === 2
        ? {
            ...firstBatch(id, n),
            steps: [{ stepId: 'a', attempt: 1, startedAt: AT, opens: true, end: refused }],
          }
        : firstBatch(id, n),
    );
    const missing = assert.rejects(
      runStore.writeCheckpoints(tenant, 'no-such-run', firstBatch('no-such-run', 99)),
      isAppError('not-found'),
    );
    const results = await Promise.allSettled(
      ids.map((id, n) => runStore.writeCheckpoints(tenant, id, batches[n] as CheckpointBatch)),
    );
    await missing;
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
    );
    assert.deepEqual(
      await runStore.listSteps(tenant, ids[2] as string),
      [],
      'nothing of the refused batch was written',
    );
    for (const id of ids.filter((_, n) => n !== 2))
      assert.equal((await runStore.listSteps(tenant, id)).length, 3);
  });
}
