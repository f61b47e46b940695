// `npm run bench:intake`: signed HubSpot form webhooks that each create a run, against the service's
// API role on PostgreSQL and Redis over loopback, next to a bare Fastify route answering 202, measured
// in the same run with the same load. Needs DATABASE_URL and REDIS_URL; uses a fresh database and its
// own queue prefix, and removes both afterwards. Knobs: BENCH_SECONDS, BENCH_MAX_REQUESTS, BENCH_CONNECTIONS,
// BENCH_POOL_SIZE (the service's DATABASE_POOL_SIZE; unset: its default).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { startService } from '../src/cli/compose-service.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import { queryRows } from '../src/store/sql-rows.js';
import { openTestDatabase, type TestDatabase } from '../src/testing/test-database.js';
import { SUBMISSION_ID_SLOT, type LoadResult, type LoadSpec } from './intake-load.js';

const FORMS_PATH = '/webhooks/hubspot/forms';
const PUBLIC_BASE_URL = 'https://bench.sales-agent.test';
const SECRET = 'bench-client-secret';
const LOG_LEVEL = 'warn';
const env = process.env;
const settings = {
  seconds: Number(env['BENCH_SECONDS'] ?? 20),
  maxRequests: Number(env['BENCH_MAX_REQUESTS'] ?? 30_000),
  connections: Number(env['BENCH_CONNECTIONS'] ?? 50),
  poolSize: env['BENCH_POOL_SIZE'] ?? '',
  warmupSeconds: 2,
};
const TARGET = { rps: 1000, p99Ms: 50, ofBare: 1 / 3 };

function bodyTemplate(): string {
  const lead = JSON.parse(
    readFileSync(new URL('../examples/leads/new-prospect.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  return JSON.stringify({ ...lead, formSubmissionId: SUBMISSION_ID_SLOT });
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./intake-load.ts', import.meta.url))],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      resolve(JSON.parse(out) as LoadResult);
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

async function measure(
  label: string,
  url: string,
  idPrefix: string,
  beforeMeasuring: () => void = () => undefined,
): Promise<LoadResult> {
  const spec = {
    url,
    path: FORMS_PATH,
    signedUrl: PUBLIC_BASE_URL + FORMS_PATH,
    secret: SECRET,
    template: bodyTemplate(),
    connections: settings.connections,
  };
  await load({
    ...spec,
    idPrefix: `warmup-${idPrefix}`,
    durationSeconds: settings.warmupSeconds,
    maxRequests: settings.maxRequests,
  });
  process.stdout.write(`measuring ${label} ...\n`);
  beforeMeasuring();
  return load({ ...spec, idPrefix, durationSeconds: settings.seconds, maxRequests: settings.maxRequests });
}

async function startBare(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: { level: LOG_LEVEL } });
  app.post(FORMS_PATH, async (_request, reply) =>
    reply.code(202).send({ runId: randomUUID(), status: 'accepted' }),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

async function countRuns(database: TestDatabase, idPrefix: string): Promise<number> {
  const rows = await queryRows<{ n: string }>(
    database.db,
    sql`SELECT count(*) AS n FROM form_submissions AS s JOIN workflow_runs AS r ON r.submission_id = s.id
        WHERE s.submission_id LIKE ${`${idPrefix}-%`}`,
  );
  return Number(rows[0]?.n ?? 0);
}

async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<
      string[]
    >) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

function row(label: string, r: LoadResult): string {
  const cells = [
    r.requestsPerSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    String(r.total),
    String(r.non2xx),
    String(r.errors + r.timeouts),
  ];
  return `${label.padEnd(34)}${cells.map((c) => c.padStart(10)).join('')}`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function report(service: LoadResult, bare: LoadResult, stored: number, statements: number): void {
  const ratio = service.requestsPerSecond / bare.requestsPerSecond;
  const out = [
    '',
    `intake benchmark: ${settings.connections} connections, ${settings.seconds} s or ${settings.maxRequests} requests each, loopback, log level ${LOG_LEVEL}`,
    `${''.padEnd(34)}${['req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'].map((h) => h.padStart(10)).join('')}`,
    row('service: signed webhook -> run', service),
    row('bare Fastify: return 202', bare),
    `ratio service/bare: ${ratio.toFixed(2)} (${(ratio * 100).toFixed(0)}%)`,
    `service status codes: ${JSON.stringify(service.statusCodes)}`,
    `runs stored (submission + run) by the measured requests: ${stored}; answered 202: ${service.statusCodes['202'] ?? 0}`,
    `SQL statements sent by the service while measured: ${statements} (${(statements / Math.max(1, service.total)).toFixed(2)} per webhook: intake writes leads arriving together in one statement)`,
    `targets: >= ${TARGET.rps} webhooks/s ${verdict(service.requestsPerSecond >= TARGET.rps)}; p99 < ${TARGET.p99Ms} ms ${verdict(service.p99Ms < TARGET.p99Ms)}; >= 1/3 of bare ${verdict(ratio >= TARGET.ofBare)}`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

/** The service's API role on the bench database, measured; the runs its 202s stored, counted. */
async function benchService(database: TestDatabase, redisUrl: string, prefix: string) {
  const loaded = loadConfig({
    DATABASE_URL: database.url ?? '',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL,
    HUBSPOT_CLIENT_SECRET: SECRET,
    // The bench measures the intake path, not the 429 guards: no worker drains the queue here.
    INTAKE_MAX_IN_FLIGHT: '100000',
    INTAKE_MAX_QUEUE_DEPTH: '100000000',
    LOG_LEVEL,
    ...(settings.poolSize === '' ? {} : { DATABASE_POOL_SIZE: settings.poolSize }),
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const service = await startService(loaded.config, 'api', createLogger({ level: LOG_LEVEL }));
  const idPrefix = `bench-${randomUUID().slice(0, 8)}`;
  try {
    let statementsBefore = 0;
    const result = await measure(
      'the service (role api, PostgreSQL + BullMQ)',
      service.url ?? '',
      idPrefix,
      () => (statementsBefore = service.database.stats.queries),
    );
    const statements = service.database.stats.queries - statementsBefore;
    return { result, stored: await countRuns(database, idPrefix), statements };
  } finally {
    await service.stop();
  }
}

async function benchBare(): Promise<LoadResult> {
  const bare = await startBare();
  try {
    return await measure('a bare Fastify route', bare.url, `bare-${randomUUID().slice(0, 8)}`);
  } finally {
    await bare.close();
  }
}

async function main(): Promise<number> {
  const postgresUrl = (env['DATABASE_URL'] ?? '').trim();
  const redisUrl = (env['REDIS_URL'] ?? '').trim();
  if (postgresUrl === '' || redisUrl === '') {
    process.stderr.write(
      'bench:intake needs DATABASE_URL (PostgreSQL) and REDIS_URL; it creates and drops its own database under DATABASE_URL\n',
    );
    return 2;
  }
  const database = await openTestDatabase('postgres', { postgresUrl });
  const prefix = `sa-bench-${randomUUID().slice(0, 8)}`;
  try {
    const service = await benchService(database, redisUrl, prefix);
    const bare = await benchBare();
    report(service.result, bare, service.stored, service.statements);
    // Every 202 must name a stored run (requests still in flight when the clock stopped may add more).
    return service.stored >= (service.result.statusCodes['202'] ?? 0) ? 0 : 1;
  } finally {
    await database.drop();
    await deleteQueueKeys(redisUrl, prefix);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench:intake failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
