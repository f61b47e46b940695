// Intake under concurrency: leads arriving together share their write, and each caller still gets the
// answer for its own lead. Runs on the memory stores and, when a URL is set, on PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { loadExampleWorkspace } from '../connectors/demo/test-workspace.js';
import { AppError } from '../domain/errors.js';
import type { IntakeRecord, IntakeStore } from '../domain/ports/intake-store.js';
import type { RunJob } from '../domain/ports/job-queue.js';
import { createMemoryQueue } from '../queue/memory-queue.js';
import { createMemoryStores, createPostgresStores, type Stores } from '../store/stores.js';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createServices } from './create-services.js';
import type { GroupCommitOptions } from './group-commit.js';
import type { IntakeOutcome } from './service-types.js';

const TENANT = 'default';
const TEMPLATE = JSON.parse(readFileSync('examples/leads/new-prospect.json', 'utf8')) as Record<
  string,
  unknown
>;

/** Each test's leads are its own: tests on PostgreSQL share one database. */
let series = randomUUID();

/** The example lead as its own submission n: its own HubSpot submission id and email. */
function leadNumber(n: number, extra: Record<string, unknown> = {}): { rawBody: string; payload: unknown } {
  const payload = {
    ...TEMPLATE,
    formSubmissionId: `${series}-${n}`,
    fieldValues: [
      { name: 'email', value: `lead-${n}@cascadefreight.example` },
      { name: 'company', value: `Company ${n}` },
    ],
    ...extra,
  };
  return { rawBody: JSON.stringify(payload), payload };
}

/** The intake store with every recordSubmissions call recorded, and optionally refused. */
function watched(intake: IntakeStore, refuse: (items: readonly IntakeRecord[]) => boolean = () => false) {
  const batches: number[] = [];
  const store: IntakeStore = {
    recordSubmission: (s, r) => intake.recordSubmission(s, r),
    findRunIdByIdempotencyKey: (t, k) => intake.findRunIdByIdempotencyKey(t, k),
    findSubmissionForRun: (t, r) => intake.findSubmissionForRun(t, r),
    recordSubmissions: (items) => {
      batches.push(items.length);
      if (refuse(items)) return Promise.reject(new Error('connection terminated unexpectedly'));
      return intake.recordSubmissions(items);
    },
  };
  return { store, batches };
}

async function setup(
  base: Stores,
  options: { batch?: Partial<GroupCommitOptions>; refuse?: (items: readonly IntakeRecord[]) => boolean } = {},
) {
  series = randomUUID();
  const workspace = await loadExampleWorkspace();
  const intake = watched(base.intake, options.refuse);
  const stores = { ...base, intake: intake.store };
  const jobs: RunJob[] = [];
  const queue = createMemoryQueue();
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (job, opts) => (jobs.push(job), enqueue(job, opts));
  let ids = 0;
  const { services } = createServices(
    {
      stores,
      queue,
      connectorsFor: () => {
        throw new Error('intake does no workflow work');
      },
      initialSettings: () => workspace.settings,
      clock: () => new Date('2026-11-24T15:00:00.000Z'),
      newId: () => `id-${process.pid}-${Date.now()}-${++ids}`,
      globalKillSwitch: false,
    },
    {
      intake: {
        maxQueueDepth: 100_000,
        retryAfterMs: 1500,
        ...(options.batch ? { batch: options.batch } : {}),
      },
      executor: {
        workerId: 'w1',
        leaseMs: 30_000,
        maxRunAttempts: 1,
        runRetry: { baseDelayMs: 1, maxDelayMs: 1 },
      },
      pingDatabase: () => Promise.resolve(),
    },
  );
  const submit = (lead: { rawBody: string; payload: unknown }): Promise<IntakeOutcome> =>
    services.intake.submit({ tenantId: TENANT, route: 'hubspot-forms', ...lead });
  return { submit, services, stores, jobs, batches: intake.batches };
}

