// POST /api/leads: the same intake outcomes as the webhooks, with Retry-After in seconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IntakeOutcome } from '../../services/service-types.js';
import { buildTestApp, TEST_TENANT } from '../testing/build-test-app.js';
import { waitUntil } from '../testing/wait-until.js';

const LEAD = '{"email": "jane@acme.example", "firstName": "Jane", "company": "Acme"}';

function postLead(
  t: Awaited<ReturnType<typeof buildTestApp>>,
  payload = LEAD,
  contentType = 'application/json',
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/leads',
    payload,
    headers: { 'content-type': contentType },
  });
}

describe('POST /api/leads', () => {
  it('answers 202 and passes the raw body and the parsed lead to intake as route api', async () => {
    const t = await buildTestApp();
    const res = await postLead(t);
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { runId: 'run-new', status: 'accepted' });
    assert.deepEqual(t.callsTo('intake.submit'), [
      [
        {
          tenantId: TEST_TENANT,
          route: 'api',
          rawBody: LEAD,
          payload: { email: 'jane@acme.example', firstName: 'Jane', company: 'Acme' },
        },
      ],
    ]);
  });

  const cases: [IntakeOutcome, number, Record<string, unknown>][] = [
    [{ kind: 'duplicate', runId: 'run-old' }, 200, { runId: 'run-old', status: 'duplicate' }],
    [
      { kind: 'ignored', reason: 'competitor domain' },
      200,
      { status: 'ignored', reason: 'competitor domain' },
    ],
  ];
  for (const [outcome, status, body] of cases) {
    it(`answers ${status} for ${outcome.kind}`, async () => {
      const t = await buildTestApp();
      t.answers.intake = () => Promise.resolve(outcome);
      const res = await postLead(t);
      assert.equal(res.statusCode, status);
      assert.deepEqual(res.json(), body);
    });
  }

  it('answers 422 with every problem intake found', async () => {
    const t = await buildTestApp();
    const problems = [
      { field: 'email', reason: 'missing' },
      { field: 'company', reason: 'too long' },
    ];
    t.answers.intake = () => Promise.resolve({ kind: 'invalid', problems });
    const res = await postLead(t);
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().problems, problems);
  });

  it('answers 422 from the schema when the body is not a JSON object, without calling intake', async () => {
    const t = await buildTestApp();
    const res = await postLead(t, '["jane@acme.example"]');
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'validation');
    assert.equal(res.json().problems.length, 1);
    assert.equal(t.callsTo('intake.submit').length, 0);
  });

  it('answers 400 for malformed JSON and accepts JSON sent as text/plain', async () => {
    const t = await buildTestApp();
    const bad = await postLead(t, '{"email":');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'bad-request');
    assert.equal((await postLead(t, LEAD, 'text/plain')).statusCode, 202);
  });

  it('answers 429 with Retry-After in SECONDS, rounded up, when intake is saturated', async () => {
    const t = await buildTestApp();
    t.answers.intake = () => Promise.resolve({ kind: 'saturated', retryAfterMs: 2100 });
    const res = await postLead(t);
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers['retry-after'], '3');
  });

  it('shares the in-flight gate with the webhooks: 429 with Retry-After 1 (s) while it is full', async () => {
    const t = await buildTestApp({ config: { intake: { maxInFlight: 1 } } });
    let release: () => void = () => undefined;
    t.answers.intake = () =>
      new Promise((resolve) => (release = () => resolve({ kind: 'accepted', runId: 'r' })));
    const first = t.app.inject({
      method: 'POST',
      url: '/webhooks/hubspot/forms',
      payload: LEAD,
      headers: { 'content-type': 'application/json' },
    });
    await waitUntil(() => t.callsTo('intake.submit').length === 1);
    const res = await postLead(t);
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers['retry-after'], '1');
    release();
    assert.equal((await first).statusCode, 202);
  });

  it('answers 413 for a body over the limit', async () => {
    const t = await buildTestApp({ config: { bodyLimitBytes: 1024 } });
    const res = await postLead(t, JSON.stringify({ email: 'a@b.example', message: 'x'.repeat(2048) }));
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'payload-too-large');
  });
});
