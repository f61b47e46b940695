// The RunDispatch contract as tests, run against memory, PGlite and PostgreSQL: one worker per run at a
// time, lapsed leases taken over, retries that wait for their due time, and dead-lettering.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Stores } from '../store/stores.js';
import { runInStatus, type MakeStores } from './port-fixtures.js';
import { isAppError, latestAudit, newTenant } from './store-fixtures.js';

const T0 = '2026-11-25T15:00:00.000Z';
const T1 = '2026-11-25T15:01:00.000Z';
const T2 = '2026-11-25T15:02:00.000Z';
const T3 = '2026-11-25T15:03:00.000Z';

/** The tenant's dispatchable runs. Other suites share the database, so the scan is filtered to the tenant. */
async function dispatchableIds(stores: Stores, tenantId: string, now: string): Promise<string[]> {
  const all = await stores.dispatch.listDispatchable(now, 10_000);
  return all.filter((c) => c.tenantId === tenantId).map((c) => c.runId);
}

export function runRunDispatchConformance(name: string, makeStores: MakeStores): void {
  describe(`RunDispatch conformance: ${name}`, () => {
    describeLeases(makeStores);
    describeRetries(makeStores);
    describeScan(makeStores);
  });
}

function describeLeases(make: MakeStores): void {
  it('claims a pending run for one owner, audited, and refuses others while the lease lives', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'pending');
    const claimed = await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T0, leaseUntil: T1 });
    assert.equal(claimed?.status, 'running');
    assert.equal(claimed?.updatedAt, T0);
    assert.deepEqual(claimed, await stores.runStore.findRun(tenant, runId));
    const event = await latestAudit(stores.audit, tenant);
    assert.deepEqual(
      [event.action, event.actor, event.details],
      ['run.claimed', 'system', { from: 'pending', owner: 'w1', leaseUntil: T1, attempt: 0 }],
    );
    assert.equal(
      await stores.dispatch.claimRun(tenant, runId, { owner: 'w2', now: T0, leaseUntil: T2 }),
      null,
    );
    assert.equal(
      await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T0, leaseUntil: T2 }),
      null,
    );
  });

  it('lets exactly one of two concurrent claims win', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'pending');
    const results = await Promise.all(
      ['w1', 'w2', 'w3'].map((owner) =>
        stores.dispatch.claimRun(tenant, runId, { owner, now: T0, leaseUntil: T1 }),
      ),
    );
    assert.equal(results.filter((r) => r !== null).length, 1);
    const claims = (await stores.audit.list(tenant, { limit: 10 })).filter((e) => e.action === 'run.claimed');
    assert.equal(claims.length, 1);
  });

  it('lets another owner take over a lapsed lease; the old owner can then neither renew nor release', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'pending');
    await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T0, leaseUntil: T1 });
    assert.equal(
      await stores.dispatch.claimRun(tenant, runId, { owner: 'w2', now: T1, leaseUntil: T3 }),
      null,
    );
    const taken = await stores.dispatch.claimRun(tenant, runId, { owner: 'w2', now: T2, leaseUntil: T3 });
    assert.equal(taken?.status, 'running');
    assert.deepEqual((await latestAudit(stores.audit, tenant)).details, {
      from: 'running',
      owner: 'w2',
      leaseUntil: T3,
      attempt: 0,
    });
    assert.equal(await stores.dispatch.renewLease(tenant, runId, 'w1', T3), false);
    await stores.dispatch.releaseLease(tenant, runId, 'w1');
    assert.equal(
      await stores.dispatch.claimRun(tenant, runId, { owner: 'w3', now: T2, leaseUntil: T3 }),
      null,
    );
    assert.equal(await stores.dispatch.renewLease(tenant, runId, 'w2', T3), true);
  });

  it('renews the lease for its owner only, and a released run is free to claim', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'pending');
    await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T0, leaseUntil: T1 });
    assert.equal(await stores.dispatch.renewLease(tenant, runId, 'w1', T3), true);
    assert.equal(
      await stores.dispatch.claimRun(tenant, runId, { owner: 'w2', now: T2, leaseUntil: T3 }),
      null,
    );
    assert.deepEqual(await dispatchableIds(stores, tenant, T2), []);
    await stores.dispatch.releaseLease(tenant, runId, 'w1');
    assert.equal(await stores.dispatch.renewLease(tenant, runId, 'w1', T3), false);
    assert.deepEqual(await dispatchableIds(stores, tenant, T2), [runId]);
    assert.equal(
      (await stores.dispatch.claimRun(tenant, runId, { owner: 'w2', now: T2, leaseUntil: T3 }))?.id,
      runId,
    );
  });

  it('claims no run that is finished, paused or failed', async () => {
    const stores = await make();
    const tenant = newTenant();
    for (const status of ['succeeded', 'skipped', 'failed', 'paused', 'waiting'] as const) {
      const runId = await runInStatus(stores, tenant, status);
      assert.equal(
        await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T0, leaseUntil: T1 }),
        null,
      );
    }
    assert.equal(
      await stores.dispatch.claimRun(tenant, 'no-such-run', { owner: 'w1', now: T0, leaseUntil: T1 }),
      null,
    );
  });

  it("never lets one tenant claim, renew, release, retry or dead-letter another tenant's run", async () => {
    const stores = await make();
    const [tenantA, tenantB] = [newTenant(), newTenant()];
    const pending = await runInStatus(stores, tenantA, 'pending');
    const failed = await runInStatus(stores, tenantA, 'failed');
    assert.equal(
      await stores.dispatch.claimRun(tenantB, pending, { owner: 'w1', now: T0, leaseUntil: T1 }),
      null,
    );
    await stores.dispatch.claimRun(tenantA, pending, { owner: 'w1', now: T0, leaseUntil: T1 });
    assert.equal(await stores.dispatch.renewLease(tenantB, pending, 'w1', T3), false);
    await stores.dispatch.releaseLease(tenantB, pending, 'w1');
    assert.equal(
      await stores.dispatch.claimRun(tenantA, pending, { owner: 'w2', now: T0, leaseUntil: T1 }),
      null,
    );
    assert.equal(
      await stores.dispatch.scheduleRetry(tenantB, failed, { dueAt: T1, now: T0, actor: 'user:eve' }),
      false,
    );
    await assert.rejects(stores.dispatch.markDeadLettered(tenantB, failed, T0), isAppError('not-found'));
    assert.equal((await stores.runStore.findRun(tenantA, failed))?.status, 'failed');
    assert.deepEqual(await stores.audit.list(tenantB, { limit: 10 }), []);
  });
}

