// Database-only checks for the intake, dispatch and draft ports, beyond their contracts: each write and
// its audit event is one statement, and racing deliveries of one key leave one submission row.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../store/database.js';
import { queryRows } from '../store/sql-rows.js';
import { createPostgresStores } from '../store/stores.js';
import { newDraft, newIntake } from './port-fixtures.js';
import { auditActions, newTenant } from './store-fixtures.js';

export function runPortDatabaseChecks(getDatabase: () => Database): void {
  it('writes intake, claims, retries and draft changes with their audit events in one statement each', async () => {
    const database = getDatabase();
    const stores = createPostgresStores(database);
    const tenant = newTenant();
    const count = async (action: () => Promise<unknown>): Promise<number> => {
      const before = database.stats.queries;
      await action();
      return database.stats.queries - before;
    };
    const { submission, run } = newIntake(tenant);
    assert.equal(await count(() => stores.intake.recordSubmission(submission, run)), 1);
    const claim = { owner: 'w1', now: '2026-11-25T15:00:00Z', leaseUntil: '2026-11-25T15:01:00Z' };
    assert.equal(await count(() => stores.dispatch.claimRun(tenant, run.id, claim)), 1);
    await stores.runStore.updateRun(tenant, run.id, { status: 'failed', updatedAt: '2026-11-25T15:00:30Z' });
    const retry = { dueAt: '2026-11-25T15:05:00Z', now: '2026-11-25T15:01:00Z', actor: 'system' };
    assert.equal(await count(() => stores.dispatch.scheduleRetry(tenant, run.id, retry)), 1);
    const draft = newDraft(tenant, run.id);
    assert.equal(await count(() => stores.drafts.saveDraft(draft)), 1);
    const patch = { state: 'approved' as const, updatedAt: '2026-11-25T15:02:00Z' };
    assert.equal(await count(() => stores.drafts.updateDraft(tenant, draft.id, ['pending'], patch)), 1);
    assert.deepEqual(await auditActions(stores.audit, tenant), [
      'run.created',
      'run.claimed',
      'run.failed',
      'run.retry-scheduled',
      'draft.created',
      'draft.approved',
    ]);
  });

  it('records a batch of leads with their runs and audit events in one statement', async () => {
    const database = getDatabase();
    const { intake, audit } = createPostgresStores(database);
    const tenant = newTenant();
    const items = Array.from({ length: 10 }, () => newIntake(tenant));
    const before = database.stats.queries;
    const outcomes = await intake.recordSubmissions(items);
    assert.equal(database.stats.queries - before, 1);
    assert.ok(outcomes.every((o) => o.ok && o.created));
    assert.equal((await auditActions(audit, tenant)).length, 10);
  });

  it('fails alone an item the database refuses (a NUL in its payload), storing the rest of its batch', async () => {
    const database = getDatabase();
    const { intake } = createPostgresStores(database);
    const tenant = newTenant();
    const items = Array.from({ length: 32 }, () => newIntake(tenant));
    const poisoned = items[20]!;
    // jsonb cannot hold \u0000: the database refuses this payload, and with it the shared statement.
    poisoned.submission.payload = { fields: [{ name: 'message', value: 'a\u0000b' }] };
    const before = database.stats.queries;
    const outcomes = await intake.recordSubmissions(items);
    assert.ok(
      database.stats.queries - before < 16,
      'the batch is split to find the item, not redone item by item',
    );
    assert.equal(outcomes[20]?.ok, false);
    assert.deepEqual(
      outcomes.filter((_, i) => i !== 20),
      items.filter((_, i) => i !== 20).map((item) => ({ ok: true, runId: item.run.id, created: true })),
    );
    assert.equal(await intake.findRunIdByIdempotencyKey(tenant, poisoned.submission.idempotencyKey), null);
  });

  it('keeps one submission row when 20 deliveries of one key race', async () => {
    const database = getDatabase();
    const { intake } = createPostgresStores(database);
    const tenant = newTenant();
    const deliveries = Array.from({ length: 20 }, () => newIntake(tenant, { key: 'hubspot:race' }));
    await Promise.all(deliveries.map((d) => intake.recordSubmission(d.submission, d.run)));
    const rows = await queryRows<{ submissions: number; runs: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM form_submissions WHERE tenant_id = ${tenant}) AS submissions,
                 (SELECT count(*)::int FROM workflow_runs WHERE tenant_id = ${tenant}) AS runs`,
    );
    assert.deepEqual(rows[0], { submissions: 1, runs: 1 });
  });
}
