// App-wide behaviour: request ids, the error shape for unknown routes and thrown errors, the
// OpenAPI document, the authentication hook and the dashboard (built or not).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RateLimitedError, TransientError, ValidationError } from '../domain/errors.js';
import { HttpError } from './http-error.js';
import { buildTestApp } from './testing/build-test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('mints a UUID per request and echoes it in x-request-id and the error body', async () => {
    const t = await buildTestApp();
    const a = await t.app.inject({ method: 'GET', url: '/api/runs/x' });
    const b = await t.app.inject({ method: 'GET', url: '/health/live' });
    assert.match(String(a.headers['x-request-id']), UUID);
    assert.match(String(b.headers['x-request-id']), UUID);
    assert.notEqual(a.headers['x-request-id'], b.headers['x-request-id']);
    assert.equal(a.json().requestId, a.headers['x-request-id']);
  });

  it("keeps a caller's well-formed x-request-id and replaces a malformed one", async () => {
    const t = await buildTestApp();
    const kept = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'lb-7f3a.2' },
    });
    assert.equal(kept.headers['x-request-id'], 'lb-7f3a.2');
    const replaced = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'bad id\twith "quotes"' },
    });
    assert.match(String(replaced.headers['x-request-id']), UUID);
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 in the error shape', async () => {
    const t = await buildTestApp();
    for (const url of ['/api/nope', '/nope', '/webhooks/hubspot/other']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.deepEqual(res.json(), {
        code: 'not-found',
        message: `no route for GET ${url}`,
        requestId: res.headers['x-request-id'],
      });
    }
  });

  it('turns a thrown non-AppError into a 500 with a generic message and no stack', async () => {
    const t = await buildTestApp();
    t.answers.intake = () => Promise.reject(new Error('connection to db-7.internal:5432 refused'));
    const res = await t.app.inject({ method: 'POST', url: '/api/leads', payload: { email: 'a@b.example' } });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(Object.keys(res.json()).sort(), ['code', 'message', 'requestId']);
    assert.equal(res.json().code, 'internal');
    assert.ok(!res.body.includes('db-7.internal') && !res.body.includes('at '), res.body);
  });

  it('maps thrown AppErrors through HTTP_STATUS, keeping 4xx messages and hiding 5xx ones', async () => {
    const t = await buildTestApp();
    const get = () => t.app.inject({ method: 'GET', url: '/api/errors' });
    t.services.runs.failures = () =>
      Promise.reject(new ValidationError('bad filter', [{ field: 'limit', reason: 'too big' }]));
    const invalid = await get();
    assert.equal(invalid.statusCode, 422);
    assert.deepEqual(invalid.json().problems, [{ field: 'limit', reason: 'too big' }]);
    t.services.runs.failures = () =>
      Promise.reject(new RateLimitedError('slow down', { retryAfterMs: 1500 }));
    const limited = await get();
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.headers['retry-after'], '2');
    t.services.runs.failures = () =>
      Promise.reject(new TransientError('pg: terminating connection due to admin command'));
    const transient = await get();
    assert.equal(transient.statusCode, 503);
    assert.equal(transient.json().code, 'transient');
    assert.ok(!transient.body.includes('pg:'));
  });

  it('lets the authenticate hook refuse /api requests before the body is validated, and leaves webhooks and health alone', async () => {
    const t = await buildTestApp({
      authenticate: (request) =>
        Promise.reject(new HttpError(401, 'unauthorized', `no API key for ${request.url}`)),
    });
    const api = await t.app.inject({ method: 'POST', url: '/api/drafts/d/reject', payload: {} });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().code, 'unauthorized');
    assert.equal((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
    const hook = await t.app.inject({
      method: 'POST',
      url: '/webhooks/hubspot/forms',
      payload: { email: 'a@b.example' },
    });
    assert.equal(hook.statusCode, 202);
  });
});

describe('OpenAPI document', () => {
  const expected = [
    'POST /webhooks/hubspot/forms',
    'POST /webhooks/hubspot/workflow',
    'POST /webhooks/hubspot/events',
    'POST /api/leads',
    'GET /api/runs',
    'GET /api/runs/{id}',
    'POST /api/runs/{id}/retry',
    'GET /api/errors',
    'GET /api/drafts',
    'GET /api/drafts/{id}',
    'PATCH /api/drafts/{id}',
    'POST /api/drafts/{id}/approve',
    'POST /api/drafts/{id}/reject',
    'POST /api/drafts/{id}/send',
    'GET /api/settings',
    'PUT /api/settings',
    'POST /api/settings/mode',
  ];

  it('lists every /api and /webhooks route with its responses, served at /docs/json', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    }>();
    const listed: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api') && !path.startsWith('/webhooks')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        listed.push(`${method.toUpperCase()} ${path}`);
        const codes = Object.keys(operation.responses ?? {});
        assert.ok(
          codes.some((c) => c.startsWith('2')) && codes.some((c) => c.startsWith('4') || c === '500'),
          `${method} ${path}: ${codes.join(',')}`,
        );
      }
    }
    assert.deepEqual(listed.sort(), [...expected].sort());
    assert.ok(
      !Object.keys(doc.paths).some((p) => p.startsWith('/docs')),
      'the docs routes are not documented as API',
    );
  });

  it('serves the UI at /docs', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    assert.ok(res.statusCode === 200 || res.statusCode === 302, String(res.statusCode));
  });
});

describe('dashboard', () => {
  it('without a build, GET / explains that and links the docs and the runs API', async () => {
    const t = await buildTestApp({ staticDir: null });
    const res = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /not built/);
    assert.match(res.body, /href="\/docs"/);
    assert.match(res.body, /href="\/api\/runs"/);
  });

  it('with a build, serves its files and falls back to index.html for client routes, but not for API paths or missing files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-agent-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const t = await buildTestApp({ staticDir: dir });
    const html = { accept: 'text/html,application/xhtml+xml' };
    assert.match((await t.app.inject({ method: 'GET', url: '/' })).body, /dashboard/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/assets/app.js' })).body, 'console.log(1)');
    const spa = await t.app.inject({ method: 'GET', url: '/runs/run-1', headers: html });
    assert.equal(spa.statusCode, 200);
    assert.match(spa.body, /dashboard/);
    const api = await t.app.inject({ method: 'GET', url: '/api/unknown', headers: html });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().code, 'not-found');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/assets/missing.js', headers: html })).statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/runs/run-1', headers: { accept: 'application/json' } }))
        .statusCode,
      404,
    );
  });
});
