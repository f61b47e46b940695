import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/config.js';
import { FakeCrm, FakeMail } from '../connectors/demo/index.js';
import { loadExampleWorkspace } from '../connectors/demo/test-workspace.js';
import type { Workspace } from '../connectors/demo/workspace-schema.js';
import { AppError } from '../domain/errors.js';
import { composeConnectors, DEMO, NO_MODEL } from './compose-connectors.js';
import { GOOGLE_REFRESH_TOKEN_SECRET, writeSecret } from './secrets-file.js';

const clock = (): string => '2026-11-24T16:02:00Z';
function config(env: Record<string, string>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

describe('composing each tenant\'s connectors', () => {
  let workspace: Workspace;
  before(async () => {
    workspace = await loadExampleWorkspace();
  });

  it('uses the demo workspace for every system without credentials, and says so', async () => {
    const composed = await composeConnectors(config({}), workspace, { clock, sharedLimits: true });
    const connectors = composed.connectorsFor('t1');
    assert.ok(connectors.crm instanceof FakeCrm && connectors.mail instanceof FakeMail);
    assert.equal(connectors.llm, null);
    assert.deepEqual(composed.systems, { crm: DEMO, mail: DEMO, drive: DEMO, calendar: DEMO, llm: NO_MODEL });
    assert.equal(composed.connectorsFor('t1'), connectors, 'one set per tenant');
    assert.notEqual(composed.connectorsFor('t2').crm, connectors.crm, 'tenants do not share fakes');
    assert.equal(composed.demo.get('t1')?.crm, connectors.crm);
    await composed.close();
  });

  it('switches each system on its own: HubSpot and the model live, Google still the demo', async () => {
    const env = { HUBSPOT_ACCESS_TOKEN: 'pat-na1-x', HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9', OPENAI_API_KEY: 'sk-x', OPENAI_MODEL: 'm1' };
    const composed = await composeConnectors(config(env), workspace, { clock, sharedLimits: false });
    const connectors = composed.connectorsFor('t1');
    assert.ok(!(connectors.crm instanceof FakeCrm));
    assert.ok(connectors.mail instanceof FakeMail);
    assert.notEqual(connectors.llm, null);
    assert.equal(composed.systems.crm, 'live (HubSpot at http://127.0.0.1:9)');
    assert.equal(composed.systems.mail, DEMO);
    assert.equal(composed.systems.llm, 'live (m1 at https://api.openai.com/v1)');
  });

  it('uses the refresh token `auth google` stored, decrypted with SECRETS_ENCRYPTION_KEY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-agent-compose-'));
    const key = randomBytes(32);
    await writeSecret(join(dir, 'secrets.json'), key, GOOGLE_REFRESH_TOKEN_SECRET, '1//stored', '2026-01-01T00:00:00Z');
    const env = { GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret', SECRETS_ENCRYPTION_KEY: key.toString('base64'), DATA_DIR: dir };
    const composed = await composeConnectors(config(env), workspace, { clock, sharedLimits: false });
    assert.equal(composed.systems.mail, 'live (Gmail, OAuth (refresh token from `auth google`))');
    const wrongKey = { ...env, SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    await assert.rejects(composeConnectors(config(wrongKey), workspace, { clock, sharedLimits: false }), (e: unknown) => e instanceof AppError && /does not decrypt/.test(e.message));
  });

  it('refuses to start with a service-account key file it cannot read', async () => {
    const env = { GOOGLE_SERVICE_ACCOUNT_FILE: '/nonexistent/sa.json', GOOGLE_DELEGATED_USER: 'alex@northwind.example' };
    await assert.rejects(
      composeConnectors(config(env), workspace, { clock, sharedLimits: false }),
      (e: unknown) => e instanceof AppError && e.code === 'validation' && e.message.includes('/nonexistent/sa.json'),
    );
  });
});
