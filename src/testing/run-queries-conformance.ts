// The RunQueries contract as tests, run against memory, PGlite and PostgreSQL: the dashboard's list
// (filters, case-insensitive search, keyset pages that show every run once), counts and failure groups.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RUN_STATUSES, type RunStatus } from '../domain/ports/run-store.js';
import { newIntake, runInStatus, type MakeStores } from './port-fixtures.js';
import { isAppError, newTenant } from './store-fixtures.js';

const at = (minute: number): string => `2026-11-25T15:${String(minute).padStart(2, '0')}:00.000Z`;

export function runRunQueriesConformance(name: string, makeStores: MakeStores): void {
  describe(`RunQueries conformance: ${name}`, () => {
    describeList(makeStores);
    describeSearch(makeStores);
    describeCounts(makeStores);
    describeFailures(makeStores);
  });
}

function describeList(make: MakeStores): void {
  it('lists runs newest first with what the dashboard shows', async () => {
    const stores = await make();
    const tenant = newTenant();
    const older = await runInStatus(stores, tenant, 'failed', { createdAt: at(1), finishedAt: at(2) });
    const { submission, run } = newIntake(tenant, { createdAt: at(5), formId: 'form-9' });
    await stores.intake.recordSubmission(submission, run);
    const { items, nextCursor } = await stores.runQueries.listRuns(tenant, { limit: 10 });
    assert.equal(nextCursor, null);
    assert.deepEqual(items, [
      {
        id: run.id,
        status: 'pending',
        email: 'ada@example.com',
        company: 'Example Ltd',
        formId: 'form-9',
        currentStep: null,
        attempt: 0,
        error: null,
        reason: null,
        deadLettered: false,
        createdAt: at(5),
        updatedAt: at(5),
        finishedAt: null,
      },
      {
        id: older,
        status: 'failed',
        email: 'ada@example.com',
        company: 'Example Ltd',
        formId: null,
        currentStep: 'lookup-contact',
        attempt: 1,
        error: { code: 'transient', message: 'HubSpot answered 503' },
        reason: null,
        deadLettered: false,
        createdAt: at(1),
        updatedAt: at(2),
        finishedAt: at(2),
      },
    ]);
  });

  it('pages through every run exactly once, ties on created_at included', async () => {
    const stores = await make();
    const tenant = newTenant();
    const ids: string[] = [];
    for (const minute of [1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 6]) {
      ids.push(await runInStatus(stores, tenant, 'pending', { createdAt: at(minute) }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: string; createdAt: string }[]; nextCursor: string | null } =
        await stores.runQueries.listRuns(tenant, { limit: 3, cursor });
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    assert.equal(pages, 4);
    assert.equal(seen.length, ids.length);
    assert.deepEqual([...seen].sort(), [...ids].sort());
    const all = (await stores.runQueries.listRuns(tenant, { limit: 100 })).items.map((i) => i.id);
    assert.deepEqual(seen, all, 'pages concatenate to the one-page order');
  });

  it('filters by status and by a created_at window (from inclusive, to exclusive)', async () => {
    const stores = await make();
    const tenant = newTenant();
    const pending = await runInStatus(stores, tenant, 'pending', { createdAt: at(1) });
    const failed = await runInStatus(stores, tenant, 'failed', { createdAt: at(2) });
    const done = await runInStatus(stores, tenant, 'succeeded', { createdAt: at(3) });
    const list = async (filter: object): Promise<string[]> =>
      (await stores.runQueries.listRuns(tenant, { limit: 10, ...filter })).items.map((i) => i.id);
    assert.deepEqual(await list({ statuses: ['failed', 'succeeded'] }), [done, failed]);
    assert.deepEqual(await list({ statuses: [] }), []);
    assert.deepEqual(await list({ from: at(2) }), [done, failed]);
    assert.deepEqual(await list({ to: at(2) }), [pending]);
    assert.deepEqual(await list({ from: '2026-11-25T10:01:30-05:00', to: at(3) }), [failed]);
  });

  it('searches email and company as a case-insensitive substring, wildcards taken literally', async () => {
    const stores = await make();
    const tenant = newTenant();
    const record = async (email: string, company: string): Promise<string> => {
      const { submission, run } = newIntake(tenant, { email, company });
      return (await stores.intake.recordSubmission(submission, run)).runId;
    };
    const ada = await record('ada@lovelace.example', 'Analytical Engines');
    const grace = await record('grace@navy.example', 'COBOL_Works 100%');
    const search = async (term: string): Promise<string[]> =>
      (await stores.runQueries.listRuns(tenant, { limit: 10, search: term })).items.map((i) => i.id).sort();
    assert.deepEqual(await search('LOVELACE'), [ada]);
    assert.deepEqual(await search('engines'), [ada]);
    assert.deepEqual(await search('cobol_'), [grace]);
    assert.deepEqual(await search('100%'), [grace]);
    assert.deepEqual(await search('_'), [grace]);
    assert.deepEqual(await search('%'), [grace]);
    assert.deepEqual(await search('example'), [ada, grace].sort());
    assert.deepEqual(await search('nobody'), []);
    assert.deepEqual(await search('  '), [ada, grace].sort());
  });

  it('finds one run as a list item, only within its tenant', async () => {
    const stores = await make();
    const tenant = newTenant();
    const failed = await runInStatus(stores, tenant, 'failed', { createdAt: at(3), finishedAt: at(4) });
    const item = await stores.runQueries.findRunListItem(tenant, failed);
    assert.equal(item?.id, failed);
    assert.equal(item?.status, 'failed');
    assert.equal(item?.deadLettered, false);
    assert.equal(await stores.runQueries.findRunListItem(newTenant(), failed), null);
    assert.equal(await stores.runQueries.findRunListItem(tenant, 'no-such-run'), null);
  });

  it('refuses a cursor it did not make', async () => {
    const { runQueries } = await make();
    await assert.rejects(
      runQueries.listRuns(newTenant(), { limit: 1, cursor: 'not-a-cursor' }),
      isAppError('validation'),
    );
  });

  it("never shows one tenant another tenant's runs", async () => {
    const stores = await make();
    const [tenantA, tenantB] = [newTenant(), newTenant()];
    await runInStatus(stores, tenantA, 'failed');
    const { items } = await stores.runQueries.listRuns(tenantB, { limit: 10, search: 'ada' });
    assert.deepEqual(items, []);
    const counts = await stores.runQueries.countRunsByStatus(tenantB, {});
    assert.ok(Object.values(counts).every((n) => n === 0));
    assert.deepEqual(await stores.runQueries.groupFailures(tenantB, 10), []);
  });
}

function describeSearch(make: MakeStores): void {
  it('finds a substring from the middle of an email or a company among many runs, and counts what it finds', async () => {
    const stores = await make();
    const tenant = newTenant();
    const people: { id: string; email: string; company: string }[] = [];
    for (let i = 0; i < 30; i += 1) {
      const email = `Lead${i}@Mail${i % 4}.Example`;
      const company = `Firm ${i % 3} Trading`;
      const { submission, run } = newIntake(tenant, { email, company, createdAt: at(i) });
      people.push({ id: (await stores.intake.recordSubmission(submission, run)).runId, email, company });
    }
    const expected = (term: string): string[] =>
      people
        .filter((p) => [p.email, p.company].some((field) => field.toLowerCase().includes(term.toLowerCase())))
        .map((p) => p.id)
        .sort();
    const search = async (term: string): Promise<string[]> =>
      (await stores.runQueries.listRuns(tenant, { limit: 100, search: term })).items.map((i) => i.id).sort();
    for (const term of ['d1@mail', 'AIL2.EX', '3@m', 'rm 2 tr', 'lead2', 'example', 'xample.', 'mail4']) {
      assert.deepEqual(await search(term), expected(term), `search "${term}"`);
    }
    assert.equal((await search('d1@mail')).length, 1);
    assert.equal((await search('AIL2.EX')).length, 7);
    assert.deepEqual(await stores.runQueries.countRunsByStatus(tenant, { search: 'ail2.ex' }), {
      ...Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])),
      pending: 7,
    });
  });
}

