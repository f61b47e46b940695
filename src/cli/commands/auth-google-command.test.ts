import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-servers/google/start-fake-google.js';
import { GOOGLE_REFRESH_TOKEN_SECRET, readSecret } from '../secrets-file.js';
import { authGoogleCommand, DEFAULT_REDIRECT_URI, extractCode } from './auth-google-command.js';
import { checkSecrets } from './check-secrets-command.js';

const CLIENT = { id: 'client-42.apps.googleusercontent.com', secret: 'GOCSPX-secret-value' };
const REFRESH = '1//0g-refresh-token-from-consent';

async function auth(env: Record<string, string>, options: { code?: string; readCode?: () => Promise<string> }) {
  let stdout = '';
  let stderr = '';
  const code = await authGoogleCommand(options, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, env);
  return { code, stdout, stderr };
}

describe('sales-agent auth google', () => {
  let google: FakeGoogle;
  let env: Record<string, string>;
  const key = randomBytes(32);

  before(async () => {
    google = await startFakeGoogle({ userEmail: 'alex@northwind.example' });
    google.seed.oauthClient(CLIENT.id, CLIENT.secret);
    google.seed.authorizationCode('4/0code-one', REFRESH, DEFAULT_REDIRECT_URI);
    google.seed.authorizationCode('4/0code-two', '1//0g-second-token', DEFAULT_REDIRECT_URI);
    env = {
      GOOGLE_CLIENT_ID: CLIENT.id,
      GOOGLE_CLIENT_SECRET: CLIENT.secret,
      GOOGLE_OAUTH_TOKEN_URL: `${google.url}/token`,
      GOOGLE_API_ROOT_URL: google.url,
      SECRETS_ENCRYPTION_KEY: key.toString('base64'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sales-agent-auth-')),
    };
  });
  after(() => google.close());

  it('prints the consent URL for offline access with the adapters\' scopes', async () => {
    const { stdout } = await auth(env, { code: '4/0code-one' });
    const url = new URL(/https:\/\/accounts\.google\.com\S+/.exec(stdout)?.[0] ?? 'http://missing');
    assert.equal(url.searchParams.get('access_type'), 'offline');
    assert.equal(url.searchParams.get('prompt'), 'consent');
    assert.equal(url.searchParams.get('client_id'), CLIENT.id);
    assert.equal(url.searchParams.get('redirect_uri'), DEFAULT_REDIRECT_URI);
    assert.equal(url.searchParams.get('response_type'), 'code');
    const scopes = url.searchParams.get('scope')?.split(' ') ?? [];
    for (const scope of ['gmail.modify', 'drive.metadata.readonly', 'calendar.freebusy', 'calendar.settings.readonly']) {
      assert.ok(scopes.includes(`https://www.googleapis.com/auth/${scope}`), scope);
    }
  });

  it('exchanged the code at GOOGLE_OAUTH_TOKEN_URL and stored the refresh token encrypted, owner-only', async () => {
    const exchange = google.calls.find((c) => c.path === '/token' && (c.body as Record<string, string>).grant_type === 'authorization_code');
    assert.deepEqual(
      { code: (exchange?.body as Record<string, string>).code, redirect: (exchange?.body as Record<string, string>).redirect_uri, status: exchange?.status },
      { code: '4/0code-one', redirect: DEFAULT_REDIRECT_URI, status: 200 },
    );
    const path = join(env.DATA_DIR!, 'secrets.json');
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes(REFRESH), 'the token is not in the file in clear');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(await readSecret(path, key, GOOGLE_REFRESH_TOKEN_SECRET), { ok: true, value: REFRESH });
    const wrongKey = await readSecret(path, randomBytes(32), GOOGLE_REFRESH_TOKEN_SECRET);
    assert.equal(wrongKey.ok, false);
  });

  it('makes Google usable: check-secrets refreshes with the stored token and reads Gmail, Drive and Calendar', async () => {
    const report = await checkSecrets(env, false);
    assert.equal(report.ok, true, report.failures.join('\n'));
    const oauth = report.systems.find((s) => s.system === 'google-oauth');
    assert.match(oauth?.detail ?? '', /refresh token from `auth google`/);
    assert.deepEqual(report.systems.filter((s) => s.status === 'ok').map((s) => s.system), ['google-oauth', 'gmail', 'drive', 'calendar']);
  });

  it('takes a pasted redirect URL from stdin and never prints the token', async () => {
    const { code, stdout } = await auth(env, { readCode: () => Promise.resolve(`${DEFAULT_REDIRECT_URI}?code=4%2F0code-two&scope=x`) });
    assert.equal(code, 0);
    assert.ok(!stdout.includes('1//0g-second-token'));
    assert.match(stdout, /Stored the Google refresh token \(1\/\/…oken\) encrypted in/);
  });

  it('fails on a used code, and refuses to start without an encryption key', async () => {
    const reused = await auth(env, { code: '4/0code-one' });
    assert.equal(reused.code, 1);
    assert.match(reused.stderr, /invalid_grant|needs/i);
    const calls = google.calls.length;
    const noKey = await auth({ ...env, SECRETS_ENCRYPTION_KEY: '' }, { code: '4/0code-one' });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /SECRETS_ENCRYPTION_KEY/);
    assert.equal(google.calls.length, calls, 'no code is spent when it could not be stored');
  });

  it('reads a code or the code parameter of a redirect URL', () => {
    assert.equal(extractCode(' 4/0abc '), '4/0abc');
    assert.equal(extractCode('http://127.0.0.1:8085/oauth2/callback?code=4%2F0xyz&scope=a'), '4/0xyz');
    assert.equal(extractCode(''), null);
  });
});
