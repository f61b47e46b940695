// The composition root of the service: database, stores, queue, connectors, services, HTTP app,
// worker and reconciler, wired for one of three roles. The only place concrete adapters meet.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { getPublicBaseUrl } from '../config/config.js';
import type { DemoConnectors, FakeSystem } from '../connectors/demo/index.js';
import { loadWorkspace } from '../connectors/demo/load-workspace.js';
import type { Workspace } from '../connectors/demo/workspace-schema.js';
import { AppError } from '../domain/errors.js';
import type { Connectors } from '../domain/ports/index.js';
import type { JobQueue } from '../domain/ports/job-queue.js';
import type { TenantSettings } from '../domain/settings.js';
import { buildApp } from '../http/app.js';
import type { Logger } from '../observability/logger.js';
import { createBullmqQueue } from '../queue/bullmq-queue.js';
import { createMemoryQueue } from '../queue/memory-queue.js';
import { createReconciler } from '../queue/reconciler.js';
import type { AuthService } from '../services/auth-service.js';
import { createServices } from '../services/create-services.js';
import { createFormPoller } from '../services/form-poller.js';
import type { Services } from '../services/service-types.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/database.js';
import { startEmbeddedMaintenance } from '../store/embedded-maintenance.js';
import { findServerSettingProblems } from '../store/server-settings.js';
import { createPostgresStores } from '../store/stores.js';
import { composeConnectors } from './compose-connectors.js';
import { createDashboardWiring } from './compose-dashboard.js';

export type Role = 'all' | 'api' | 'worker';
export const DEFAULT_TENANT_ID = 'default';

/**
 * TEST AND DEMO ONLY: every call of the demo connectors waits this many milliseconds, so end-to-end
 * tests can kill a worker in the middle of a run. Unset (or 0) in any real deployment.
 */
export const DEMO_DELAY_ENV = 'SALES_AGENT_DEMO_DELAY_MS';

export interface RunningService {
  role: Role;
  url: string | null;
  database: Database;
  queue: JobQueue;
  services: Services;
  /** The demo connectors a tenant's runs use (tests read their write logs). */
  demoConnectors: Map<string, DemoConnectors>;
  /** Accounts and API keys (tests create users through it). */
  auth: AuthService;
  stop(): Promise<void>;
}

export interface StartOptions {
  staticDir?: string | null;
  /** Test/demo only: delays every demo connector call; defaults to SALES_AGENT_DEMO_DELAY_MS. */
  demoDelayMs?: number;
}

export async function startService(config: Config, role: Role, log: Logger, options: StartOptions = {}): Promise<RunningService> {
  if (role !== 'all' && (config.database.databaseUrl === null || config.queue.redisUrl === null)) {
    throw new AppError('validation', `--role ${role} runs beside other processes, so it needs DATABASE_URL (PostgreSQL) and REDIS_URL; the embedded database and in-process queue serve one process (--role all)`);
  }
  const workspace = await readWorkspace(config.workspacePath);
  const database = await openDatabase({
    databaseUrl: config.database.databaseUrl,
    dataDir: config.database.dataDir,
    poolSize: config.database.poolSize,
  });
  try {
    await database.migrate();
    for (const problem of await findServerSettingProblems(database)) log.warn(problem);
    const demoDelayMs = options.demoDelayMs ?? readDemoDelayMs(process.env[DEMO_DELAY_ENV]);
    return await wire(config, role, log, database, workspace, { staticDir: options.staticDir ?? null, demoDelayMs });
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

function readDemoDelayMs(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new AppError('validation', `${DEMO_DELAY_ENV} must be a whole number of milliseconds (got ${raw})`);
  return ms;
}

const DEMO_SYSTEMS: FakeSystem[] = ['crm', 'mail', 'drive', 'calendar', 'history'];

/** Arms a delay on every operation of every demo fake, for as many calls as there will ever be. */
function slowDown(connectors: DemoConnectors, ms: number): void {
  for (const system of DEMO_SYSTEMS) {
    const fake = connectors[system] as object;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(fake))) {
      if (name === 'constructor') continue;
      connectors.faults.delay(system, name as never, ms, Number.MAX_SAFE_INTEGER);
    }
  }
}

