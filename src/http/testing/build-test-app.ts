// Builds the app around fake services with test-friendly defaults (no logging, a fixed clock), so
// each HTTP test states only what it varies.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { BuildAppDeps, HttpConfig } from '../app-deps.js';
import { createFakeServices, type FakeServices } from './fake-services.js';

export const TEST_TENANT = 'tenant-a';
export const TEST_NOW_MS = 1_700_000_060_000;

export interface TestApp extends FakeServices {
  app: FastifyInstance;
}

export async function buildTestApp(
  overrides: { config?: Partial<HttpConfig> } & Partial<Omit<BuildAppDeps, 'services' | 'config'>> = {},
): Promise<TestApp> {
  const fake = createFakeServices();
  const { config, ...rest } = overrides;
  const app = await buildApp({
    services: fake.services,
    config: {
      publicBaseUrl: 'https://agent.example.com',
      hubspotClientSecret: null,
      bodyLimitBytes: 1_048_576,
      defaultTenantId: TEST_TENANT,
      intake: { maxInFlight: 50 },
      ...config,
    },
    clock: () => TEST_NOW_MS,
    logger: false,
    ...rest,
  });
  return { app, ...fake };
}
