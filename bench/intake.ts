// `npm run bench:intake`: signed HubSpot form webhooks that each create a run, against the service's
// API role on PostgreSQL and Redis over loopback, next to a bare Fastify route answering 202 (its own
// process, bench/intake-bare.ts), measured in the same run with the same load. Rounds alternate the two
// so a noisy moment of a shared machine hits both; the report gives each round and the medians, and the
// CPU per request of every process involved (service, PostgreSQL backends, Redis, load generator), which
// says where the two cores went. Needs DATABASE_URL and REDIS_URL; uses a fresh database and its own queue
// prefix, and removes both afterwards. As bench:store does, it analyzes the tables after the warm-up and
// then as autovacuum would (bench/autoanalyze.ts): this machine's server runs without autovacuum, and
// plans cached on empty tables (foreign-key checks among them) would be measured instead of a running
// system. Knobs: BENCH_ROUNDS (3), BENCH_SECONDS (10 per round), BENCH_MAX_REQUESTS (per round),
// BENCH_CONNECTIONS (50), BENCH_POOL_SIZE (the service's DATABASE_POOL_SIZE; unset: its default).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { startService } from '../src/cli/compose-service.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/observability/logger.js';
import { queryRows } from '../src/store/sql-rows.js';
import { openTestDatabase, type TestDatabase } from '../src/testing/test-database.js';
import { SUBMISSION_ID_SLOT, type LoadResult, type LoadSpec } from './intake-load.js';
import { startAutoAnalyze } from './autoanalyze.js';
import { backendCpu, backendCpuDelta, processCpuMs, redisCpuMs } from './process-cpu.js';

const FORMS_PATH = '/webhooks/hubspot/forms';
const PUBLIC_BASE_URL = 'https://bench.sales-agent.test';
const SECRET = 'bench-client-secret';
const LOG_LEVEL = 'warn';
const env = process.env;
const settings = {
  rounds: Number(env['BENCH_ROUNDS'] ?? 3),
  seconds: Number(env['BENCH_SECONDS'] ?? 10),
  maxRequests: Number(env['BENCH_MAX_REQUESTS'] ?? 200_000),
  connections: Number(env['BENCH_CONNECTIONS'] ?? 50),
  poolSize: env['BENCH_POOL_SIZE'] ?? '',
  warmupSeconds: 3,
};
const TARGET = { rps: 1000, p99Ms: 50, ofBare: 1 / 3 };

/** CPU ms each process spent during one measurement (null: not on this machine, or not involved). */
interface CpuSpent {
  server: number;
  database: number | null;
  redis: number | null;
  load: number;
}

interface Round {
  load: LoadResult;
  cpu: CpuSpent;
}

/** CPU ms used so far by the server's side: its process, the PostgreSQL backends (by pid), Redis. */
interface CpuReading {
  server: number;
  backends: Map<number, number> | null;
  redis: number | null;
}

/** A server under test: where to send, and how to read the CPU its side spent. */
interface Target {
  label: string;
  url: string;
  idPrefix: string;
  readCpu: () => Promise<CpuReading>;
}

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
      { stdio: ['pipe', 'pipe', 'inherit'] },
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

function loadSpec(target: Target, idPrefix: string, durationSeconds: number): LoadSpec {
  return {
    url: target.url,
    path: FORMS_PATH,
    signedUrl: PUBLIC_BASE_URL + FORMS_PATH,
    secret: SECRET,
    template: bodyTemplate(),
    connections: settings.connections,
    idPrefix,
    durationSeconds,
    maxRequests: settings.maxRequests,
  };
}

async function warmUp(target: Target): Promise<void> {
  await load(loadSpec(target, `warmup-${target.idPrefix}`, settings.warmupSeconds));
}

async function measureRound(target: Target, round: number): Promise<Round> {
  process.stdout.write(`round ${round}: measuring ${target.label} ...\n`);
  const before = await target.readCpu();
  const result = await load(loadSpec(target, `${target.idPrefix}-r${round}`, settings.seconds));
  const after = await target.readCpu();
  return {
    load: result,
    cpu: {
      server: after.server - before.server,
      database: backendCpuDelta(before.backends, after.backends),
      redis: before.redis === null || after.redis === null ? null : after.redis - before.redis,
      load: result.cpuMs,
    },
  };
}

