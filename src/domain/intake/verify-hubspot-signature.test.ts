import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeV1, computeV2, computeV3, verifyHubspotSignature } from './verify-hubspot-signature.js';

// The vectors of api-contracts.md 1.2.
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const URL = 'https://www.example.com/webhook_uri';
const TS = '1700000000000';

describe('HubSpot signature vectors', () => {
  it('computes the documented v1, v2 and v3 values', () => {
    assert.equal(computeV1(SECRET, BODY), '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
    assert.equal(computeV2(SECRET, 'GET', URL, ''), 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
    assert.equal(computeV3(SECRET, 'POST', URL, BODY, TS), '/pXDSgWeGksQpwCsgqd43P0eY6gBIse9UX0tfkudUrE=');
  });
});

describe('verifyHubspotSignature', () => {
  const v3Headers = { 'x-hubspot-signature-v3': '/pXDSgWeGksQpwCsgqd43P0eY6gBIse9UX0tfkudUrE=', 'x-hubspot-request-timestamp': TS };
  const now = Number(TS) + 60_000;

  it('accepts the v3 vector inside the 5-minute window', () => {
    assert.deepEqual(verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY, headers: v3Headers }, SECRET, now), { ok: true, version: 'v3' });
  });

  it('refuses a tampered body', () => {
    const result = verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY.replace('123', '124'), headers: v3Headers }, SECRET, now);
    assert.deepEqual(result, { ok: false, reason: 'v3 signature does not match' });
  });

  it('refuses a timestamp 6 minutes old even with a valid signature', () => {
    const result = verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY, headers: v3Headers }, SECRET, Number(TS) + 6 * 60_000);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /360 s old/);
  });

  it('refuses the wrong secret, another URL and a missing timestamp', () => {
    assert.equal(verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY, headers: v3Headers }, 'other', now).ok, false);
    assert.equal(verifyHubspotSignature({ method: 'POST', url: `${URL}?x=1`, rawBody: BODY, headers: v3Headers }, SECRET, now).ok, false);
    const noTs = { 'x-hubspot-signature-v3': v3Headers['x-hubspot-signature-v3'] };
    assert.deepEqual(verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY, headers: noTs }, SECRET, now), {
      ok: false,
      reason: 'missing X-HubSpot-Request-Timestamp header',
    });
  });

  it('hashes the URI with the documented characters decoded', () => {
    const encoded = 'https://www.example.com/webhook%3Fsrc%3Awf%2Cx';
    const signature = computeV3(SECRET, 'POST', 'https://www.example.com/webhook?src:wf,x', BODY, TS);
    const headers = { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': TS };
    assert.equal(verifyHubspotSignature({ method: 'POST', url: encoded, rawBody: BODY, headers }, SECRET, now).ok, true);
  });

  it('accepts the legacy v1 and v2 vectors', () => {
    const v1 = { 'x-hubspot-signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de', 'x-hubspot-signature-version': 'v1' };
    assert.deepEqual(verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY, headers: v1 }, SECRET, now), { ok: true, version: 'v1' });
    const v2 = { 'x-hubspot-signature': 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e', 'x-hubspot-signature-version': 'v2' };
    assert.deepEqual(verifyHubspotSignature({ method: 'GET', url: URL, rawBody: '', headers: v2 }, SECRET, now), { ok: true, version: 'v2' });
  });

  it('refuses a request with no signature at all', () => {
    const result = verifyHubspotSignature({ method: 'POST', url: URL, rawBody: BODY, headers: {} }, SECRET, now);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /missing signature/);
  });
});