function describeRetries(make: MakeStores): void {
  it('schedules a retry: pending again, due later, the last error still visible, audited with the actor', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'failed', { finishedAt: T0 });
    await stores.dispatch.markDeadLettered(tenant, runId, T0);
    assert.equal(
      await stores.dispatch.scheduleRetry(tenant, runId, { dueAt: T2, now: T1, actor: 'user:ada' }),
      true,
    );
    const run = await stores.runStore.findRun(tenant, runId);
    assert.deepEqual([run?.status, run?.finishedAt, run?.updatedAt], ['pending', null, T1]);
    assert.deepEqual(run?.error, { code: 'transient', message: 'HubSpot answered 503' });
    const [item] = (await stores.runQueries.listRuns(tenant, { limit: 1 })).items;
    assert.equal(item?.deadLettered, false);
    const event = await latestAudit(stores.audit, tenant);
    assert.deepEqual(
      [event.action, event.actor, event.at, event.details],
      ['run.retry-scheduled', 'user:ada', T1, { from: 'failed', dueAt: T2, attempt: 1 }],
    );
  });

  it('does not dispatch a retry before it is due, and does afterwards', async () => {
    const stores = await make();
    const tenant = newTenant();
    const runId = await runInStatus(stores, tenant, 'paused');
    await stores.dispatch.scheduleRetry(tenant, runId, { dueAt: T2, now: T0, actor: 'system' });
    assert.deepEqual(await dispatchableIds(stores, tenant, T1), []);
    assert.equal(
      await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T1, leaseUntil: T3 }),
      null,
    );
    assert.deepEqual(await dispatchableIds(stores, tenant, T2), [runId]);
    assert.equal(
      (await stores.dispatch.claimRun(tenant, runId, { owner: 'w1', now: T2, leaseUntil: T3 }))?.status,
      'running',
    );
  });

  it('refuses to retry a run that is running or finished well', async () => {
    const stores = await make();
    const tenant = newTenant();
    for (const status of ['running', 'succeeded', 'skipped', 'waiting'] as const) {
      const runId = await runInStatus(stores, tenant, status);
      assert.equal(
        await stores.dispatch.scheduleRetry(tenant, runId, { dueAt: T1, now: T0, actor: 'system' }),
        false,
      );
      assert.equal((await stores.runStore.findRun(tenant, runId))?.status, status);
    }
  });

  it('dead-letters a failed run once, and leaves runs in other states alone', async () => {
    const stores = await make();
    const tenant = newTenant();
    const failed = await runInStatus(stores, tenant, 'failed', { createdAt: '2026-11-25T14:00:00Z' });
    const running = await runInStatus(stores, tenant, 'running');
    await stores.dispatch.markDeadLettered(tenant, failed, T1);
    await stores.dispatch.markDeadLettered(tenant, failed, T2);
    await stores.dispatch.markDeadLettered(tenant, running, T1);
    const items = (await stores.runQueries.listRuns(tenant, { limit: 10 })).items;
    assert.deepEqual(
      items.map((i) => [i.id, i.deadLettered]),
      [
        [running, false],
        [failed, true],
      ],
    );
    const events = (await stores.audit.list(tenant, { limit: 20 })).filter(
      (e) => e.action === 'run.dead-lettered',
    );
    assert.deepEqual(
      events.map((e) => [e.runId, e.at, e.details]),
      [[failed, T1, { attempt: 1, error: { code: 'transient', message: 'HubSpot answered 503' } }]],
    );
    await assert.rejects(
      stores.dispatch.markDeadLettered(tenant, 'no-such-run', T1),
      isAppError('not-found'),
    );
  });
}