function describeCounts(make: MakeStores): void {
  it('counts runs per status, every status present, under the same window and search', async () => {
    const stores = await make();
    const tenant = newTenant();
    const empty = await stores.runQueries.countRunsByStatus(tenant, {});
    assert.deepEqual(empty, Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])));
    await runInStatus(stores, tenant, 'pending', { createdAt: at(1) });
    await runInStatus(stores, tenant, 'failed', { createdAt: at(2) });
    await runInStatus(stores, tenant, 'failed', { createdAt: at(3) });
    const other = newIntake(tenant, { email: 'zed@other.example', company: 'Other', createdAt: at(4) });
    await stores.intake.recordSubmission(other.submission, other.run);
    assert.deepEqual(await stores.runQueries.countRunsByStatus(tenant, {}), {
      ...empty,
      pending: 2,
      failed: 2,
    });
    assert.deepEqual(await stores.runQueries.countRunsByStatus(tenant, { from: at(2), to: at(4) }), {
      ...empty,
      failed: 2,
    });
    assert.deepEqual(await stores.runQueries.countRunsByStatus(tenant, { search: 'OTHER' }), {
      ...empty,
      pending: 1,
    });
  });

  it('keeps the counts right as runs arrive, are claimed, finish, fail, are retried and are redelivered', async () => {
    const stores = await make();
    const tenant = newTenant();
    const counts = (): Promise<Record<RunStatus, number>> => stores.runQueries.countRunsByStatus(tenant, {});
    const zero = await counts();
    const intakes = Array.from({ length: 5 }, (_, i) => newIntake(tenant, { createdAt: at(i) }));
    for (const { submission, run } of intakes) await stores.intake.recordSubmission(submission, run);
    const [a, b, c, d] = intakes.map((i) => i.run.id);
    assert.ok(a !== undefined && b !== undefined && c !== undefined && d !== undefined);
    assert.deepEqual(await counts(), { ...zero, pending: 5 });

    const claim = { owner: 'w1', now: at(10), leaseUntil: at(11) };
    for (const runId of [a, b, c]) assert.ok(await stores.dispatch.claimRun(tenant, runId, claim));
    assert.deepEqual(await counts(), { ...zero, pending: 2, running: 3 });

    await stores.runStore.updateRun(tenant, a, {
      status: 'succeeded',
      finishedAt: at(12),
      updatedAt: at(12),
    });
    await stores.runStore.updateRun(tenant, b, {
      status: 'failed',
      error: { code: 'transient', message: 'HubSpot answered 503' },
      updatedAt: at(12),
    });
    await stores.runStore.updateRun(tenant, c, { currentStep: 'lookup-contact', updatedAt: at(12) });
    await stores.runStore.updateRun(tenant, d, {
      status: 'skipped',
      reason: 'unsubscribed',
      updatedAt: at(12),
    });
    assert.deepEqual(await counts(), {
      ...zero,
      pending: 1,
      running: 1,
      succeeded: 1,
      failed: 1,
      skipped: 1,
    });

    assert.ok(
      await stores.dispatch.scheduleRetry(tenant, b, {
        dueAt: at(13),
        now: at(13),
        actor: 'ops@example.com',
      }),
    );
    const again = newIntake(tenant, { key: intakes[0]?.submission.idempotencyKey ?? '' });
    await stores.intake.recordSubmission(again.submission, again.run);
    assert.deepEqual(await counts(), { ...zero, pending: 2, running: 1, succeeded: 1, skipped: 1 });

    const listed = (await stores.runQueries.listRuns(tenant, { limit: 100 })).items;
    const tally = { ...zero };
    for (const item of listed) tally[item.status] += 1;
    assert.deepEqual(await counts(), tally, 'the counts agree with the runs the list shows');
  });
}

