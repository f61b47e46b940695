// Contract tests of the auth clients against the fake token endpoint: the refresh grant, one
// refresh and one retry on a 401, re-auth on a revoked grant, and the service-account JWT grant.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-servers/google/start-fake-google.js';
import { classifyGoogleError } from './classify-google-error.js';
import { createGoogleAuth, GOOGLE_SCOPES, type GoogleAuthClient } from './create-google-auth.js';

const TZ_PATH = '/calendar/v3/users/me/settings/timezone';

async function callTimeZone(fake: FakeGoogle, auth: GoogleAuthClient): Promise<string> {
  const res = await auth.request<{ value: string }>({ url: `${fake.url}${TZ_PATH}`, retry: false });
  return res.data.value;
}

async function classified(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return classifyGoogleError(error, { system: 'Calendar', operation: 'settings.get', id: 'timezone' }, 0);
  }
  throw new Error('expected the call to fail');
}

const tokenCalls = (fake: FakeGoogle): number => fake.calls.filter((c) => c.path === '/token').length;
const apiCalls = (fake: FakeGoogle): number => fake.calls.filter((c) => c.path === TZ_PATH).length;

describe('createGoogleAuth (oauth refresh token)', () => {
  let fake: FakeGoogle;
  before(async () => {
    fake = await startFakeGoogle();
    fake.seed.oauthClient('client-1', 'secret-1');
  });
  after(() => fake.close());

  const oauth = (refreshToken: string): GoogleAuthClient =>
    createGoogleAuth({ kind: 'oauth', clientId: 'client-1', clientSecret: 'secret-1', refreshToken, tokenUrl: `${fake.url}/token` });

  it('gets an access token with the refresh grant once, then reuses it', async () => {
    fake.seed.refreshToken('rt-a');
    const auth = oauth('rt-a');
    const before = tokenCalls(fake);
    assert.equal(await callTimeZone(fake, auth), 'America/New_York');
    assert.equal(await callTimeZone(fake, auth), 'America/New_York');
    assert.equal(tokenCalls(fake) - before, 1);
    const grant = fake.calls.filter((c) => c.path === '/token').at(-1)!;
    assert.deepEqual(grant.body, { refresh_token: 'rt-a', client_id: 'client-1', client_secret: 'secret-1', grant_type: 'refresh_token' });
  });

  it('refreshes an access token the API rejects exactly once and retries the call once', async () => {
    fake.seed.refreshToken('rt-b');
    const auth = oauth('rt-b');
    await callTimeZone(fake, auth);
    const [tokensBefore, apiBefore] = [tokenCalls(fake), apiCalls(fake)];
    fake.expireAccessTokens();
    assert.equal(await callTimeZone(fake, auth), 'America/New_York');
    assert.equal(tokenCalls(fake) - tokensBefore, 1);
    assert.equal(apiCalls(fake) - apiBefore, 2);
  });

  it('does not refresh or replay on a 403 rate limit', async () => {
    fake.seed.refreshToken('rt-c');
    const auth = oauth('rt-c');
    await callTimeZone(fake, auth);
    const [tokensBefore, apiBefore] = [tokenCalls(fake), apiCalls(fake)];
    fake.faults.failNext(TZ_PATH, {
      status: 403,
      body: { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded' }] } },
    });
    const error = await classified(callTimeZone(fake, auth));
    assert.equal(error.name, 'RateLimitedError');
    assert.equal(tokenCalls(fake) - tokensBefore, 0);
    assert.equal(apiCalls(fake) - apiBefore, 1);
  });

  it('asks for re-consent when the refresh token is revoked', async () => {
    fake.seed.refreshToken('rt-d');
    const auth = oauth('rt-d');
    await callTimeZone(fake, auth);
    fake.revokeRefreshToken('rt-d');
    fake.expireAccessTokens();
    const error = await classified(callTimeZone(fake, auth));
    assert.equal(error.name, 'NeedsReauthError');
    assert.match(error.message, /invalid_grant/);
  });

  it('gives up after one refresh when the new token is rejected too', async () => {
    fake.seed.refreshToken('rt-e');
    const auth = oauth('rt-e');
    await callTimeZone(fake, auth);
    const tokensBefore = tokenCalls(fake);
    fake.faults.failNext(TZ_PATH, { status: 401, body: { error: { code: 401, message: 'Invalid Credentials', errors: [{ reason: 'authError' }] } } }, 2);
    const error = await classified(callTimeZone(fake, auth));
    assert.equal(error.name, 'NeedsReauthError');
    assert.equal(tokenCalls(fake) - tokensBefore, 1);
  });
});

describe('createGoogleAuth (service account, domain-wide delegation)', () => {
  let fake: FakeGoogle;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const credentials = {
    client_email: 'agent@proj.iam.gserviceaccount.com',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
  before(async () => {
    fake = await startFakeGoogle();
    fake.seed.serviceAccount({
      email: credentials.client_email,
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      subjects: ['rep@ourco.example'],
      delegatedScopes: [...GOOGLE_SCOPES.calendar],
    });
  });
  after(() => fake.close());

  const serviceAccount = (subject: string, scopes: string[]): GoogleAuthClient =>
    createGoogleAuth({ kind: 'service-account', credentials, subject, scopes, tokenUrl: `${fake.url}/token` });

  it('exchanges a signed JWT naming the impersonated user for an access token', async () => {
    assert.equal(await callTimeZone(fake, serviceAccount('rep@ourco.example', [...GOOGLE_SCOPES.calendar])), 'America/New_York');
    const grant = fake.calls.find((c) => c.path === '/token')!;
    const form = grant.body as Record<string, string>;
    assert.equal(form.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(Buffer.from(form.assertion!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(claims.sub, 'rep@ourco.example');
    assert.equal(claims.iss, credentials.client_email);
    assert.equal(claims.scope, GOOGLE_SCOPES.calendar.join(' '));
  });

  it('refreshes once through the JWT grant when the API rejects the token', async () => {
    const auth = serviceAccount('rep@ourco.example', [...GOOGLE_SCOPES.calendar]);
    await callTimeZone(fake, auth);
    const tokensBefore = tokenCalls(fake);
    fake.expireAccessTokens();
    assert.equal(await callTimeZone(fake, auth), 'America/New_York');
    assert.equal(tokenCalls(fake) - tokensBefore, 1);
  });

  it('needs a person when delegation lacks a scope or the user is unknown', async () => {
    const missingScope = await classified(callTimeZone(fake, serviceAccount('rep@ourco.example', [...GOOGLE_SCOPES.gmail])));
    assert.equal(missingScope.name, 'NeedsReauthError');
    assert.match(missingScope.message, /unauthorized_client/);
    const unknownUser = await classified(callTimeZone(fake, serviceAccount('ghost@ourco.example', [...GOOGLE_SCOPES.calendar])));
    assert.equal(unknownUser.name, 'NeedsReauthError');
    assert.match(unknownUser.message, /invalid_grant/);
  });
});
