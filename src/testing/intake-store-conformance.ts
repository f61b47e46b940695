// The IntakeStore contract as tests, run against memory, PGlite and PostgreSQL: a submission and its run
// are stored together, and one idempotency key never starts a second run, however many deliveries race.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newIntake, type MakeStores } from './port-fixtures.js';
import { auditActions, isAppError, newRun, newTenant } from './store-fixtures.js';

export function runIntakeStoreConformance(name: string, makeStores: MakeStores): void {
  describe(`IntakeStore conformance: ${name}`, () => {
    it('stores the submission exactly as received and a pending run with the search columns and form', async () => {
      const stores = await makeStores();
      const tenant = newTenant();
      const { submission, run } = newIntake(tenant, { email: 'Ada@Example.com', company: 'Example Ltd' });
      assert.deepEqual(await stores.intake.recordSubmission(submission, run), {
        runId: run.id,
        created: true,
      });

      assert.deepEqual(await stores.intake.findSubmissionForRun(tenant, run.id), {
        ...submission,
        receivedAt: '2026-11-25T15:00:00.000Z',
        runId: run.id,
      });
      const stored = await stores.runStore.findRun(tenant, run.id);
      assert.equal(stored?.status, 'pending');
      assert.equal(stored?.idempotencyKey, submission.idempotencyKey);
      assert.deepEqual(stored?.input, run.input);
      const { items } = await stores.runQueries.listRuns(tenant, { limit: 10 });
      assert.deepEqual(
        items.map((i) => [i.id, i.email, i.company, i.formId]),
        [[run.id, 'Ada@Example.com', 'Example Ltd', 'form-1']],
      );
      assert.deepEqual(await auditActions(stores.audit, tenant, run.id), ['run.created']);
    });

    it('answers a repeated key with the existing run and writes nothing', async () => {
      const stores = await makeStores();
      const tenant = newTenant();
      const first = newIntake(tenant, { key: 'hubspot:conv-1' });
      await stores.intake.recordSubmission(first.submission, first.run);
      const again = newIntake(tenant, { key: 'hubspot:conv-1', email: 'other@example.com' });
      assert.deepEqual(await stores.intake.recordSubmission(again.submission, again.run), {
        runId: first.run.id,
        created: false,
      });
      assert.equal(await stores.runStore.findRun(tenant, again.run.id), null);
      assert.equal(await stores.intake.findSubmissionForRun(tenant, again.run.id), null);
      assert.equal((await stores.intake.findSubmissionForRun(tenant, first.run.id))?.id, first.submission.id);
      assert.deepEqual(await auditActions(stores.audit, tenant), ['run.created']);
    });

    it('finds the run holding a key, only within its tenant', async () => {
      const stores = await makeStores();
      const tenant = newTenant();
      const first = newIntake(tenant, { key: 'hubspot:conv-7' });
      await stores.intake.recordSubmission(first.submission, first.run);
      assert.equal(await stores.intake.findRunIdByIdempotencyKey(tenant, 'hubspot:conv-7'), first.run.id);
      assert.equal(await stores.intake.findRunIdByIdempotencyKey(tenant, 'hubspot:conv-8'), null);
      assert.equal(await stores.intake.findRunIdByIdempotencyKey(newTenant(), 'hubspot:conv-7'), null);
    });

    it('starts exactly one run when 20 deliveries of one key arrive at once', async () => {
      const stores = await makeStores();
      const tenant = newTenant();
      const deliveries = Array.from({ length: 20 }, () => newIntake(tenant, { key: 'hubspot:burst' }));
      const results = await Promise.all(
        deliveries.map((d) => stores.intake.recordSubmission(d.submission, d.run)),
      );
      const winners = results.filter((r) => r.created);
      assert.equal(winners.length, 1);
      const runId = winners[0]?.runId;
      assert.ok(
        results.every((r) => r.runId === runId),
        'every caller gets the same run id',
      );
      const winner = deliveries.find((d) => d.run.id === runId);
      assert.equal(
        (await stores.intake.findSubmissionForRun(tenant, runId ?? ''))?.id,
        winner?.submission.id,
      );
      const counts = await stores.runQueries.countRunsByStatus(tenant, {});
      assert.equal(counts.pending, 1);
      assert.deepEqual(await auditActions(stores.audit, tenant), ['run.created']);
    });

    it('returns the run already holding the key when it was created without a submission', async () => {
      const stores = await makeStores();
      const tenant = newTenant();
      const existing = await stores.runStore.createRun(newRun(tenant, { idempotencyKey: 'api:1' }));
      const { submission, run } = newIntake(tenant, { key: 'api:1' });
      assert.deepEqual(await stores.intake.recordSubmission(submission, run), {
        runId: existing.run.id,
        created: false,
      });
      assert.equal(await stores.intake.findSubmissionForRun(tenant, existing.run.id), null);
      assert.equal(await stores.runStore.findRun(tenant, run.id), null);
    });

    it('refuses a run id that already exists under another key, storing nothing', async () => {
      const stores = await makeStores();
      const tenant = newTenant();
      const taken = await stores.runStore.createRun(newRun(tenant));
      const { submission, run } = newIntake(tenant);
      await assert.rejects(
        stores.intake.recordSubmission(submission, { ...run, id: taken.run.id }),
        isAppError('conflict'),
      );
      assert.equal(await stores.intake.findSubmissionForRun(tenant, taken.run.id), null);
      // The key is still free: the refused call left no submission behind.
      assert.equal((await stores.intake.recordSubmission(submission, run)).created, true);
    });

    it('keeps tenants apart: the same key is another lead, and a run is found only by its tenant', async () => {
      const stores = await makeStores();
      const [tenantA, tenantB] = [newTenant(), newTenant()];
      const a = newIntake(tenantA, { key: 'hubspot:shared' });
      const b = newIntake(tenantB, { key: 'hubspot:shared' });
      assert.equal((await stores.intake.recordSubmission(a.submission, a.run)).created, true);
      assert.equal((await stores.intake.recordSubmission(b.submission, b.run)).created, true);
      assert.equal(await stores.intake.findSubmissionForRun(tenantB, a.run.id), null);
      assert.equal((await stores.intake.findSubmissionForRun(tenantA, a.run.id))?.id, a.submission.id);
      await assert.rejects(
        stores.intake.recordSubmission(a.submission, { ...a.run, tenantId: tenantB }),
        isAppError('validation'),
      );
    });

    runBatchConformance(makeStores);
  });
}

