// Health: liveness always 200 while the process answers; readiness 503 when a dependency does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp } from '../testing/build-test-app.js';

describe('health', () => {
  it('GET /health/live answers 200 ok', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/health/live' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('GET /health/ready answers 200 with the checks when all pass, 503 when one fails', async () => {
    const t = await buildTestApp();
    const ok = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().status, 'ok');
    const checks = {
      database: { ok: true, detail: 'pglite' },
      queue: { ok: false, detail: 'redis: ECONNREFUSED' },
    };
    t.answers.ready = () => Promise.resolve({ ok: false, checks });
    const down = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(down.statusCode, 503);
    assert.deepEqual(down.json(), { status: 'unavailable', checks });
  });

  it('GET /health/ready answers 503 (not 500) when the check itself throws', async () => {
    const t = await buildTestApp();
    t.answers.ready = () => Promise.reject(new Error('pool exhausted'));
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().status, 'unavailable');
    assert.ok(!res.body.includes('pool exhausted'));
  });
});
