// Webhook intake over HTTP: every answer HubSpot relies on, for each route, with signatures on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp, TEST_NOW_MS, TEST_TENANT } from '../testing/build-test-app.js';
import { v3Headers } from '../testing/hubspot-signer.js';
import { waitUntil } from '../testing/wait-until.js';
import { TransientError } from '../../domain/errors.js';
import type { IntakeOutcome } from '../../services/service-types.js';
import type { ErrorBody } from '../http-error.js';

const SECRET = 'test-client-secret';
const BASE = 'https://agent.example.com';
const LEAD = '{ "email" : "jane@acme.example",\n  "properties": { "company": { "value": "Acme" } } }';

async function signedApp(intake: { maxInFlight: number } = { maxInFlight: 50 }) {
  return buildTestApp({ config: { hubspotClientSecret: SECRET, publicBaseUrl: BASE, intake } });
}

type TestApp = Awaited<ReturnType<typeof signedApp>>;

function post(t: TestApp, url: string, body: string, at = TEST_NOW_MS, extra: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...v3Headers(SECRET, BASE + url, body, at), ...extra },
  });
}

function answerWith(t: TestApp, outcome: IntakeOutcome): void {
  t.answers.intake = () => Promise.resolve(outcome);
}

for (const [url, route] of [
  ['/webhooks/hubspot/forms', 'hubspot-forms'],
  ['/webhooks/hubspot/workflow', 'hubspot-workflow'],
] as const) {
  describe(`POST ${url}`, () => {
    it('answers 202 with the run id and hands intake the raw body, the parsed payload, the tenant and the route', async () => {
      const t = await signedApp();
      const res = await post(t, url, LEAD);
      assert.equal(res.statusCode, 202);
      assert.deepEqual(res.json(), { runId: 'run-new', status: 'accepted' });
      assert.deepEqual(t.callsTo('intake.submit'), [
        [
          {
            tenantId: TEST_TENANT,
            route,
            rawBody: LEAD,
            payload: { email: 'jane@acme.example', properties: { company: { value: 'Acme' } } },
          },
        ],
      ]);
    });

    it('answers 200 with the existing run for a duplicate', async () => {
      const t = await signedApp();
      answerWith(t, { kind: 'duplicate', runId: 'run-old' });
      const res = await post(t, url, LEAD);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { runId: 'run-old', status: 'duplicate' });
    });

    it('answers 200 ignored (so HubSpot does not retry) with the reason', async () => {
      const t = await signedApp();
      answerWith(t, { kind: 'ignored', reason: 'form form-9 is not on the allowlist' });
      const res = await post(t, url, LEAD);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ignored', reason: 'form form-9 is not on the allowlist' });
    });

    it('answers 422 listing every problem', async () => {
      const t = await signedApp();
      const problems = [
        { field: 'email', reason: 'not an email address' },
        { field: 'formId', reason: 'missing' },
      ];
      answerWith(t, { kind: 'invalid', problems });
      const res = await post(t, url, LEAD);
      assert.equal(res.statusCode, 422);
      const body = res.json<ErrorBody>();
      assert.equal(body.code, 'validation');
      assert.deepEqual(body.problems, problems);
      assert.match(body.message, /email: not an email address; formId: missing/);
      assert.equal(body.requestId, res.headers['x-request-id']);
    });

    it('answers 401 when the signature is missing, and intake is never called', async () => {
      const t = await signedApp();
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload: LEAD,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().code, 'unauthorized');
      assert.match(res.json<ErrorBody>().message, /missing signature/);
      assert.equal(t.callsTo('intake.submit').length, 0);
    });

    it('answers 401 when the signature does not match the body', async () => {
      const t = await signedApp();
      const headers = v3Headers(SECRET, BASE + url, LEAD, TEST_NOW_MS);
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload: LEAD.replace('jane', 'mallory'),
        headers,
      });
      assert.equal(res.statusCode, 401);
      assert.match(res.json<ErrorBody>().message, /v3 signature does not match/);
      assert.equal(t.callsTo('intake.submit').length, 0);
    });

    it('answers 401 for a correctly signed request whose timestamp is 6 minutes old', async () => {
      const t = await signedApp();
      const res = await post(t, url, LEAD, TEST_NOW_MS - 6 * 60 * 1000);
      assert.equal(res.statusCode, 401);
      assert.match(res.json<ErrorBody>().message, /timestamp is 360 s old/);
      assert.equal(t.callsTo('intake.submit').length, 0);
    });

    it('answers 400 for a correctly signed body that is not JSON', async () => {
      const t = await signedApp();
      const res = await post(t, url, '{"email": ');
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'bad-request');
      assert.match(res.json<ErrorBody>().message, /not valid JSON/);
      assert.equal(t.callsTo('intake.submit').length, 0);
    });

    it('checks the signature before the JSON: a forged malformed body is 401, not 400', async () => {
      const t = await signedApp();
      const headers = v3Headers(SECRET, BASE + url, LEAD, TEST_NOW_MS);
      const res = await t.app.inject({ method: 'POST', url, payload: '{"email": ', headers });
      assert.equal(res.statusCode, 401);
    });

    it('answers 413 with the error shape for a 2 MB body', async () => {
      const t = await signedApp();
      const big = JSON.stringify({ email: 'jane@acme.example', message: 'x'.repeat(2 * 1024 * 1024) });
      const res = await post(t, url, big);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().code, 'payload-too-large');
      assert.equal(res.json().requestId, res.headers['x-request-id']);
      assert.equal(t.callsTo('intake.submit').length, 0);
    });

    it('answers 429 with Retry-After in MILLISECONDS when intake is saturated', async () => {
      const t = await signedApp();
      answerWith(t, { kind: 'saturated', retryAfterMs: 2500 });
      const res = await post(t, url, LEAD);
      assert.equal(res.statusCode, 429);
      assert.equal(res.headers['retry-after'], '2500');
      assert.equal(res.json().code, 'rate-limited');
    });

    it('answers 429 (Retry-After in ms) while more intake requests than maxInFlight are in progress', async () => {
      const t = await signedApp({ maxInFlight: 1 });
      let release: (outcome: IntakeOutcome) => void = () => undefined;
      t.answers.intake = () => new Promise((resolve) => (release = resolve));
      const first = post(t, url, LEAD);
      await waitUntil(() => t.callsTo('intake.submit').length === 1);
      const second = await post(t, url, LEAD);
      assert.equal(second.statusCode, 429);
      assert.equal(second.headers['retry-after'], '1000');
      release({ kind: 'accepted', runId: 'run-1' });
      assert.equal((await first).statusCode, 202);
      answerWith(t, { kind: 'accepted', runId: 'run-2' });
      assert.equal(
        (await post(t, url, LEAD)).statusCode,
        202,
        'the slot is free again once the first request is answered',
      );
    });

    it('answers 503 with Retry-After in ms, and no run id, when the database could not take the lead', async () => {
      const t = await signedApp();
      t.answers.intake = () =>
        Promise.reject(
          new TransientError('the database could not take a batch of 12 submission(s)', {
            retryAfterMs: 1000,
          }),
        );
      const res = await post(t, url, LEAD);
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers['retry-after'], '1000');
      const body = res.json<ErrorBody>();
      assert.equal(body.code, 'transient');
      assert.equal(body.requestId, res.headers['x-request-id']);
      assert.ok(!('runId' in body));
    });

    it('accepts a JSON body sent as text/plain or an odd content type (HubSpot is not always precise)', async () => {
      const t = await signedApp();
      for (const type of ['text/plain; charset=utf-8', 'application/x-www-form-urlencoded']) {
        const res = await post(t, url, LEAD, TEST_NOW_MS, { 'content-type': type });
        assert.equal(res.statusCode, 202, type);
      }
      assert.equal(t.callsTo('intake.submit').length, 2);
    });
  });
}