function describeScan(make: MakeStores): void {
  it('lists pending-and-due and lapsed-lease runs across tenants, and nothing else', async () => {
    const stores = await make();
    const [tenantA, tenantB] = [newTenant(), newTenant()];
    const fresh = await runInStatus(stores, tenantA, 'pending');
    const lapsed = await runInStatus(stores, tenantB, 'pending');
    await stores.dispatch.claimRun(tenantB, lapsed, { owner: 'w1', now: T0, leaseUntil: T1 });
    const live = await runInStatus(stores, tenantA, 'pending');
    await stores.dispatch.claimRun(tenantA, live, { owner: 'w1', now: T0, leaseUntil: T3 });
    await runInStatus(stores, tenantA, 'succeeded');
    await runInStatus(stores, tenantA, 'failed');
    const all = await stores.dispatch.listDispatchable(T2, 10_000);
    const mine = all.filter((c) => c.tenantId === tenantA || c.tenantId === tenantB);
    assert.deepEqual(
      mine.map((c) => [c.tenantId, c.runId, c.status, c.attempt]).sort(),
      [
        [tenantA, fresh, 'pending', 0],
        [tenantB, lapsed, 'running', 0],
      ].sort(),
    );
  });

  it('lists the oldest first and honours the limit', async () => {
    const stores = await make();
    const tenant = newTenant();
    // Older than any run another test creates, so these lead the scan even in a shared database.
    const second = await runInStatus(stores, tenant, 'pending', { createdAt: '1990-01-01T00:00:02Z' });
    const first = await runInStatus(stores, tenant, 'pending', { createdAt: '1990-01-01T00:00:01Z' });
    await runInStatus(stores, tenant, 'pending', { createdAt: '1990-01-01T00:00:03Z' });
    const page = await stores.dispatch.listDispatchable(T0, 2);
    assert.deepEqual(
      page.map((c) => c.runId),
      [first, second],
    );
    assert.deepEqual(await stores.dispatch.listDispatchable(T0, 0), []);
  });
}
