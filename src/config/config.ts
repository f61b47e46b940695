// The one validated configuration object, read from the environment once at start. Every problem is
// listed at once. Modules receive their slice; nothing else reads process.env. Secrets are marked so
// logs and `check-secrets` can redact them.
import { z } from 'zod';
import { GoogleConfigSchema, LlmConfigSchema, RateLimitConfigSchema, SecretsConfigSchema } from './connector-config.js';

const port = z.coerce.number().int().min(0).max(65_535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? null : v.trim()));
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const ServerConfigSchema = z.object({
  port: port.default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** The public URL HubSpot calls; the v3 signature covers it. */
  publicBaseUrl: z.url().nullable(),
  bodyLimitBytes: z.coerce.number().int().min(1024).default(1_048_576),
});

export const DatabaseConfigSchema = z.object({
  databaseUrl: z.string().nullable(),
  dataDir: z.string().min(1).default('./.data'),
  /** PostgreSQL connections per process (node-postgres pool); intake's batches use up to half of them. */
  poolSize: z.coerce.number().int().min(1).max(500).default(10),
});

export const QueueConfigSchema = z.object({
  redisUrl: z.string().nullable(),
  concurrency: z.coerce.number().int().min(1).max(256).default(4),
  prefix: z.string().min(1).default('sales-agent'),
});

export const IntakeConfigSchema = z.object({
  /** Webhook and lead requests in progress at once before intake answers 429. */
  maxInFlight: z.coerce.number().int().min(1).default(256),
  /** Waiting jobs before intake answers 429 (back-pressure when workers fall behind). */
  maxQueueDepth: z.coerce.number().int().min(1).default(10_000),
});

export const WorkerConfigSchema = z.object({
  leaseMs: z.coerce.number().int().min(1000).default(30_000),
  maxRunAttempts: z.coerce.number().int().min(1).max(50).default(5),
  reconcileIntervalMs: z.coerce.number().int().min(100).default(5_000),
});

export const HubspotConfigSchema = z.object({
  accessToken: z.string().nullable(),
  clientSecret: z.string().nullable(),
  apiBaseUrl: z.url().default('https://api.hubapi.com'),
  portalId: z.string().nullable(),
  formIds: z.array(z.string()).default([]),
  /** How often the Forms API poller backfills missed submissions (live HubSpot only); 0 turns it off. */
  pollIntervalMs: z.coerce.number().int().min(0).default(300_000),
});

