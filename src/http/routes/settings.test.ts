// The settings API: read, replace with optimistic locking, and the mode switch with its phrase.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEND_CONFIRMATION_PHRASE } from '../../domain/settings.js';
import { buildTestApp, TEST_TENANT } from '../testing/build-test-app.js';
import { okSettings } from '../testing/fake-services.js';
import type { ErrorBody } from '../http-error.js';

describe('GET /api/settings', () => {
  it('returns the settings, their version and the global kill switch', async () => {
    const t = await buildTestApp();
    t.answers.settings = okSettings(7, true);
    const res = await t.app.inject({ method: 'GET', url: '/api/settings' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().version, 7);
    assert.equal(res.json().globalKillSwitch, true);
    assert.equal(res.json().settings.sending.mode, 'DRAFT_ONLY');
  });

  it('answers 404 when the tenant has no settings', async () => {
    const t = await buildTestApp();
    t.answers.settings = { ok: false, code: 'not-found', message: 'tenant tenant-a not found' };
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/settings' })).statusCode, 404);
  });
});

describe('PUT /api/settings', () => {
  it('passes the document, the expected version and the actor; answers 200 with the new version', async () => {
    const t = await buildTestApp({ resolveActor: () => 'user:ops-1' });
    t.answers.settings = okSettings(4);
    const document = { seller: { name: 'Sam' } };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/settings',
      payload: { settings: document, version: 3 },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().version, 4);
    assert.deepEqual(t.callsTo('settings.update'), [[TEST_TENANT, document, 3, 'user:ops-1']]);
  });

  it('answers 422 with every problem the service found', async () => {
    const t = await buildTestApp();
    const problems = [
      { field: 'seller.email', reason: 'Invalid email' },
      { field: 'workingHours.end', reason: 'must start before they end' },
    ];
    t.answers.settings = { ok: false, code: 'validation', problems };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/settings',
      payload: { settings: {}, version: 3 },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().problems, problems);
    assert.match(res.json<ErrorBody>().message, /seller\.email: Invalid email; workingHours\.end/);
  });

  it('answers 409 on a stale version', async () => {
    const t = await buildTestApp();
    t.answers.settings = { ok: false, code: 'conflict', message: 'settings changed since version 3 (now 4)' };
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/settings',
      payload: { settings: {}, version: 3 },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'conflict');
  });

  it('answers 422 from the schema when version is missing, without calling the service', async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: 'PUT', url: '/api/settings', payload: { settings: 'x' } });
    assert.equal(res.statusCode, 422);
    assert.deepEqual((res.json().problems as { field: string }[]).map((p) => p.field).sort(), [
      'settings',
      'version',
    ]);
    assert.equal(t.callsTo('settings.update').length, 0);
  });
});

describe('POST /api/settings/mode', () => {
  it('passes the change and the actor and answers 200', async () => {
    const t = await buildTestApp();
    const change = { mode: 'SEND', confirmation: SEND_CONFIRMATION_PHRASE, reason: 'pilot' };
    const res = await t.app.inject({ method: 'POST', url: '/api/settings/mode', payload: change });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(t.callsTo('settings.setMode'), [[TEST_TENANT, change, 'system']]);
  });

  it('answers 422 naming the phrase needed when the confirmation is wrong', async () => {
    const t = await buildTestApp();
    t.answers.settings = {
      ok: false,
      code: 'validation',
      problems: [{ field: 'confirmation', reason: 'does not match' }],
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/settings/mode',
      payload: { mode: 'SEND', confirmation: 'yes' },
    });
    assert.equal(res.statusCode, 422);
    const { message } = res.json<ErrorBody>();
    assert.ok(message.includes(SEND_CONFIRMATION_PHRASE), message);
  });

  it('answers 409 while a kill switch is on, and 422 for an unknown mode', async () => {
    const t = await buildTestApp();
    t.answers.settings = { ok: false, code: 'conflict', message: 'the global kill switch is on' };
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/settings/mode',
      payload: { mode: 'SEND', confirmation: SEND_CONFIRMATION_PHRASE },
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().message, 'the global kill switch is on');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/settings/mode',
      payload: { mode: 'YOLO' },
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().problems[0].field, 'mode');
  });
});
