import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadExampleWorkspace } from '../../connectors/demo/test-workspace.js';
import { startLiveFakes, type LiveFakes } from '../../../test/live/live-fakes.js';
import { checkSecretsCommand, type CheckSecretsReport } from './check-secrets-command.js';

async function check(env: Record<string, string>, options: { json?: boolean; strict?: boolean } = {}) {
  let stdout = '';
  const code = await checkSecretsCommand(options, { stdout: (t) => void (stdout += t), stderr: () => undefined }, env);
  return { code, stdout, report: options.json ? (JSON.parse(stdout) as CheckSecretsReport) : null };
}

const statusOf = (report: CheckSecretsReport | null, name: string) => report?.settings.find((s) => s.name === name)?.status;
const systemOf = (report: CheckSecretsReport | null, name: string) => report?.systems.find((s) => s.system === name);

describe('sales-agent check-secrets', () => {
  let fakes: LiveFakes;
  before(async () => {
    fakes = await startLiveFakes(await loadExampleWorkspace());
  });
  after(() => fakes.close());

  it('with every setting present, probes each system once and never prints a secret', async () => {
    const { code, stdout } = await check(fakes.env);
    assert.equal(code, 0, stdout);
    for (const secret of [fakes.env.HUBSPOT_ACCESS_TOKEN, fakes.env.GOOGLE_CLIENT_SECRET, fakes.env.GOOGLE_REFRESH_TOKEN, fakes.env.OPENAI_API_KEY]) {
      assert.ok(!stdout.includes(secret!), 'a secret value was printed');
    }
    assert.match(stdout, /HUBSPOT_ACCESS_TOKEN\s+present\s+pat-…oken/);
    assert.match(stdout, /OPENAI_API_KEY\s+present\s+sk-…cdef/);
    assert.match(stdout, /^OK$/m);
    const json = (await check(fakes.env, { json: true, strict: true })).report!;
    assert.equal(json.ok, true, json.failures.join('\n'));
    assert.deepEqual(json.systems.map((s) => [s.system, s.status]), [
      ['hubspot', 'ok'], ['google-oauth', 'ok'], ['gmail', 'ok'], ['drive', 'ok'], ['calendar', 'ok'], ['openai', 'ok'],
    ]);
    assert.match(systemOf(json, 'calendar')?.detail ?? '', /America\/New_York/);
    const probes = fakes.hubspot.calls.filter((c) => c.path === '/crm/v3/objects/contacts/search');
    assert.deepEqual(probes.at(-1)?.body, { limit: 1, properties: ['email'] });
    assert.ok(fakes.google.calls.some((c) => c.path === '/drive/v3/files' && c.query.get('pageSize') === '1'));
    assert.ok(fakes.openai.calls.some((c) => c.path === '/v1/models'));
  });

  it('with nothing set, reports every setting missing and passes, unless --strict', async () => {
    const plain = await check({}, { json: true });
    assert.equal(plain.code, 0);
    assert.ok(plain.report!.settings.every((s) => s.status === 'missing'));
    assert.ok(plain.report!.systems.every((s) => s.status === 'not configured'));
    assert.equal(plain.report!.settings.find((s) => s.name === 'HUBSPOT_API_BASE_URL')?.note, 'default: https://api.hubapi.com');
    const strict = await check({}, { strict: true });
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /FAILED \(--strict\)/);
    assert.match(strict.stdout, /hubspot is not configured \(--strict\)/);
  });

  it('names invalid settings, probes nothing and fails', async () => {
    const calls = fakes.hubspot.calls.length;
    const env = { ...fakes.env, GOOGLE_API_ROOT_URL: `${fakes.google.url}/gmail/v1`, SECRETS_ENCRYPTION_KEY: 'too-short', OPENAI_BASE_URL: 'not a url' };
    const { code, report } = await check(env, { json: true });
    assert.equal(code, 1);
    assert.equal(statusOf(report, 'GOOGLE_API_ROOT_URL'), 'invalid');
    assert.equal(statusOf(report, 'SECRETS_ENCRYPTION_KEY'), 'invalid');
    assert.equal(statusOf(report, 'OPENAI_BASE_URL'), 'invalid');
    assert.equal(statusOf(report, 'HUBSPOT_ACCESS_TOKEN'), 'present');
    assert.deepEqual(report!.systems, []);
    assert.equal(fakes.hubspot.calls.length, calls, 'no probe with a broken configuration');
    assert.ok(!JSON.stringify(report).includes('too-short'), 'an invalid secret is not echoed either');
  });

  it('fails when a configured system rejects its credentials, even without --strict', async () => {
    fakes.google.revokeRefreshToken(fakes.env.GOOGLE_REFRESH_TOKEN!);
    try {
      const env = { ...fakes.env, HUBSPOT_ACCESS_TOKEN: 'pat-na1-wrong-token-0000', OPENAI_API_KEY: 'sk-wrong-key-00000000' };
      const { code, report } = await check(env, { json: true });
      assert.equal(code, 1);
      assert.equal(systemOf(report, 'hubspot')?.error?.code, 'needs-reauth');
      assert.equal(systemOf(report, 'google-oauth')?.error?.code, 'needs-reauth');
      assert.equal(systemOf(report, 'gmail')?.status, 'skipped');
      assert.equal(systemOf(report, 'openai')?.error?.code, 'needs-reauth');
      assert.equal(report!.failures.length, 3);
    } finally {
      fakes.google.seed.refreshToken(fakes.env.GOOGLE_REFRESH_TOKEN!);
    }
  });

  it('reports a Google client without any refresh token as unusable', async () => {
    const env = { GOOGLE_CLIENT_ID: 'client', GOOGLE_CLIENT_SECRET: 'secret-value-123', DATA_DIR: '/nonexistent-sales-agent' };
    const { code, report } = await check(env, { json: true });
    assert.equal(code, 1);
    assert.match(report!.failures.join('\n'), /no refresh token: run `sales-agent auth google`/);
  });
});
