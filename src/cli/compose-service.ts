// The composition root of the service: database, stores, queue, connectors, services, HTTP app,
// worker and reconciler, wired for one of three roles. The only place concrete adapters meet.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { getPublicBaseUrl } from '../config/config.js';
import type { DemoConnectors } from '../connectors/demo/index.js';
import { createDemoConnectors } from '../connectors/demo/index.js';
import { loadWorkspace } from '../connectors/demo/load-workspace.js';
import type { Workspace } from '../connectors/demo/workspace-schema.js';
import { AppError } from '../domain/errors.js';
import type { JobQueue } from '../domain/ports/job-queue.js';
import type { TenantSettings } from '../domain/settings.js';
import { buildApp } from '../http/app.js';
import type { Logger } from '../observability/logger.js';
import { createBullmqQueue } from '../queue/bullmq-queue.js';
import { createMemoryQueue } from '../queue/memory-queue.js';
import { createReconciler } from '../queue/reconciler.js';
import { createServices } from '../services/create-services.js';
import type { Services } from '../services/service-types.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/database.js';
import { createPostgresStores } from '../store/stores.js';

export type Role = 'all' | 'api' | 'worker';
export const DEFAULT_TENANT_ID = 'default';

export interface RunningService {
  role: Role;
  url: string | null;
  database: Database;
  queue: JobQueue;
  services: Services;
  /** The demo connectors a tenant's runs use (tests read their write logs). */
  demoConnectors: Map<string, DemoConnectors>;
  stop(): Promise<void>;
}

export async function startService(config: Config, role: Role, log: Logger, options: { staticDir?: string | null } = {}): Promise<RunningService> {
  if (role !== 'all' && (config.database.databaseUrl === null || config.queue.redisUrl === null)) {
    throw new AppError('validation', `--role ${role} runs beside other processes, so it needs DATABASE_URL (PostgreSQL) and REDIS_URL; the embedded database and in-process queue serve one process (--role all)`);
  }
  const workspace = await readWorkspace(config.workspacePath);
  const database = await openDatabase({ databaseUrl: config.database.databaseUrl, dataDir: config.database.dataDir });
  try {
    await database.migrate();
    return await wire(config, role, log, database, workspace, options.staticDir ?? null);
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function readWorkspace(path: string): Promise<Workspace> {
  const loaded = await loadWorkspace(path);
  if (loaded.ok) return loaded.workspace;
  const problems = loaded.problems.map((p) => `${p.path}: ${p.reason}`).join('; ');
  throw new AppError('validation', `the demo workspace ${path} is invalid: ${problems}`);
}

async function wire(config: Config, role: Role, log: Logger, database: Database, workspace: Workspace, staticDir: string | null): Promise<RunningService> {
  const onError = (error: unknown, job?: unknown): void => log.error({ err: error, job }, 'job failed outside the workflow');
  const queue = config.queue.redisUrl
    ? createBullmqQueue({ redisUrl: config.queue.redisUrl, prefix: config.queue.prefix, onError })
    : createMemoryQueue({ onError });
  const demoConnectors = new Map<string, DemoConnectors>();
  const connectorsFor = (tenantId: string): DemoConnectors => {
    let connectors = demoConnectors.get(tenantId);
    if (!connectors) {
      connectors = createDemoConnectors(workspace, { clock: () => new Date().toISOString() });
      demoConnectors.set(tenantId, connectors);
    }
    return connectors;
  };
  const stores = createPostgresStores(database);
  const { services, executor } = createServices(
    {
      stores,
      queue,
      connectorsFor,
      initialSettings: () => initialSettings(workspace.settings, config),
      clock: () => new Date(),
      newId: randomUUID,
      globalKillSwitch: config.sendKillSwitch,
    },
    {
      intake: { maxQueueDepth: config.intake.maxQueueDepth, retryAfterMs: 1000 },
      executor: {
        workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        leaseMs: config.worker.leaseMs,
        maxRunAttempts: config.worker.maxRunAttempts,
        runRetry: { baseDelayMs: 2000, maxDelayMs: 5 * 60_000 },
        onError,
      },
      pingDatabase: async () => void (await database.db.execute(sql`select 1`)),
    },
  );
  // The default tenant exists from the first start, with the workspace's settings.
  await services.settings.get(DEFAULT_TENANT_ID);

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (role !== 'worker') {
    app = await buildApp({
      services,
      config: {
        publicBaseUrl: getPublicBaseUrl(config),
        hubspotClientSecret: config.hubspot.clientSecret,
        bodyLimitBytes: config.server.bodyLimitBytes,
        defaultTenantId: DEFAULT_TENANT_ID,
        intake: { maxInFlight: config.intake.maxInFlight },
      },
      clock: Date.now,
      logger: { level: config.logLevel },
      staticDir,
    });
    url = await app.listen({ port: config.server.port, host: config.server.host });
  }
  const reconciler = createReconciler({
    dispatch: stores.dispatch,
    queue,
    now: () => new Date().toISOString(),
    intervalMs: config.worker.reconcileIntervalMs,
    onError: (error: unknown) => log.error({ err: error }, 'reconciler pass failed'),
  });
  if (role !== 'api') {
    await queue.consume((job) => executor.handle(job), { concurrency: config.queue.concurrency });
    reconciler.start();
  }

  return {
    role,
    url,
    database,
    queue,
    services,
    demoConnectors,
    async stop() {
      // Stop taking work first, then let in-flight runs finish (or release them), then close pools.
      await app?.close();
      await reconciler.stop();
      await queue.close({ timeoutMs: 10_000 });
      await database.close();
    },
  };
}

function initialSettings(fromWorkspace: TenantSettings, config: Config): TenantSettings {
  if (config.hubspot.formIds.length === 0) return fromWorkspace;
  return { ...fromWorkspace, forms: { allowlist: config.hubspot.formIds } };
}
