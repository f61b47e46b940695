// Builds each tenant's Connectors: the live adapter for every system whose credentials are
// configured, the demo workspace's fake for the others, and says which is which. Client-side rate
// limits live here: on Redis when REDIS_URL is set (shared by every worker process), else in memory.
import { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/config.js';
import { createGoogleCalendar } from '../connectors/calendar/index.js';
import type { DemoConnectors } from '../connectors/demo/index.js';
import { createDemoConnectors } from '../connectors/demo/index.js';
import type { Workspace } from '../connectors/demo/workspace-schema.js';
import { createDriveFiles } from '../connectors/drive/index.js';
import { createGmailMail } from '../connectors/gmail/index.js';
import type { GoogleAuthClient } from '../connectors/google-auth/index.js';
import { createGoogleAuth } from '../connectors/google-auth/index.js';
import { createHubspotCrm, createHubspotFormSubmissionSource } from '../connectors/hubspot/index.js';
import { createOpenAiLlm } from '../connectors/llm/index.js';
import { createMemoryRateLimiter } from '../connectors/shared/memory-rate-limiter.js';
import type { RateLimiter, RateLimitWindow } from '../connectors/shared/rate-limiter.js';
import { createRedisRateLimiter } from '../connectors/shared/redis-rate-limiter.js';
import { AppError } from '../domain/errors.js';
import type { Connectors } from '../domain/ports/index.js';
import type { LiveCredentials } from './live-credentials.js';
import { resolveLiveCredentials } from './live-credentials.js';
import type { RunReport } from './run-report.js';

export type SystemsReport = RunReport['systems'];
export const DEMO = 'demo workspace';
export const NO_MODEL = 'none (deterministic writer)';

/** Gmail quota units per request we budget for: threads.get/list, drafts.create and modify cost 10. */
const GMAIL_UNITS_PER_CALL = 10;

export interface ComposedConnectors {
  connectorsFor(tenantId: string): Connectors;
  /** The demo fakes behind each tenant's non-live systems (tests read their write logs). */
  demo: Map<string, DemoConnectors>;
  systems: SystemsReport;
  close(): Promise<void>;
}

export interface ComposeOptions {
  clock: () => string;
  /** Share the limits through Redis when REDIS_URL is set (the service); a one-off run keeps them in memory. */
  sharedLimits: boolean;
  /** Called with each tenant's demo fakes when they are made (the service arms test delays on them). */
  onDemo?: (fakes: DemoConnectors) => void;
}

export async function composeConnectors(config: Config, workspace: Workspace, options: ComposeOptions): Promise<ComposedConnectors> {
  const credentials = await resolveLiveCredentials(config);
  if (credentials.problems.length > 0) {
    throw new AppError('validation', `the connector settings cannot be used: ${credentials.problems.join('; ')}`);
  }
  return buildConnectors(config, workspace, credentials, options);
}

export function buildConnectors(config: Config, workspace: Workspace, credentials: LiveCredentials, options: ComposeOptions): ComposedConnectors {
  const anyLive = credentials.hubspot !== null || credentials.google !== null || credentials.llm !== null;
  const redis = options.sharedLimits && anyLive && config.queue.redisUrl !== null ? new Redis(config.queue.redisUrl, { maxRetriesPerRequest: 1 }) : null;
  const limiters = createLimiters(config, redis);
  // One auth client for the installation: it caches the access token every Google adapter uses.
  const googleAuth: GoogleAuthClient | null = credentials.google === null ? null : createGoogleAuth(credentials.google.auth);
  const rootUrl = credentials.google?.rootUrl ?? undefined;
  const demo = new Map<string, DemoConnectors>();
  const cache = new Map<string, Connectors>();

  const build = (tenantId: string): Connectors => {
    const fakes = createDemoConnectors(workspace, { clock: options.clock });
    options.onDemo?.(fakes);
    demo.set(tenantId, fakes);
    const google = googleAuth === null ? null : { auth: googleAuth, tenantId, ...(rootUrl === undefined ? {} : { rootUrl }) };
    const { hubspot, llm } = credentials;
    const liveCrm = hubspot === null ? null : createHubspotCrm({ ...hubspot, tenantId, limiter: limiters.hubspot, searchLimiter: limiters.hubspotSearch });
    return {
      crm: liveCrm ?? fakes.crm,
      formSubmissions: liveCrm === null ? fakes.formSubmissions : createHubspotFormSubmissionSource(liveCrm, config.hubspot.portalId),
      mail: google === null ? fakes.mail : createGmailMail({ ...google, userId: 'me', limiter: limiters.gmail }),
      drive: google === null ? fakes.drive : createDriveFiles({ ...google, limiter: limiters.drive }),
      calendar: google === null ? fakes.calendar : createGoogleCalendar({ ...google, limiter: limiters.calendar }),
      // Past outreach has no live system yet: it always comes from the workspace.
      history: fakes.history,
      llm: llm === null ? null : createOpenAiLlm({ ...llm, tenantId }),
    };
  };

  return {
    connectorsFor(tenantId) {
      let connectors = cache.get(tenantId);
      if (connectors === undefined) {
        connectors = build(tenantId);
        cache.set(tenantId, connectors);
      }
      return connectors;
    },
    demo,
    systems: describeSystems(credentials),
    async close() {
      await redis?.quit();
    },
  };
}

function createLimiters(config: Config, redis: Redis | null) {
  const limiter = (name: string, window: RateLimitWindow): RateLimiter =>
    redis === null ? createMemoryRateLimiter(window) : createRedisRateLimiter({ redis, ...window, prefix: `${config.queue.prefix}:rl:${name}:` });
  const limits = config.rateLimits;
  return {
    hubspot: limiter('hubspot', { limit: limits.hubspotPer10s, intervalMs: 10_000 }),
    hubspotSearch: limiter('hubspot-search', { limit: limits.hubspotSearchPerSecond, intervalMs: 1000 }),
    gmail: limiter('gmail', { limit: Math.max(1, Math.floor(limits.gmailUnitsPerSecond / GMAIL_UNITS_PER_CALL)), intervalMs: 1000 }),
    calendar: limiter('calendar', { limit: limits.calendarPerMinute, intervalMs: 60_000 }),
    drive: limiter('drive', { limit: limits.drivePerMinute, intervalMs: 60_000 }),
  };
}

export function describeSystems(credentials: Pick<LiveCredentials, 'hubspot' | 'google' | 'llm'>): SystemsReport {
  const { hubspot, google, llm } = credentials;
  const googleLive = (api: string): string => (google === null ? DEMO : `live (${api}, ${google.source})`);
  return {
    crm: hubspot === null ? DEMO : `live (HubSpot at ${hubspot.baseUrl})`,
    mail: googleLive('Gmail'),
    drive: googleLive('Drive'),
    calendar: googleLive('Google Calendar'),
    llm: llm === null ? NO_MODEL : `live (${llm.model} at ${llm.baseUrl})`,
  };
}

// The systems behind connectors a run was given, so the report can say which were live.
const runSystems = new WeakMap<Connectors, SystemsReport>();

/** What the report says for a run's connectors: the demo workspace for all unless compose said otherwise. */
export function describeRunSystems(connectors: Connectors | undefined): SystemsReport {
  return (connectors === undefined ? undefined : runSystems.get(connectors)) ?? describeSystems({ hubspot: null, google: null, llm: null });
}

export type RunConnectors =
  | { ok: true; connectors: Connectors; systems: SystemsReport }
  | { ok: false; message: string };

/**
 * The connectors of one `sales-agent run`: the demo workspace, or with `--live` whatever the
 * environment configures (limits in memory: one run, one process).
 */
export async function composeRunConnectors(
  workspace: Workspace,
  options: { live: boolean; clock: () => string; env?: Record<string, string | undefined> },
): Promise<RunConnectors> {
  if (!options.live) {
    const connectors = createDemoConnectors(workspace, { clock: options.clock });
    return { ok: true, connectors, systems: describeSystems({ hubspot: null, google: null, llm: null }) };
  }
  const loaded = loadConfig(options.env ?? process.env);
  if (!loaded.ok) return { ok: false, message: `--live: the configuration is invalid:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}` };
  const credentials = await resolveLiveCredentials(loaded.config);
  if (credentials.problems.length > 0) return { ok: false, message: `--live: ${credentials.problems.join('; ')}` };
  const composed = buildConnectors(loaded.config, workspace, credentials, { clock: options.clock, sharedLimits: false });
  const connectors = composed.connectorsFor('default');
  runSystems.set(connectors, composed.systems);
  return { ok: true, connectors, systems: composed.systems };
}
