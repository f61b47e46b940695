// The service started inside the test process (startService), for tests that must reach what only the
// process holds: the demo connectors' mail and CRM fakes. It listens on a free loopback port with the
// public URL set to match, so signed webhooks verify exactly as against a separate process.
import { loadConfig } from '../../src/config/config.js';
import type { RunningService } from '../../src/cli/compose-service.js';
import { startService } from '../../src/cli/compose-service.js';
import type { DemoConnectors } from '../../src/connectors/demo/index.js';
import { createLogger } from '../../src/observability/logger.js';
import { findFreePort } from './free-port.js';
import { TEST_CLIENT_SECRET } from './signed-webhook.js';

export interface InProcessService {
  service: RunningService;
  url: string;
  /** The default tenant's demo connectors (created on first use). */
  connectors(): DemoConnectors;
  /** A new admin API key of the default tenant. */
  apiKey(): Promise<string>;
}

export async function startInProcessService(env: Record<string, string>): Promise<InProcessService> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const loaded = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: url,
    HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET,
    LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(`test configuration is invalid: ${loaded.problems.join('; ')}`);
  const service = await startService(loaded.config, 'all', createLogger({ level: 'silent' }));
  return {
    service,
    url,
    async apiKey() {
      const created = await service.auth.createApiKey({ tenantId: 'default', name: 'e2e', role: 'admin' });
      if (!created.ok)
        throw new Error(`could not create a test API key: ${JSON.stringify(created.problems)}`);
      return created.key;
    },
    connectors() {
      const connectors = service.demoConnectors.get('default');
      if (connectors === undefined) throw new Error("no run has used the default tenant's connectors yet");
      return connectors;
    },
  };
}