/** recordSubmissions: many items at once, each answered as if it had been recorded alone, in order. */
function runBatchConformance(makeStores: MakeStores): void {
  it('records a batch of distinct leads, each with its own run, submission and audit event', async () => {
    const stores = await makeStores();
    const tenant = newTenant();
    const items = Array.from({ length: 25 }, (_, i) => newIntake(tenant, { email: `lead-${i}@example.com` }));
    const outcomes = await stores.intake.recordSubmissions(items);
    assert.deepEqual(
      outcomes,
      items.map((item) => ({ ok: true, runId: item.run.id, created: true })),
    );
    for (const item of items) {
      const stored = await stores.intake.findSubmissionForRun(tenant, item.run.id);
      assert.equal(stored?.id, item.submission.id);
      assert.equal(stored?.rawPayload, item.submission.rawPayload);
      assert.equal((await stores.runStore.findRun(tenant, item.run.id))?.status, 'pending');
    }
    assert.equal((await stores.runQueries.countRunsByStatus(tenant, {})).pending, 25);
    assert.deepEqual(await auditActions(stores.audit, tenant), Array<string>(25).fill('run.created'));
  });

  it('answers a key repeated inside the batch, or already held, with the one run holding it', async () => {
    const stores = await makeStores();
    const tenant = newTenant();
    const held = newIntake(tenant, { key: 'hubspot:held' });
    await stores.intake.recordSubmission(held.submission, held.run);
    const first = newIntake(tenant, { key: 'hubspot:twice' });
    const items = [
      first,
      newIntake(tenant, { key: 'hubspot:held' }),
      newIntake(tenant, { key: 'hubspot:twice' }),
      newIntake(tenant),
      newIntake(tenant, { key: 'hubspot:twice' }),
    ];
    const outcomes = await stores.intake.recordSubmissions(items);
    assert.deepEqual(outcomes, [
      { ok: true, runId: first.run.id, created: true },
      { ok: true, runId: held.run.id, created: false },
      { ok: true, runId: first.run.id, created: false },
      { ok: true, runId: items[3]?.run.id, created: true },
      { ok: true, runId: first.run.id, created: false },
    ]);
    assert.equal(await stores.runStore.findRun(tenant, items[2]?.run.id ?? ''), null);
    assert.equal((await stores.runQueries.countRunsByStatus(tenant, {})).pending, 3);
  });

  it('fails only the items that cannot be stored; the rest of the batch is stored', async () => {
    const stores = await makeStores();
    const tenant = newTenant();
    const taken = await stores.runStore.createRun(newRun(tenant));
    const good = [newIntake(tenant), newIntake(tenant), newIntake(tenant)];
    const takenId = newIntake(tenant);
    const otherTenant = newIntake(tenant);
    const outcomes = await stores.intake.recordSubmissions([
      good[0]!,
      { submission: takenId.submission, run: { ...takenId.run, id: taken.run.id } },
      good[1]!,
      { submission: otherTenant.submission, run: { ...otherTenant.run, tenantId: newTenant() } },
      good[2]!,
    ]);
    assert.deepEqual(outcomes[0], { ok: true, runId: good[0]?.run.id, created: true });
    assert.equal(outcomes[1]?.ok, false);
    assert.ok(outcomes[1]?.ok === false && isAppError('conflict')(outcomes[1].error));
    assert.deepEqual(outcomes[2], { ok: true, runId: good[1]?.run.id, created: true });
    assert.ok(outcomes[3]?.ok === false && isAppError('validation')(outcomes[3].error));
    assert.deepEqual(outcomes[4], { ok: true, runId: good[2]?.run.id, created: true });
    assert.equal(
      await stores.intake.findRunIdByIdempotencyKey(tenant, takenId.submission.idempotencyKey),
      null,
    );
    assert.equal((await stores.runQueries.countRunsByStatus(tenant, {})).pending, 4);
  });

  it('starts exactly one run when batches racing each other carry the same key', async () => {
    const stores = await makeStores();
    const tenant = newTenant();
    const batches = Array.from({ length: 4 }, () => [
      newIntake(tenant, { key: 'hubspot:contested' }),
      newIntake(tenant),
      newIntake(tenant, { key: 'hubspot:contested' }),
    ]);
    const outcomes = (await Promise.all(batches.map((b) => stores.intake.recordSubmissions(b)))).flat();
    const contested = outcomes.filter((_, i) => i % 3 !== 1);
    const winners = contested.filter((o) => o.ok && o.created);
    assert.equal(winners.length, 1);
    const runId = winners[0]?.ok === true ? winners[0].runId : '';
    assert.ok(
      contested.every((o) => o.ok && o.runId === runId),
      'every delivery of the key gets the same run',
    );
    assert.ok(outcomes.filter((_, i) => i % 3 === 1).every((o) => o.ok && o.created));
    assert.equal((await stores.runQueries.countRunsByStatus(tenant, {})).pending, 5);
  });
}