/** The bare route in its own process; resolves once it listens. */
async function startBare(): Promise<{ url: string; pid: number; close: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./intake-bare.ts', import.meta.url)), FORMS_PATH, LOG_LEVEL],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the bare route exited with ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    close: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

async function countRuns(database: TestDatabase, idPrefix: string): Promise<number> {
  const rows = await queryRows<{ n: string }>(
    database.db,
    sql`SELECT count(*) AS n FROM form_submissions AS s JOIN workflow_runs AS r ON r.submission_id = s.id
        WHERE s.submission_id LIKE ${`${idPrefix}-%`}`,
  );
  return Number(rows[0]?.n ?? 0);
}

async function deleteQueueKeys(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.del(...keys);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const COLUMNS = ['req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'];
const CPU_COLUMNS = ['server', 'postgres', 'redis', 'load gen', 'total'];

function cells(values: string[], width = 10): string {
  return values.map((c) => c.padStart(width)).join('');
}

function roundRow(label: string, r: LoadResult): string {
  const values = [r.requestsPerSecond.toFixed(0), r.p50Ms.toFixed(1), r.p99Ms.toFixed(1), String(r.total), String(r.non2xx), String(r.errors + r.timeouts)];
  return `${label.padEnd(36)}${cells(values)}`;
}

/** CPU microseconds per answered request, by process, as the median over the rounds. */
function cpuRow(label: string, rounds: Round[]): string {
  const per = (pick: (c: CpuSpent) => number | null): number | null => {
    const values = rounds.map((r) => pick(r.cpu));
    if (values.some((v) => v === null)) return null;
    return median(rounds.map((r, i) => ((values[i] ?? 0) * 1000) / Math.max(1, r.load.total)));
  };
  const parts = [per((c) => c.server), per((c) => c.database), per((c) => c.redis), per((c) => c.load)];
  const total = parts.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return `${label.padEnd(36)}${cells([...parts, total].map((v) => (v === null ? '-' : v.toFixed(0))))}`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function report(service: Round[], bare: Round[], stored: number, statements: number): void {
  const rps = median(service.map((r) => r.load.requestsPerSecond));
  const p99 = median(service.map((r) => r.load.p99Ms));
  const bareRps = median(bare.map((r) => r.load.requestsPerSecond));
  const ratio = rps / bareRps;
  const answered = service.reduce((n, r) => n + (r.load.statusCodes['202'] ?? 0), 0);
  const requests = service.reduce((n, r) => n + r.load.total, 0);
  const medianOf = (rounds: Round[]): LoadResult => ({
    ...(rounds[0]?.load as LoadResult),
    requestsPerSecond: median(rounds.map((r) => r.load.requestsPerSecond)),
    p50Ms: median(rounds.map((r) => r.load.p50Ms)),
    p99Ms: median(rounds.map((r) => r.load.p99Ms)),
    total: median(rounds.map((r) => r.load.total)),
    non2xx: median(rounds.map((r) => r.load.non2xx)),
    errors: median(rounds.map((r) => r.load.errors)),
    timeouts: median(rounds.map((r) => r.load.timeouts)),
  });
  const out = [
    '',
    `intake benchmark: ${settings.rounds} rounds of ${settings.seconds} s (at most ${settings.maxRequests} requests) per server, ${settings.connections} connections, loopback, log level ${LOG_LEVEL}`,
    `${''.padEnd(36)}${cells(COLUMNS)}`,
    ...service.map((r, i) => roundRow(`service, round ${i + 1}`, r.load)),
    ...bare.map((r, i) => roundRow(`bare, round ${i + 1}`, r.load)),
    roundRow('service: signed webhook -> run', medianOf(service)),
    roundRow('bare Fastify: return 202', medianOf(bare)),
    `(the last two rows: medians over the rounds)`,
    `ratio service/bare: ${ratio.toFixed(2)} (${(ratio * 100).toFixed(0)}%)`,
    '',
    `${'CPU us per request (round medians)'.padEnd(36)}${cells(CPU_COLUMNS)}`,
    cpuRow('service: signed webhook -> run', service),
    cpuRow('bare Fastify: return 202', bare),
    '',
    `service status codes: ${JSON.stringify(Object.fromEntries(Object.keys(service[0]?.load.statusCodes ?? {}).map((code) => [code, service.reduce((n, r) => n + (r.load.statusCodes[code] ?? 0), 0)])))}`,
    `runs stored (submission + run) by the measured requests: ${stored}; answered 202: ${answered}`,
    `SQL statements sent by the service while measured: ${statements} (${(statements / Math.max(1, requests)).toFixed(2)} per webhook: intake writes leads arriving together in one statement)`,
    `targets (medians): >= ${TARGET.rps} webhooks/s ${verdict(rps >= TARGET.rps)}; p99 < ${TARGET.p99Ms} ms ${verdict(p99 < TARGET.p99Ms)}; >= 1/3 of bare ${verdict(ratio >= TARGET.ofBare)}`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

function serviceConfig(database: TestDatabase, redisUrl: string, prefix: string) {
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
  return loaded.config;
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
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const prefix = `sa-bench-${randomUUID().slice(0, 8)}`;
  const service = await startService(serviceConfig(database, redisUrl, prefix), 'api', createLogger({ level: LOG_LEVEL }));
  const bare = await startBare();
  const autoAnalyze = await startAutoAnalyze(database);
  try {
    const selfCpuMs = (): number => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    };
    const serviceTarget: Target = {
      label: 'the service (role api, PostgreSQL + BullMQ)',
      url: service.url ?? '',
      idPrefix: `bench-${randomUUID().slice(0, 8)}`,
      // The service runs in this process; the bench itself only waits on the load generator meanwhile.
      readCpu: async () => ({ server: selfCpuMs(), backends: await backendCpu(service.database), redis: await redisCpuMs(redis) }),
    };
    const bareTarget: Target = {
      label: 'a bare Fastify route',
      url: bare.url,
      idPrefix: `bare-${randomUUID().slice(0, 8)}`,
      readCpu: async () => Promise.resolve({ server: processCpuMs(bare.pid) ?? 0, backends: null, redis: null }),
    };
    await warmUp(serviceTarget);
    await autoAnalyze.now();
    await warmUp(bareTarget);
    const serviceRounds: Round[] = [];
    const bareRounds: Round[] = [];
    let statements = 0;
    for (let round = 1; round <= settings.rounds; round += 1) {
      const before = service.database.stats.queries;
      serviceRounds.push(await measureRound(serviceTarget, round));
      statements += service.database.stats.queries - before;
      bareRounds.push(await measureRound(bareTarget, round));
    }
    const stored = await countRuns(database, serviceTarget.idPrefix);
    report(serviceRounds, bareRounds, stored, statements);
    // Every 202 must name a stored run (requests still in flight when the clock stopped may add more).
    const answered = serviceRounds.reduce((n, r) => n + (r.load.statusCodes['202'] ?? 0), 0);
    return stored >= answered ? 0 : 1;
  } finally {
    await autoAnalyze.stop();
    await bare.close();
    await service.stop();
    await database.drop();
    await deleteQueueKeys(redis, prefix);
    redis.disconnect();
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
