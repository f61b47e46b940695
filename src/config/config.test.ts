import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { ENV_VARIABLE_NAMES, getPublicBaseUrl, getSecretsFilePath, loadConfig, SECRET_ENV_NAMES } from './config.js';
import { decodeEncryptionKey } from './connector-config.js';
import { redactSecret, redactUrl } from './setting-catalog.js';

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const result = loadConfig({});
    assert.ok(result.ok);
    assert.equal(result.config.server.port, 3000);
    assert.equal(result.config.server.host, '127.0.0.1');
    assert.equal(result.config.database.databaseUrl, null);
    assert.equal(result.config.database.dataDir, './.data');
    assert.equal(result.config.queue.redisUrl, null);
    assert.equal(result.config.sendKillSwitch, false);
    assert.equal(getPublicBaseUrl(result.config), 'http://localhost:3000');
  });

  it('reads the environment into typed slices', () => {
    const result = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      HUBSPOT_FORM_IDS: ' a-1 , b-2 ,',
      SEND_KILL_SWITCH: '1',
      WORKER_CONCURRENCY: '8',
    });
    assert.ok(result.ok);
    assert.equal(result.config.server.port, 8080);
    assert.deepEqual(result.config.hubspot.formIds, ['a-1', 'b-2']);
    assert.equal(result.config.sendKillSwitch, true);
    assert.equal(result.config.queue.concurrency, 8);
  });

  it('lists every bad setting by its variable name', () => {
    const result = loadConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'not a url', WORKER_CONCURRENCY: '0', SEND_KILL_SWITCH: 'maybe' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.problems.some((p) => p.startsWith('SEND_KILL_SWITCH')), result.problems.join('\n'));
  });

  it('names each invalid value once the flags parse', () => {
    const result = loadConfig({ PORT: 'eighty', PUBLIC_BASE_URL: 'not a url', WORKER_CONCURRENCY: '0' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    const names = result.problems.map((p) => p.split(':')[0]).sort();
    assert.deepEqual(names, ['PORT', 'PUBLIC_BASE_URL', 'WORKER_CONCURRENCY']);
  });
});

describe('connector settings (issue 5)', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('defaults every connector setting so that no credentials means the demo workspace', () => {
    const result = loadConfig({});
    assert.ok(result.ok);
    const { google, llm, secrets, rateLimits } = result.config;
    assert.equal(google.apiRootUrl, null);
    assert.equal(google.oauthTokenUrl, 'https://oauth2.googleapis.com/token');
    assert.equal(llm.apiKey, null);
    assert.equal(llm.baseUrl, 'https://api.openai.com/v1');
    assert.equal(llm.model, 'gpt-4o-mini');
    assert.equal(secrets.encryptionKey, null);
    assert.equal(getSecretsFilePath(result.config), './.data/secrets.json');
    assert.deepEqual(rateLimits, { hubspotPer10s: 100, hubspotSearchPerSecond: 5, gmailUnitsPerSecond: 250, calendarPerMinute: 600, drivePerMinute: 1000 });
  });

  it('reads a full live configuration', () => {
    const result = loadConfig({
      GOOGLE_API_ROOT_URL: 'http://127.0.0.1:4100',
      GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:4100/token',
      GOOGLE_CLIENT_ID: 'id',
      GOOGLE_CLIENT_SECRET: 'secret',
      GOOGLE_REFRESH_TOKEN: '1//token',
      OPENAI_BASE_URL: 'http://127.0.0.1:4200/v1',
      OPENAI_API_KEY: 'sk-x',
      OPENAI_MODEL: 'llama3',
      SECRETS_ENCRYPTION_KEY: key,
      HUBSPOT_RATE_LIMIT_PER_10S: '190',
      DATA_DIR: '/var/lib/sales-agent/',
    });
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    assert.equal(result.config.google.refreshToken, '1//token');
    assert.equal(result.config.llm.model, 'llama3');
    assert.equal(result.config.rateLimits.hubspotPer10s, 190);
    assert.equal(getSecretsFilePath(result.config), '/var/lib/sales-agent/secrets.json');
  });

  it('names every connector mistake by its variable', () => {
    const result = loadConfig({
      GOOGLE_API_ROOT_URL: 'http://127.0.0.1:4100/gmail/v1',
      GOOGLE_CLIENT_ID: 'id-without-secret',
      GOOGLE_SERVICE_ACCOUNT_JSON: '{"client_email": "not an email"}',
      OPENAI_BASE_URL: 'not a url',
      SECRETS_ENCRYPTION_KEY: 'too-short',
      GMAIL_QUOTA_UNITS_PER_SECOND: '0',
    });
    assert.equal(result.ok, false);
    if (result.ok) return;
    const names = new Set(result.problems.map((p) => p.split(':')[0]));
    for (const name of ['GOOGLE_API_ROOT_URL', 'GOOGLE_CLIENT_SECRET', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'GOOGLE_DELEGATED_USER', 'OPENAI_BASE_URL', 'SECRETS_ENCRYPTION_KEY', 'GMAIL_QUOTA_UNITS_PER_SECOND']) {
      assert.ok(names.has(name), `${name} in ${result.problems.join(' | ')}`);
    }
    assert.ok(!result.problems.some((p) => p.includes('too-short')), 'a secret value never appears in a problem');
  });

  it('accepts the encryption key as 64 hex characters or base64 of 32 bytes, nothing else', () => {
    assert.ok(decodeEncryptionKey('ab'.repeat(32)));
    assert.ok(decodeEncryptionKey(key));
    assert.equal(decodeEncryptionKey(Buffer.alloc(16).toString('base64')), null);
    assert.equal(decodeEncryptionKey('not base64 at all!'), null);
  });

  it('marks the new secrets so they are never printed', () => {
    for (const name of ['GOOGLE_CLIENT_SECRET', 'GOOGLE_REFRESH_TOKEN', 'GOOGLE_SERVICE_ACCOUNT_JSON', 'OPENAI_API_KEY', 'SECRETS_ENCRYPTION_KEY']) {
      assert.ok((SECRET_ENV_NAMES as readonly string[]).includes(name), name);
    }
    assert.equal(redactSecret('pat-na1-0123456789abcdefa1b2'), 'pat-…a1b2');
    assert.equal(redactSecret('sk-proj-abcdefghijklmnop9z8y'), 'sk-…9z8y');
    assert.equal(redactSecret('short'), '(5 characters)');
    assert.equal(redactUrl('redis://user:pw@cache:6379/0'), 'redis://***@cache:6379/0');
  });

  it('.env.example documents every variable the service reads', () => {
    const example = readFileSync('.env.example', 'utf8');
    for (const name of ENV_VARIABLE_NAMES) assert.match(example, new RegExp(`^#? ?${name}=`, 'm'), `${name} is documented`);
  });
});
