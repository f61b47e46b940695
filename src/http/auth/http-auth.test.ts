// Sign-in and access control over HTTP: sessions with CSRF, API keys, roles, first-admin setup,
// logout, and that the OpenAPI document lists the dashboard's endpoints.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createAuthService, type AuthService } from '../../services/auth-service.js';
import { createAuditSearch } from '../../services/audit-service.js';
import { createLiveEventBus } from '../../services/live-events.js';
import { createMemoryAuditLog } from '../../store/memory-audit-log.js';
import { createMemoryAuthStore } from '../../store/memory-auth-store.js';
import { buildApp } from '../app.js';
import { createFakeServices, type FakeServices } from '../testing/fake-services.js';
import { createHttpAuth } from './create-http-auth.js';

const PASSWORD = 'a long enough password';

type TestApp = FakeServices & { app: FastifyInstance };

async function setup(withUsers = true): Promise<{ t: TestApp; auth: AuthService }> {
  const auth = createAuthService({ store: createMemoryAuthStore(), clock: () => new Date(), newId: randomUUID, sessionTtlMs: 3_600_000 });
  if (withUsers) {
    for (const role of ['admin', 'operator', 'viewer'])
      assert.ok((await auth.addUser({ tenantId: 'tenant-a', email: `${role}@example.com`, role, password: PASSWORD })).ok);
  }
  const httpAuth = createHttpAuth(auth);
  const fake = createFakeServices();
  const app = await buildApp({
    services: fake.services,
    config: { publicBaseUrl: 'https://agent.example.com', hubspotClientSecret: null, bodyLimitBytes: 1_048_576, defaultTenantId: 'tenant-a', intake: { maxInFlight: 50 } },
    clock: () => Date.now(),
    logger: false,
    authenticate: httpAuth.authenticate,
    resolveActor: httpAuth.resolveActor,
    dashboardApi: {
      auth,
      httpAuth,
      live: createLiveEventBus(),
      audit: createAuditSearch(createMemoryAuditLog()),
      sampleDraft: () => Promise.resolve({ ok: false, problems: [] }),
    },
  });
  return { t: { app, ...fake }, auth };
}

function cookiesOf(response: LightMyRequestResponse): { cookie: string; csrf: string; setCookie: string[] } {
  const header = response.headers['set-cookie'];
  const setCookie = Array.isArray(header) ? header : header ? [header] : [];
  const pairs = setCookie.map((c) => c.split(';')[0] ?? '');
  const csrf = pairs.find((p) => p.startsWith('sa_csrf='))?.slice('sa_csrf='.length) ?? '';
  return { cookie: pairs.join('; '), csrf, setCookie };
}

