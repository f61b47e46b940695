// Signature checks over HTTP with HubSpot's documented vectors (api-contracts.md 1.2): the URL that is
// verified is the PUBLIC one (publicBaseUrl + path + query), the body the bytes as received.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { UNSIGNED_WEBHOOKS_WARNING } from './app.js';
import { buildTestApp } from './testing/build-test-app.js';
import { signV2, signV3 } from './testing/hubspot-signer.js';
import { getPublicUrl } from './webhook-signature.js';
import type { ErrorBody } from './http-error.js';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const TIMESTAMP = 1_700_000_000_000;

async function vectorApp(publicBaseUrl = 'https://www.example.com') {
  // The clock is one minute after the vector's timestamp: inside HubSpot's 5-minute window.
  return buildTestApp({
    config: { hubspotClientSecret: SECRET, publicBaseUrl },
    clock: () => TIMESTAMP + 60_000,
  });
}

describe('HubSpot signatures on the webhook routes', () => {
  it('the test signer reproduces the documented v3 and v2 vectors (so what follows checks the real formula)', () => {
    assert.equal(
      signV3(SECRET, 'POST', 'https://www.example.com/webhook_uri', BODY, String(TIMESTAMP)),
      '/pXDSgWeGksQpwCsgqd43P0eY6gBIse9UX0tfkudUrE=',
    );
    assert.equal(
      signV2(SECRET, 'GET', 'https://www.example.com/webhook_uri', ''),
      'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    );
  });

  it('accepts the v3 vector (secret, body, timestamp) signed over the public URL HubSpot called', async () => {
    const t = await vectorApp();
    const url = '/webhooks/hubspot/events';
    const signature = signV3(SECRET, 'POST', `https://www.example.com${url}`, BODY, String(TIMESTAMP));
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload: BODY,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature-v3': signature,
        'x-hubspot-request-timestamp': String(TIMESTAMP),
      },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(t.callsTo('intake.submitEvents').length, 1);
  });

  it('covers the query string and refuses a signature made for another host', async () => {
    const t = await vectorApp('https://www.example.com/');
    const url = '/webhooks/hubspot/workflow?src=wf&portal=62515';
    const send = (signedUrl: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: '{"email":"jane@acme.example"}',
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': signV3(
            SECRET,
            'POST',
            signedUrl,
            '{"email":"jane@acme.example"}',
            String(TIMESTAMP),
          ),
          'x-hubspot-request-timestamp': String(TIMESTAMP),
        },
      });
    assert.equal((await send(`https://www.example.com${url}`)).statusCode, 202, 'public URL with its query');
    assert.equal(
      (await send('https://www.example.com/webhooks/hubspot/workflow')).statusCode,
      401,
      'query left out',
    );
    assert.equal(
      (await send(`http://localhost${url}`)).statusCode,
      401,
      'the internal URL is not what HubSpot signed',
    );
  });

  it('accepts the documented v1 vector exactly (v1 covers the body only)', async () => {
    const t = await vectorApp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/webhooks/hubspot/events',
      payload: BODY,
      headers: {
        'content-type': 'application/json',
        'x-hubspot-signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
        'x-hubspot-signature-version': 'v1',
      },
    });
    assert.equal(res.statusCode, 200);
  });

  it('accepts a v2 signature over method + public URL + body and refuses a wrong one', async () => {
    const t = await vectorApp();
    const url = '/webhooks/hubspot/forms';
    const body = '{"email":"jane@acme.example"}';
    const send = (signature: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature': signature,
          'x-hubspot-signature-version': 'v2',
        },
      });
    assert.equal((await send(signV2(SECRET, 'POST', `https://www.example.com${url}`, body))).statusCode, 202);
    const wrong = await send(signV2(SECRET, 'POST', 'https://www.example.com/elsewhere', body));
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(Object.keys(wrong.json()).sort(), ['code', 'message', 'requestId']);
    assert.match(wrong.json<ErrorBody>().message, /v2 signature does not match/);
  });

  it('without a client secret, accepts unsigned webhooks and warns once at startup', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const t = await buildTestApp({
      config: { hubspotClientSecret: null },
      logger: { level: 'warn', stream },
    });
    for (let i = 0; i < 2; i += 1) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/webhooks/hubspot/forms',
        payload: '{"email":"a@b.example"}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.statusCode, 202);
    }
    assert.equal(lines.filter((l) => l.includes(UNSIGNED_WEBHOOKS_WARNING)).length, 1);
  });

  it('builds the public URL from the base (with or without a trailing slash) and the path with its query', () => {
    assert.equal(
      getPublicUrl('https://agent.example.com/', '/webhooks/hubspot/forms?a=1'),
      'https://agent.example.com/webhooks/hubspot/forms?a=1',
    );
    assert.equal(
      getPublicUrl('https://example.com/sales', '/webhooks/hubspot/forms'),
      'https://example.com/sales/webhooks/hubspot/forms',
    );
  });
});
