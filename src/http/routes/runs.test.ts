// The runs API: filters reach the service parsed, records come back in the documented shape, and
// not-found / conflict map to 404 / 409 in the error shape.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp, TEST_TENANT } from '../testing/build-test-app.js';
import { makeDraft, makeRun, makeRunListItem } from '../testing/fake-services.js';

describe('GET /api/runs', () => {
  it('parses status, from, to, q, limit and cursor into the service filter and returns items, cursor and counts', async () => {
    const t = await buildTestApp();
    t.answers.runList = { items: [makeRunListItem()], nextCursor: 'c2' };
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/runs?status=failed,waiting&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&q=%20acme%20&limit=10&cursor=c1',
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.items[0].id, 'run-1');
    assert.equal(body.nextCursor, 'c2');
    assert.equal(body.counts.failed, 0);
    assert.deepEqual(t.callsTo('runs.list'), [
      [
        TEST_TENANT,
        {
          statuses: ['failed', 'waiting'],
          from: '2026-03-01T00:00:00Z',
          to: '2026-03-02T00:00:00Z',
          search: 'acme',
          limit: 10,
          cursor: 'c1',
        },
      ],
    ]);
  });

  it('uses a default page size and treats empty parameters as absent', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/runs?status=&from=&q=' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(t.callsTo('runs.list'), [[TEST_TENANT, { limit: 50, cursor: null }]]);
  });

  it('answers 422 listing every bad parameter', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/runs?status=failed,bogus&from=yesterday&limit=0',
    });
    assert.equal(res.statusCode, 422);
    const fields = (res.json().problems as { field: string }[]).map((p) => p.field).sort();
    assert.deepEqual(fields, ['query.from', 'query.limit', 'query.status[1]']);
    assert.equal(t.callsTo('runs.list').length, 0);
  });
});

describe('GET /api/runs/:id', () => {
  it('returns the run detail', async () => {
    const t = await buildTestApp();
    t.answers.runDetail = {
      run: { ...makeRun(), deadLettered: true },
      steps: [],
      audit: [],
      submission: null,
      draft: makeDraft(),
    };
    const res = await t.app.inject({ method: 'GET', url: '/api/runs/run-1' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().run.deadLettered, true);
    assert.equal(res.json().draft.id, 'draft-1');
    assert.deepEqual(t.callsTo('runs.get'), [[TEST_TENANT, 'run-1']]);
  });

  it('answers 404 in the error shape when the run does not exist', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/runs/run-404' });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), {
      code: 'not-found',
      message: 'run run-404 not found',
      requestId: res.headers['x-request-id'],
    });
  });
});

describe('POST /api/runs/:id/retry', () => {
  it('answers 202 with the re-queued run, acting as the resolved actor', async () => {
    const t = await buildTestApp({ resolveActor: () => 'user:ops-1' });
    const res = await t.app.inject({ method: 'POST', url: '/api/runs/run-1/retry' });
    assert.equal(res.statusCode, 202);
    assert.equal(res.json().run.status, 'pending');
    assert.deepEqual(t.callsTo('runs.retry'), [[TEST_TENANT, 'run-1', 'user:ops-1']]);
  });

  it('maps not-found to 404 and conflict to 409', async () => {
    const t = await buildTestApp();
    t.answers.retry = { ok: false, code: 'not-found', message: 'run run-9 not found' };
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/runs/run-9/retry' })).statusCode, 404);
    t.answers.retry = { ok: false, code: 'conflict', message: 'run run-1 is running' };
    const res = await t.app.inject({ method: 'POST', url: '/api/runs/run-1/retry' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'conflict');
    assert.equal(res.json().message, 'run run-1 is running');
  });

  it('ignores an x-actor header: identity never comes from a header', async () => {
    const t = await buildTestApp();
    await t.app.inject({ method: 'POST', url: '/api/runs/run-1/retry', headers: { 'x-actor': 'user:ceo' } });
    assert.deepEqual(t.callsTo('runs.retry'), [[TEST_TENANT, 'run-1', 'system']]);
  });
});

describe('GET /api/errors', () => {
  it('returns the failure groups', async () => {
    const t = await buildTestApp();
    t.answers.failures = [
      {
        errorCode: 'needs-reauth',
        stepId: 'search-threads',
        message: 'Gmail grant revoked',
        count: 3,
        runIds: ['a', 'b', 'c'],
      },
    ];
    const res = await t.app.inject({ method: 'GET', url: '/api/errors' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { groups: t.answers.failures });
  });
});