async function wire(config: Config, role: Role, log: Logger, database: Database, workspace: Workspace, options: { staticDir: string | null; demoDelayMs: number }): Promise<RunningService> {
  const { staticDir, demoDelayMs } = options;
  const composed = await composeConnectors(config, workspace, {
    clock: () => new Date().toISOString(),
    sharedLimits: true,
    onDemo: (fakes) => (demoDelayMs > 0 ? slowDown(fakes, demoDelayMs) : undefined),
  });
  log.info({ systems: composed.systems }, 'connectors');
  const onError = (error: unknown, job?: unknown): void => log.error({ err: error, job }, 'job failed outside the workflow');
  // BullMQ's job lock follows the run lease (README: keep them close), so a killed worker's job is
  // found stalled about when its lease in the database runs out, not 30 s later.
  const queue = config.queue.redisUrl
    ? createBullmqQueue({
        redisUrl: config.queue.redisUrl,
        prefix: config.queue.prefix,
        onError,
        lockDurationMs: config.worker.leaseMs,
        stalledIntervalMs: Math.max(1000, Math.floor(config.worker.leaseMs / 2)),
      })
    : createMemoryQueue({ onError });
  // Live adapters where credentials are configured, the demo workspace's fakes for the rest (issue 5).
  const demoConnectors = composed.demo;
  const connectorsFor = (tenantId: string): Connectors => composed.connectorsFor(tenantId);
  // Every run, draft and settings write publishes a live event for the dashboard (across processes on PostgreSQL).
  const dashboard = createDashboardWiring(config, database, log);
  const stores = dashboard.publishing(createPostgresStores(database));
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
      // Intake's group commit may hold half the pool; workers and the API keep the other half.
      intake: {
        maxQueueDepth: config.intake.maxQueueDepth,
        retryAfterMs: 1000,
        batch: { maxConcurrent: Math.max(1, Math.floor(config.database.poolSize / 2)) },
      },
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
      authenticate: dashboard.httpAuth.authenticate,
      resolveActor: dashboard.httpAuth.resolveActor,
      dashboardApi: dashboard.api(services, stores),
    });
    url = await app.listen({ port: config.server.port, host: config.server.host });
    await dashboard.announceSetup(url);
  }
  const reconciler = createReconciler({
    dispatch: stores.dispatch,
    queue,
    now: () => new Date().toISOString(),
    intervalMs: config.worker.reconcileIntervalMs,
    onError: (error: unknown) => log.error({ err: error }, 'reconciler pass failed'),
  });
  // The Forms API poller backfills what webhooks missed; it reads live HubSpot only (the demo has no missed leads).
  const poller =
    role !== 'api' && composed.systems.crm.startsWith('live') && config.hubspot.pollIntervalMs > 0
      ? createFormPoller({
          intake: services.intake,
          targets: async () => {
            const { settings } = await services.settings.get(DEFAULT_TENANT_ID).then((r) => (r.ok ? r : { settings: null }));
            const source = connectorsFor(DEFAULT_TENANT_ID).formSubmissions;
            return settings && source ? [{ tenantId: DEFAULT_TENANT_ID, formIds: settings.forms.allowlist, source }] : [];
          },
          intervalMs: config.hubspot.pollIntervalMs,
          onError: (error: unknown) => log.error({ err: error }, 'form poll failed'),
        })
      : null;
  if (role !== 'api') {
    await queue.consume((job) => executor.handle(job), { concurrency: config.queue.concurrency });
    reconciler.start();
    poller?.start();
  }
  // The embedded database has no autovacuum: the service analyzes and vacuums it (nothing on PostgreSQL).
  const maintenance = startEmbeddedMaintenance(database, {
    onError: (error: unknown) => log.error({ err: error }, 'embedded database maintenance failed'),
  });

  return {
    role,
    url,
    database,
    queue,
    services,
    demoConnectors,
    auth: dashboard.auth,
    async stop() {
      // Stop taking work first, then let in-flight runs finish (or release them), then close pools.
      await app?.close();
      await poller?.stop();
      await reconciler.stop();
      await queue.close({ timeoutMs: 10_000 });
      await composed.close();
      await dashboard.close();
      await maintenance.stop();
      await database.close();
    },
  };
}

function initialSettings(fromWorkspace: TenantSettings, config: Config): TenantSettings {
  if (config.hubspot.formIds.length === 0) return fromWorkspace;
  return { ...fromWorkspace, forms: { allowlist: config.hubspot.formIds } };
}
