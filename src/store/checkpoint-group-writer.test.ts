// Group commit of checkpoint batches: concurrent runs share statements, a run's own batches keep their
// order, and a failure that may have reached the database is never retried. On PGlite and PostgreSQL;
// the conformance suites check what each run gets back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { CheckpointBatch } from '../domain/ports/run-store.js';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { newTenant, startRuns } from '../testing/store-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createCheckpointGroupWriter } from './checkpoint-group-writer.js';
import type { Db } from './database-handle.js';
import { createPostgresRunStore } from './run-store.js';

const AT = '2026-11-25T15:00:01Z';

function opening(stepId: string, done: boolean): CheckpointBatch {
  const end = done
    ? { status: 'succeeded' as const, output: { stepId }, error: null, finishedAt: AT, durationMs: 1 }
    : null;
  return {
    steps: [{ stepId, attempt: 1, startedAt: AT, opens: true, end }],
    done: [],
    intents: [],
    run: { currentStep: stepId, updatedAt: AT },
  };
}

function describeGroupCommit(engine: string, open: () => Promise<TestDatabase>): void {
  describe(`checkpoint group commit on ${engine}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await open();
    });
    after(() => database.drop());

    it('writes the batches of runs handed in together with fewer statements than runs', async () => {
      const store = createPostgresRunStore(database);
      const tenant = newTenant();
      const ids = await startRuns(store, tenant, 10, AT);
      const before = database.stats.queries;
      await Promise.all(ids.map((id) => store.writeCheckpoints(tenant, id, opening('a', true))));
      const statements = database.stats.queries - before;
      assert.ok(statements < ids.length, `${statements} statements for ${ids.length} batches`);
      for (const id of ids)
        assert.deepEqual(
          (await store.listSteps(tenant, id)).map((s) => s.status),
          ['succeeded'],
        );
    });

    it('writes a run’s batches handed in at once one after another, in order', async () => {
      const store = createPostgresRunStore(database);
      const tenant = newTenant();
      const [runId] = await startRuns(store, tenant, 1, AT);
      const id = runId as string;
      const closing: CheckpointBatch = {
        steps: [
          {
            stepId: 'a',
            attempt: 1,
            startedAt: AT,
            opens: false,
            end: { status: 'succeeded', output: 1, error: null, finishedAt: AT, durationMs: 1 },
          },
        ],
        done: [],
        intents: [],
        run: { status: 'succeeded', finishedAt: AT, updatedAt: AT },
      };
      await Promise.all([
        store.writeCheckpoints(tenant, id, opening('a', false)),
        store.writeCheckpoints(tenant, id, closing),
      ]);
      assert.deepEqual(
        (await store.listSteps(tenant, id)).map((s) => [s.stepId, s.status, s.output]),
        [['a', 'succeeded', 1]],
      );
      assert.equal((await store.findRun(tenant, id))?.status, 'succeeded');
    });
  });
}

describeGroupCommit('PGlite', () => openTestDatabase('pglite'));
describeWithPostgres('checkpoint group commit', (postgresUrl) => {
  describeGroupCommit('PostgreSQL', () => openTestDatabase('postgres', { postgresUrl }));
});

describe('checkpoint group commit when the database fails', () => {
  it('does not retry a failure that is not about the batches, and answers every run with it', async () => {
    let statements = 0;
    const lost = new Error('Connection terminated unexpectedly');
    const db = { execute: (_query: SQL) => ((statements += 1), Promise.reject(lost)) } as unknown as Db;
    const writer = createCheckpointGroupWriter(db, { maxConcurrent: 1, maxRuns: 64 });
    const results = await Promise.allSettled(
      ['r1', 'r2', 'r3'].map((id) => writer.write('t', id, opening('a', true))),
    );
    assert.deepEqual(
      results.map((r): unknown => (r.status === 'rejected' ? r.reason : r.status)),
      [lost, lost, lost],
    );
    assert.equal(statements, 1, 'an outcome the client cannot know is not written again');
  });

  it('splits a group the database refused for its data until the refused batch is alone', async () => {
    const sent: number[] = [];
    const refused = Object.assign(new Error('new row violates check constraint'), { code: '23514' });
    // A stand-in for the database that refuses any statement carrying run r3 and answers the others.
    const db = {
      execute: (query: SQL) => {
        // The statement's third parameter is the group's run ids, in order.
        const runs = new PgDialect().sqlToQuery(query).params[2] as string[];
        sent.push(runs.length);
        if (runs.includes('r3')) return Promise.reject(refused);
        return Promise.resolve({
          rows: runs.map((_, k) => ({ k, found: true, steps: 1, done: 0, intents: [] })),
        });
      },
    } as unknown as Db;
    const writer = createCheckpointGroupWriter(db, { maxConcurrent: 1, maxRuns: 64 });
    const results = await Promise.allSettled(
      ['r1', 'r2', 'r3', 'r4'].map((id) => writer.write('t', id, opening('a', true))),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(sent, [4, 2, 2, 1, 1]);
  });
});