async function signIn(t: TestApp, role: string): Promise<{ cookie: string; csrf: string }> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${role}@example.com`, password: PASSWORD } });
  assert.equal(response.statusCode, 200, response.body);
  return cookiesOf(response);
}

describe('dashboard authentication', () => {
  let t: TestApp;
  let auth: AuthService;
  before(async () => ({ t, auth } = await setup()));

  it('refuses /api without a session or key, with the error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/runs' });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json<{ code: string }>().code, 'unauthorized');
    assert.equal(t.callsTo('runs.list').length, 0);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.com', password: 'nope nope nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'who@example.com', password: 'nope nope nope' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json<{ message: string }>().message, unknown.json<{ message: string }>().message);
  });

  it('signs in with an HTTP-only session cookie and a readable CSRF cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ADMIN@example.com', password: PASSWORD } });
    const { setCookie } = cookiesOf(response);
    assert.match(setCookie.find((c) => c.startsWith('sa_session=')) ?? '', /HttpOnly/);
    assert.doesNotMatch(setCookie.find((c) => c.startsWith('sa_csrf=')) ?? '', /HttpOnly/);
    assert.equal(response.json<{ principal: { role: string } }>().principal.role, 'admin');
  });

  it('needs the CSRF header on writes made with a session, and audits the user as the actor', async () => {
    const { cookie, csrf } = await signIn(t, 'operator');
    const read = await t.app.inject({ method: 'GET', url: '/api/runs', headers: { cookie } });
    assert.equal(read.statusCode, 200);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/runs/run-1/retry', headers: { cookie } });
    assert.equal(noToken.statusCode, 403);
    const wrongToken = await t.app.inject({ method: 'POST', url: '/api/runs/run-1/retry', headers: { cookie, 'x-csrf-token': `${csrf}x` } });
    assert.equal(wrongToken.statusCode, 403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/runs/run-1/retry', headers: { cookie, 'x-csrf-token': csrf } });
    assert.equal(ok.statusCode, 202);
    assert.deepEqual(t.callsTo('runs.retry').at(-1), ['tenant-a', 'run-1', 'user:operator@example.com']);
  });

  it('lets viewers read but not approve, send, retry or change settings', async () => {
    const { cookie, csrf } = await signIn(t, 'viewer');
    const headers = { cookie, 'x-csrf-token': csrf };
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/drafts', headers })).statusCode, 200);
    for (const [method, url, payload] of [
      ['POST', '/api/drafts/d-1/approve', undefined],
      ['POST', '/api/drafts/d-1/send', undefined],
      ['POST', '/api/runs/r-1/retry', undefined],
      ['POST', '/api/settings/mode', { mode: 'DRAFT_ONLY' }],
      ['PUT', '/api/settings', { settings: {}, version: 1 }],
    ] as const) {
      const response = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      assert.equal(response.statusCode, 403, `${method} ${url}`);
      assert.equal(response.json<{ code: string }>().code, 'forbidden');
    }
    assert.equal(t.callsTo('drafts.approve').length, 0);
  });

  it('keeps settings and the sending mode to admins', async () => {
    const operator = await signIn(t, 'operator');
    const refused = await t.app.inject({ method: 'POST', url: '/api/settings/mode', headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrf }, payload: { mode: 'DRAFT_ONLY' } });
    assert.equal(refused.statusCode, 403);
    const admin = await signIn(t, 'admin');
    const allowed = await t.app.inject({ method: 'POST', url: '/api/settings/mode', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { mode: 'DRAFT_ONLY' } });
    assert.equal(allowed.statusCode, 200);
  });

  it('accepts an API key as a bearer token without CSRF, and refuses an unknown one', async () => {
    const created = await auth.createApiKey({ tenantId: 'tenant-a', name: 'crm-sync', role: 'operator' });
    assert.ok(created.ok);
    const ok = await t.app.inject({ method: 'POST', url: '/api/runs/r-2/retry', headers: { authorization: `Bearer ${created.key}` } });
    assert.equal(ok.statusCode, 202);
    assert.deepEqual(t.callsTo('runs.retry').at(-1), ['tenant-a', 'r-2', `api-key:${created.prefix}`]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/runs', headers: { authorization: `Bearer ${created.key}x` } });
    assert.equal(bad.statusCode, 401);
  });

  it('ends the session on logout', async () => {
    const { cookie, csrf } = await signIn(t, 'admin');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    assert.equal(out.statusCode, 204);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/runs', headers: { cookie } })).statusCode, 401);
  });

  it('lists the dashboard endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
    for (const path of ['/api/auth/login', '/api/auth/logout', '/api/auth/session', '/api/auth/setup', '/api/events', '/api/audit', '/api/settings/sample-draft'])
      assert.ok(path in doc.paths, path);
  });
});

describe('first-admin setup', () => {
  it('is offered only while there are no users and only to this machine', async () => {
    const { t } = await setup(false);
    const remote = await t.app.inject({ method: 'POST', url: '/api/auth/setup', remoteAddress: '10.0.0.8', payload: { email: 'first@example.com', password: PASSWORD } });
    assert.equal(remote.statusCode, 403);
    const proxied = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { 'x-forwarded-for': '10.0.0.8' } });
    assert.equal(proxied.json<{ setupRequired: boolean }>().setupRequired, false);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).json<{ setupRequired: boolean }>().setupRequired, true);
    const first = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { email: 'first@example.com', password: PASSWORD } });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json<{ principal: { role: string } }>().principal.role, 'admin');
    const second = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { email: 'second@example.com', password: PASSWORD } });
    assert.equal(second.statusCode, 409);
  });
});