export const ConfigSchema = z.object({
  server: ServerConfigSchema,
  database: DatabaseConfigSchema,
  queue: QueueConfigSchema,
  intake: IntakeConfigSchema,
  worker: WorkerConfigSchema,
  hubspot: HubspotConfigSchema,
  google: GoogleConfigSchema,
  llm: LlmConfigSchema,
  secrets: SecretsConfigSchema,
  rateLimits: RateLimitConfigSchema,
  sendKillSwitch: z.boolean(),
  workspacePath: z.string().min(1).default('examples/demo-workspace.json'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Environment variable names whose values must never be printed. */
export const SECRET_ENV_NAMES = [
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_CLIENT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'GOOGLE_CLIENT_SECRET',
  'GOOGLE_REFRESH_TOKEN',
  'GOOGLE_SERVICE_ACCOUNT_JSON',
  'OPENAI_API_KEY',
  'SECRETS_ENCRYPTION_KEY',
] as const;

const EnvSchema = z.object({
  PORT: z.string().optional(),
  HOST: optionalString,
  PUBLIC_BASE_URL: optionalString,
  BODY_LIMIT_BYTES: optionalString,
  DATABASE_URL: optionalString,
  DATA_DIR: optionalString,
  DATABASE_POOL_SIZE: optionalString,
  REDIS_URL: optionalString,
  WORKER_CONCURRENCY: optionalString,
  QUEUE_PREFIX: optionalString,
  INTAKE_MAX_IN_FLIGHT: optionalString,
  INTAKE_MAX_QUEUE_DEPTH: optionalString,
  RUN_LEASE_MS: optionalString,
  MAX_RUN_ATTEMPTS: optionalString,
  RECONCILE_INTERVAL_MS: optionalString,
  HUBSPOT_ACCESS_TOKEN: optionalString,
  HUBSPOT_CLIENT_SECRET: optionalString,
  HUBSPOT_API_BASE_URL: optionalString,
  HUBSPOT_PORTAL_ID: optionalString,
  HUBSPOT_FORM_IDS: optionalString,
  FORMS_POLL_INTERVAL_MS: optionalString,
  HUBSPOT_RATE_LIMIT_PER_10S: optionalString,
  HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND: optionalString,
  GOOGLE_API_ROOT_URL: optionalString,
  GOOGLE_OAUTH_TOKEN_URL: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_REFRESH_TOKEN: optionalString,
  GOOGLE_SERVICE_ACCOUNT_FILE: optionalString,
  GOOGLE_SERVICE_ACCOUNT_JSON: optionalString,
  GOOGLE_DELEGATED_USER: optionalString,
  GMAIL_QUOTA_UNITS_PER_SECOND: optionalString,
  CALENDAR_RATE_LIMIT_PER_MINUTE: optionalString,
  DRIVE_RATE_LIMIT_PER_MINUTE: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  LLM_TIMEOUT_MS: optionalString,
  SECRETS_ENCRYPTION_KEY: optionalString,
  SECRETS_FILE: optionalString,
  SEND_KILL_SWITCH: flag,
  SALES_AGENT_WORKSPACE: optionalString,
  LOG_LEVEL: optionalString,
});

/** Every environment variable the service reads (the .env.example test holds it to this list). */
export const ENV_VARIABLE_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const raw = EnvSchema.safeParse(env);
  if (!raw.success) return { ok: false, problems: raw.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = raw.data;
  const candidate = {
    server: {
      port: e.PORT === undefined || e.PORT.trim() === '' ? undefined : e.PORT,
      host: e.HOST ?? undefined,
      publicBaseUrl: e.PUBLIC_BASE_URL,
      bodyLimitBytes: e.BODY_LIMIT_BYTES ?? undefined,
    },
    database: { databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR ?? undefined, poolSize: e.DATABASE_POOL_SIZE ?? undefined },
    queue: { redisUrl: e.REDIS_URL, concurrency: e.WORKER_CONCURRENCY ?? undefined, prefix: e.QUEUE_PREFIX ?? undefined },
    intake: { maxInFlight: e.INTAKE_MAX_IN_FLIGHT ?? undefined, maxQueueDepth: e.INTAKE_MAX_QUEUE_DEPTH ?? undefined },
    worker: {
      leaseMs: e.RUN_LEASE_MS ?? undefined,
      maxRunAttempts: e.MAX_RUN_ATTEMPTS ?? undefined,
      reconcileIntervalMs: e.RECONCILE_INTERVAL_MS ?? undefined,
    },
    hubspot: {
      accessToken: e.HUBSPOT_ACCESS_TOKEN,
      clientSecret: e.HUBSPOT_CLIENT_SECRET,
      apiBaseUrl: e.HUBSPOT_API_BASE_URL ?? undefined,
      portalId: e.HUBSPOT_PORTAL_ID,
      formIds: e.HUBSPOT_FORM_IDS ? e.HUBSPOT_FORM_IDS.split(',').map((s) => s.trim()).filter(Boolean) : [],
      pollIntervalMs: e.FORMS_POLL_INTERVAL_MS ?? undefined,
    },
    ...connectorSlices(e),
    sendKillSwitch: e.SEND_KILL_SWITCH,
    workspacePath: e.SALES_AGENT_WORKSPACE ?? undefined,
    logLevel: e.LOG_LEVEL ?? undefined,
  };
  const parsed = ConfigSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${toEnvName(i.path)}: ${i.message}`) };
  return { ok: true, config: parsed.data };
}

type Env = z.infer<typeof EnvSchema>;

function connectorSlices(e: Env) {
  return {
    google: {
      apiRootUrl: e.GOOGLE_API_ROOT_URL,
      oauthTokenUrl: e.GOOGLE_OAUTH_TOKEN_URL ?? undefined,
      clientId: e.GOOGLE_CLIENT_ID,
      clientSecret: e.GOOGLE_CLIENT_SECRET,
      refreshToken: e.GOOGLE_REFRESH_TOKEN,
      serviceAccountFile: e.GOOGLE_SERVICE_ACCOUNT_FILE,
      serviceAccountJson: e.GOOGLE_SERVICE_ACCOUNT_JSON,
      delegatedUser: e.GOOGLE_DELEGATED_USER,
    },
    llm: {
      baseUrl: e.OPENAI_BASE_URL ?? undefined,
      apiKey: e.OPENAI_API_KEY,
      model: e.OPENAI_MODEL ?? undefined,
      timeoutMs: e.LLM_TIMEOUT_MS ?? undefined,
    },
    secrets: { encryptionKey: e.SECRETS_ENCRYPTION_KEY, file: e.SECRETS_FILE },
    rateLimits: {
      hubspotPer10s: e.HUBSPOT_RATE_LIMIT_PER_10S ?? undefined,
      hubspotSearchPerSecond: e.HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND ?? undefined,
      gmailUnitsPerSecond: e.GMAIL_QUOTA_UNITS_PER_SECOND ?? undefined,
      calendarPerMinute: e.CALENDAR_RATE_LIMIT_PER_MINUTE ?? undefined,
      drivePerMinute: e.DRIVE_RATE_LIMIT_PER_MINUTE ?? undefined,
    },
  };
}

const ENV_NAMES: Record<string, string> = {
  'server.port': 'PORT',
  'server.host': 'HOST',
  'server.publicBaseUrl': 'PUBLIC_BASE_URL',
  'server.bodyLimitBytes': 'BODY_LIMIT_BYTES',
  'database.dataDir': 'DATA_DIR',
  'database.poolSize': 'DATABASE_POOL_SIZE',
  'queue.concurrency': 'WORKER_CONCURRENCY',
  'intake.maxInFlight': 'INTAKE_MAX_IN_FLIGHT',
  'intake.maxQueueDepth': 'INTAKE_MAX_QUEUE_DEPTH',
  'worker.leaseMs': 'RUN_LEASE_MS',
  'worker.maxRunAttempts': 'MAX_RUN_ATTEMPTS',
  'worker.reconcileIntervalMs': 'RECONCILE_INTERVAL_MS',
  'hubspot.apiBaseUrl': 'HUBSPOT_API_BASE_URL',
  'hubspot.pollIntervalMs': 'FORMS_POLL_INTERVAL_MS',
  'google.apiRootUrl': 'GOOGLE_API_ROOT_URL',
  'google.oauthTokenUrl': 'GOOGLE_OAUTH_TOKEN_URL',
  'google.clientId': 'GOOGLE_CLIENT_ID',
  'google.clientSecret': 'GOOGLE_CLIENT_SECRET',
  'google.refreshToken': 'GOOGLE_REFRESH_TOKEN',
  'google.serviceAccountFile': 'GOOGLE_SERVICE_ACCOUNT_FILE',
  'google.serviceAccountJson': 'GOOGLE_SERVICE_ACCOUNT_JSON',
  'google.delegatedUser': 'GOOGLE_DELEGATED_USER',
  'llm.baseUrl': 'OPENAI_BASE_URL',
  'llm.apiKey': 'OPENAI_API_KEY',
  'llm.model': 'OPENAI_MODEL',
  'llm.timeoutMs': 'LLM_TIMEOUT_MS',
  'secrets.encryptionKey': 'SECRETS_ENCRYPTION_KEY',
  'secrets.file': 'SECRETS_FILE',
  'rateLimits.hubspotPer10s': 'HUBSPOT_RATE_LIMIT_PER_10S',
  'rateLimits.hubspotSearchPerSecond': 'HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND',
  'rateLimits.gmailUnitsPerSecond': 'GMAIL_QUOTA_UNITS_PER_SECOND',
  'rateLimits.calendarPerMinute': 'CALENDAR_RATE_LIMIT_PER_MINUTE',
  'rateLimits.drivePerMinute': 'DRIVE_RATE_LIMIT_PER_MINUTE',
  logLevel: 'LOG_LEVEL',
};

function toEnvName(path: PropertyKey[]): string {
  const key = path.map(String).join('.');
  return ENV_NAMES[key] ?? key;
}

/** Where `auth google` stores the encrypted refresh token. */
export function getSecretsFilePath(config: Config): string {
  return config.secrets.file ?? `${config.database.dataDir.replace(/\/+$/, '')}/secrets.json`;
}

/** The public base URL, defaulting to the local address the server listens on. */
export function getPublicBaseUrl(config: Config): string {
  return config.server.publicBaseUrl ?? `http://localhost:${config.server.port}`;
}