function describeFailures(make: MakeStores): void {
  it('groups failed runs by error code and failing step, newest group first, newest message', async () => {
    const stores = await make();
    const tenant = newTenant();
    const fail = (minute: number, code: string, step: string, message: string): Promise<string> =>
      runInStatus(stores, tenant, 'failed', { error: { code, message }, step, finishedAt: at(minute) });
    const old503 = await fail(1, 'transient', 'lookup-contact', 'HubSpot answered 503');
    const reauth = await fail(2, 'needs-reauth', 'create-draft', 'Gmail token revoked');
    const new503 = await fail(3, 'transient', 'lookup-contact', 'HubSpot timed out');
    const otherStep = await fail(4, 'transient', 'create-task', 'HubSpot answered 502');
    await runInStatus(stores, tenant, 'succeeded');
    await runInStatus(stores, tenant, 'paused');

    assert.deepEqual(await stores.runQueries.groupFailures(tenant, 10), [
      {
        errorCode: 'transient',
        stepId: 'create-task',
        message: 'HubSpot answered 502',
        count: 1,
        runIds: [otherStep],
      },
      {
        errorCode: 'transient',
        stepId: 'lookup-contact',
        message: 'HubSpot timed out',
        count: 2,
        runIds: [new503, old503],
      },
      {
        errorCode: 'needs-reauth',
        stepId: 'create-draft',
        message: 'Gmail token revoked',
        count: 1,
        runIds: [reauth],
      },
    ]);
    const limited = await stores.runQueries.groupFailures(tenant, 1);
    assert.deepEqual(
      limited.map((g) => g.stepId),
      ['create-task'],
    );
  });
}
