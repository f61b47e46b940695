// Builds every application service from ports: the one place services are wired together.
import { createDraftsService } from './drafts-service.js';
import { createHealthService } from './health-service.js';
import type { IntakeLimits } from './intake-service.js';
import { createIntakeService } from './intake-service.js';
import type { RunExecutor, RunExecutorOptions } from './run-executor.js';
import { createRunExecutor } from './run-executor.js';
import { createRunsService } from './runs-service.js';
import type { ServiceDeps } from './service-deps.js';
import type { Services } from './service-types.js';
import { createSettingsService } from './settings-service.js';
import { createTenantSettingsCache } from './tenant-settings-cache.js';

export function createServices(
  deps: ServiceDeps,
  options: { intake: IntakeLimits; executor: RunExecutorOptions; pingDatabase: () => Promise<void> },
): { services: Services; executor: RunExecutor } {
  const cache = createTenantSettingsCache(deps);
  return {
    services: {
      intake: createIntakeService(deps, cache, options.intake),
      runs: createRunsService(deps),
      drafts: createDraftsService(deps, cache),
      settings: createSettingsService(deps, cache),
      health: createHealthService({ queue: deps.queue, pingDatabase: options.pingDatabase }),
    },
    executor: createRunExecutor(deps, cache, options.executor),
  };
}