describe('POST /webhooks/hubspot/events', () => {
  const url = '/webhooks/hubspot/events';
  const batch =
    '[{"eventId":1,"subscriptionId":25,"portalId":33,"occurredAt":1462216307945,"subscriptionType":"contact.creation","objectId":1246978}]';

  it('answers 200 with accepted run ids, duplicates and the ignored count, passing the raw batch', async () => {
    const t = await signedApp();
    t.answers.events = { accepted: ['run-1'], duplicates: ['run-0'], ignored: 2 };
    const res = await post(t, url, batch);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { accepted: ['run-1'], duplicates: ['run-0'], ignored: 2 });
    assert.deepEqual(t.callsTo('intake.submitEvents'), [
      [{ tenantId: TEST_TENANT, rawBody: batch, events: JSON.parse(batch) as unknown }],
    ]);
  });

  it('answers 400 when the body is JSON but not an array', async () => {
    const t = await signedApp();
    const res = await post(t, url, '{"eventId":1}');
    assert.equal(res.statusCode, 400);
    assert.match(res.json<ErrorBody>().message, /JSON array/);
    assert.equal(t.callsTo('intake.submitEvents').length, 0);
  });

  it('answers 400 for malformed JSON, 401 without a signature and 413 for a 2 MB batch', async () => {
    const t = await signedApp();
    assert.equal((await post(t, url, '[{')).statusCode, 400);
    const unsigned = await t.app.inject({
      method: 'POST',
      url,
      payload: batch,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.statusCode, 401);
    assert.equal((await post(t, url, `["${'x'.repeat(2 * 1024 * 1024)}"]`)).statusCode, 413);
    assert.equal(t.callsTo('intake.submitEvents').length, 0);
  });

  it('answers 429 with Retry-After in ms while the intake gate is full', async () => {
    const t = await signedApp({ maxInFlight: 1 });
    let release: () => void = () => undefined;
    t.answers.intake = () =>
      new Promise((resolve) => (release = () => resolve({ kind: 'accepted', runId: 'run-1' })));
    const first = post(t, '/webhooks/hubspot/forms', LEAD);
    await waitUntil(() => t.callsTo('intake.submit').length === 1);
    const res = await post(t, url, batch);
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers['retry-after'], '1000');
    release();
    assert.equal((await first).statusCode, 202);
  });
});