function runBatchingTests(name: string, makeStores: () => Stores) {
  describe(`intake batching: ${name}`, () => {
    it('stores 60 concurrent leads in shared batches, each answered with the run holding its own lead', async () => {
      const s = await setup(makeStores(), { batch: { maxItems: 16 } });
      const leads = Array.from({ length: 60 }, (_, n) => leadNumber(n));
      const outcomes = await Promise.all(leads.map(s.submit));
      assert.ok(
        outcomes.every((o) => o.kind === 'accepted'),
        JSON.stringify(outcomes),
      );
      const runIds = outcomes.map((o) => (o.kind === 'accepted' ? o.runId : ''));
      assert.equal(new Set(runIds).size, 60);
      for (const [n, runId] of runIds.entries()) {
        const submission = await s.stores.intake.findSubmissionForRun(TENANT, runId);
        assert.equal(submission?.rawPayload, leads[n]?.rawBody, `lead ${n} answered with its own run`);
        const run = await s.stores.runStore.findRun(TENANT, runId);
        assert.deepEqual(
          (run?.input as { payload?: unknown }).payload,
          leads[n]?.payload,
          'the run input keeps the payload',
        );
      }
      assert.ok(
        s.batches.length < 60 && s.batches.every((size) => size <= 16),
        `batches: ${s.batches.join(',')}`,
      );
      assert.deepEqual(
        [...s.jobs].map((j) => j.runId).sort(),
        [...runIds].sort(),
        'each new run enqueued once',
      );
    });

    it('starts one run for 20 concurrent deliveries of one lead; the others get its id as duplicates', async () => {
      const s = await setup(makeStores());
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => s.submit(leadNumber(7))));
      const accepted = outcomes.filter((o) => o.kind === 'accepted');
      assert.equal(accepted.length, 1);
      const runId = accepted[0]?.kind === 'accepted' ? accepted[0].runId : '';
      assert.deepEqual(
        outcomes.filter((o) => o.kind !== 'accepted'),
        Array.from({ length: 19 }, () => ({ kind: 'duplicate', runId })),
      );
      assert.deepEqual(s.jobs, [{ tenantId: TENANT, runId, attempt: 0 }]);
      assert.ok(
        s.batches.some((size) => size > 1),
        'the deliveries shared a batch',
      );
    });

    it('fails with a transient error (503) only the requests of a batch the database refused', async () => {
      const poison = 'lead-3@cascadefreight.example';
      const s = await setup(makeStores(), {
        batch: { maxItems: 2, maxConcurrent: 1 },
        refuse: (items) => items.some((i) => i.run.email === poison),
      });
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => s.submit(leadNumber(n))));
      const failed = results.flatMap((r, n) => (r.status === 'rejected' ? [n] : []));
      assert.deepEqual(failed, [2, 3], 'lead 3 went in the batch [2, 3]');
      for (const n of failed) {
        const reason: unknown = (results[n] as PromiseRejectedResult).reason;
        assert.ok(reason instanceof AppError && reason.code === 'transient', String(reason));
        assert.equal(reason.retryAfterMs, 1500);
        assert.match(reason.message, /could not take a batch of 2 submission\(s\)/);
      }
      assert.equal(s.jobs.length, 4, 'the refused leads were not enqueued');
      const again = await s.submit(leadNumber(2));
      assert.equal(again.kind, 'accepted', 'a retry of a refused lead is stored');
    });

    it('stores the relevant events of a Webhooks API batch together, a repeated contact event once', async () => {
      const s = await setup(makeStores());
      const at = Date.now() + Math.floor(Math.random() * 1e9);
      const event = (id: number, objectId: number) => ({
        eventId: id,
        subscriptionId: 1,
        portalId: 62515,
        occurredAt: at,
        subscriptionType: 'contact.creation',
        objectId,
      });
      const events = [event(1, 101), event(2, 102), event(3, 101), event(4, 103)];
      const result = await s.services.intake.submitEvents({
        tenantId: TENANT,
        rawBody: JSON.stringify(events),
        events,
      });
      assert.equal(result.accepted.length, 3);
      assert.deepEqual(result.duplicates, [result.accepted[0]]);
      assert.deepEqual(s.batches, [4]);
    });
  });
}

runBatchingTests('memory', () => createMemoryStores());

describeWithPostgres('intake batching on PostgreSQL', (postgresUrl) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
  });
  after(async () => {
    await database.drop();
  });
  runBatchingTests('PostgreSQL', () => createPostgresStores(database));

  it('answers 60 concurrent leads with far fewer statements than leads, and fails only a lead the database refuses', async () => {
    const s = await setup(createPostgresStores(database));
    const leads = Array.from({ length: 60 }, (_, n) => leadNumber(1000 + n));
    leads[5] = leadNumber(1005, { pageTitle: 'a\u0000b' });
    const before = database.stats.queries;
    const results = await Promise.allSettled(leads.map(s.submit));
    assert.deepEqual(
      results.flatMap((r, n) => (r.status === 'rejected' ? [n] : [])),
      [5],
    );
    assert.ok(results.every((r) => r.status === 'rejected' || r.value.kind === 'accepted'));
    assert.ok(
      database.stats.queries - before < 30,
      `${database.stats.queries - before} statements for 60 leads`,
    );
  });
});
