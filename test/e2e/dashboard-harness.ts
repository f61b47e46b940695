// What the dashboard browser tests stand on: the real service in this process (embedded PGlite in
// memory, in-process queue, demo workspace, signed webhooks), Debian Chromium through playwright-core,
// signed HubSpot form posts, and the screenshot folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_TENANT_ID, startService, type RunningService } from '../../src/cli/compose-service.js';
import type { DemoConnectors } from '../../src/connectors/demo/index.js';
import { loadConfig } from '../../src/config/config.js';
import { v3Headers } from '../../src/http/testing/hubspot-signer.js';
import { createLogger } from '../../src/observability/logger.js';

export const CLIENT_SECRET = 'dashboard-e2e-secret';
export const PUBLIC_BASE_URL = 'https://agent.example.com';
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-web.mjs', import.meta.url));
const EXAMPLE_LEAD = fileURLToPath(new URL('../../examples/leads/new-prospect.json', import.meta.url));

/** The flags the project runs Chromium with: no network side channels, no profile of its own. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync',
];

export function ensureDashboardBuilt(): void {
  const built = spawnSync(process.execPath, [BUILD_SCRIPT, '--if-stale'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building web/ failed:\n${built.stdout}\n${built.stderr}`);
}

export async function startDashboardService(): Promise<RunningService> {
  const loaded = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory://', HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_BASE_URL, LOG_LEVEL: 'silent', RECONCILE_INTERVAL_MS: '500',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return startService(loaded.config, 'all', createLogger({ level: 'silent' }), { staticDir: WEB_DIST, demoDelayMs: 0 });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}${name}.png`;
}

/** The example HubSpot form submission with its own submission id and address, signed with v3. */
export async function postSignedLead(service: RunningService, vary: { submissionId: string; email: string }): Promise<{ status: number; runId: string | undefined }> {
  const payload = JSON.parse(readFileSync(EXAMPLE_LEAD, 'utf8')) as { formSubmissionId: string; fieldValues: { name: string; value: string }[] };
  payload.formSubmissionId = vary.submissionId;
  for (const field of payload.fieldValues) if (field.name === 'email') field.value = vary.email;
  const body = JSON.stringify(payload);
  const path = '/webhooks/hubspot/forms';
  const headers = v3Headers(CLIENT_SECRET, PUBLIC_BASE_URL + path, body, Date.now());
  const response = await fetch(`${service.url ?? ''}${path}`, { method: 'POST', headers, body });
  const answer = (await response.json()) as { runId?: string };
  return { status: response.status, runId: answer.runId };
}

export function demoConnectorsOf(service: RunningService): DemoConnectors {
  const connectors = service.demoConnectors.get(DEFAULT_TENANT_ID);
  if (!connectors) throw new Error('the demo connectors are created with the first run; post a lead first');
  return connectors;
}
