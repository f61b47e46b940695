// How the adapter reports HubSpot failures: classified domain errors carrying the server's wait,
// never a sleep or a retry of its own (api-contracts §1.5, §1.6, §8).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FakeHubspot } from '../../../test/fake-servers/hubspot/index.js';
import { hubspotErrorBodies, startFakeHubspot } from '../../../test/fake-servers/hubspot/index.js';
import {
  AppError,
  NeedsReauthError,
  PermanentError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
} from '../../domain/errors.js';
import { createMemoryRateLimiter } from '../shared/memory-rate-limiter.js';
import type { HubspotCrm, HubspotCrmOptions } from './index.js';
import { createHubspotCrm } from './index.js';

const CONTACT_PATH = /^\/crm\/v3\/objects\/contacts\/[^/]+$/;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return error;
  }
  return assert.fail('expected the call to fail');
}

describe('HubSpot adapter error handling', () => {
  let fake: FakeHubspot;
  let crm: HubspotCrm;
  const make = (overrides: Partial<HubspotCrmOptions> = {}): HubspotCrm =>
    createHubspotCrm({
      accessToken: fake.accessToken,
      baseUrl: fake.url,
      tenantId: 't1',
      limiter: createMemoryRateLimiter({ limit: 1000, intervalMs: 1000 }),
      timeoutMs: 2000,
      ...overrides,
    });
  before(
    async () =>
      (fake = await startFakeHubspot({
        seed: { contacts: [{ id: '101', properties: { email: 'jane@acme.com' } }] },
      })),
  );
  after(() => fake.close());
  beforeEach(() => {
    fake.faults.rateLimit = null;
    fake.faults.dailyLimit = null;
    fake.calls.length = 0;
    crm = make();
  });

  it('turns a 429 into a RateLimitedError with the Retry-After wait, and neither sleeps nor retries', async () => {
    fake.faults.failNext(CONTACT_PATH, {
      status: 429,
      body: hubspotErrorBodies.rateLimit('TEN_SECONDLY_ROLLING'),
      headers: { 'Retry-After': '3' },
    });
    const error = await failure(crm.findContactByEmail('jane@acme.com'));

    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 3000);
    // The SDK's own retry would have slept a fixed 10 s and asked again: one request means it did not.
    assert.equal(fake.calls.length, 1, 'the SDK retry is off: one request, one answer');
    assert.match(
      error.message,
      /^HubSpot getContact \(jane@acme\.com\) failed: HTTP 429: You have reached your ten_secondly_rolling limit\./,
    );
  });

  it('waits by policy when HubSpot sends no Retry-After: 10 s rolling, 1 s for the search secondly limit', async () => {
    fake.faults.failNext(CONTACT_PATH, {
      status: 429,
      body: hubspotErrorBodies.rateLimit('TEN_SECONDLY_ROLLING'),
    });
    assert.equal((await failure(crm.findContactByEmail('jane@acme.com'))).retryAfterMs, 10_000);
    fake.faults.failNext('/crm/v3/objects/tasks/search', {
      status: 429,
      body: hubspotErrorBodies.rateLimit('SECONDLY'),
    });
    const error = await failure(crm.findTaskByIdempotencyKey('k'));
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 1000);
  });

  it("reports the fake's own burst limit the same way (429 + Retry-After from the window)", async () => {
    fake.faults.rateLimit = { limit: 1, intervalMs: 5000 };
    await crm.findOwner('1').catch(() => undefined);
    const error = await failure(crm.findOwner('2'));
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 5000);
  });

  it('turns the DAILY policy into a QuotaExhaustedError, on SDK and raw (apiRequest) calls alike', async () => {
    fake.faults.dailyLimit = 0;
    const sdkCall = await failure(crm.findContactByEmail('jane@acme.com'));
    assert.ok(sdkCall instanceof QuotaExhaustedError, `got ${sdkCall.name}`);
    const rawCall = await failure(crm.forms.listFormSubmissions('form-1'));
    assert.ok(rawCall instanceof QuotaExhaustedError, `got ${rawCall.name}`);
  });

  it('makes 5xx (also an HTML 502 page) and 524 transient, keeping the status and the cause', async () => {
    fake.faults.failNext(CONTACT_PATH, { status: 503, body: hubspotErrorBodies.serverError() });
    const unavailable = await failure(crm.findContactByEmail('jane@acme.com'));
    assert.ok(unavailable instanceof TransientError);
    assert.equal(unavailable.details?.['status'], 503);
    assert.ok(unavailable.cause !== undefined);

    fake.faults.failNext(CONTACT_PATH, {
      status: 502,
      body: '<html>Bad Gateway</html>',
      headers: { 'content-type': 'text/html' },
    });
    const gateway = await failure(crm.findContactByEmail('jane@acme.com'));
    assert.ok(gateway instanceof TransientError);
    assert.equal(gateway.details?.['status'], 502);

    fake.faults.failNext('/crm/v3/owners/', { status: 524 });
    assert.ok((await failure(crm.findOwner('5'))) instanceof TransientError);
  });

  it('waits at least 2 s on 423 Locked, and honours Retry-After on 477', async () => {
    fake.faults.failNext('/crm/v3/owners/', { status: 423, body: { status: 'error', message: 'locked' } });
    assert.equal((await failure(crm.findOwner('5'))).retryAfterMs, 2000);
    fake.faults.failNext('/crm/v3/owners/', {
      status: 477,
      body: { status: 'error', message: 'Migration in progress' },
      headers: { 'Retry-After': '30' },
    });
    const migrating = await failure(crm.findOwner('5'));
    assert.ok(migrating instanceof TransientError);
    assert.equal(migrating.retryAfterMs, 30_000);
  });

  it('treats an error answer the SDK cannot read (no Content-Type) as a lost answer: transient', async () => {
    fake.faults.failNext('/crm/v3/owners/', { status: 500 });
    const error = await failure(crm.findOwner('5'));
    assert.ok(error instanceof TransientError);
    assert.match(error.message, /^HubSpot getOwner \(5\) failed/);
  });

  it('makes a rejected token NeedsReauth: a private-app token cannot be refreshed, a person must reconnect', async () => {
    const wrong = make({ accessToken: 'pat-na1-revoked' });
    const error = await failure(wrong.findContactByEmail('jane@acme.com'));
    assert.ok(error instanceof NeedsReauthError);
    assert.equal(fake.calls[0]?.status, 401);
    assert.equal(error.details?.['category'], 'INVALID_AUTHENTICATION');
  });

  it('makes a missing scope (403) permanent', async () => {
    fake.faults.failNext('/form-integrations/', { status: 403, body: hubspotErrorBodies.missingScopes() });
    const error = await failure(crm.forms.listFormSubmissions('form-1'));
    assert.ok(error instanceof PermanentError);
    assert.equal(error.details?.['category'], 'MISSING_SCOPES');
  });

  it('gives up waiting after timeoutMs with a TransientError naming the call', async () => {
    fake.faults.delayNext('/crm/v3/owners/', 500);
    const error = await failure(make({ timeoutMs: 50 }).findOwner('7'));
    assert.ok(error instanceof TransientError);
    assert.equal(error.message, 'HubSpot getOwner (7) timed out after 50 ms');
  });

  it('makes an unreachable server transient', async () => {
    const other = await startFakeHubspot();
    const url = other.url;
    await other.close();
    const error = await failure(make({ baseUrl: url }).findOwner('7'));
    assert.ok(error instanceof TransientError);
    assert.match(error.message, /ECONNREFUSED/);
  });
});
