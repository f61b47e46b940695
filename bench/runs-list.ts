// `npm run bench:runs-list`: latency of GET /api/runs (the dashboard's runs list) over 100,000 stored
// runs on PostgreSQL (a fresh database under DATABASE_URL / TEST_DATABASE_URL, dropped afterwards).
// The runs are inserted by one INSERT ... SELECT generate_series; then ~200 sequential requests per
// scenario go through the real HTTP stack (Fastify on a local port, services, SQL), and p50/p95 print.
// Options: --runs N (100000) --requests N (200) --explain (also print each scenario's query plans, from
// EXPLAIN ANALYZE of the list and count queries the store sends). Target: p95 under 50 ms.
// The whole-tenant counts come from run_status_counts (kept by triggers, migration 0004), the search is
// served by pg_trgm indexes; see docs/decisions/0003-run-list-counts-and-search.md.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { RunListFilter } from '../src/domain/ports/run-queries.js';
import { getDefaultSettings } from '../src/domain/settings.js';
import { buildApp } from '../src/http/app.js';
import { createMemoryQueue } from '../src/queue/memory-queue.js';
import { createServices } from '../src/services/create-services.js';
import { countRunsSql, listRunsSql } from '../src/store/run-queries.js';
import { queryRows } from '../src/store/sql-rows.js';
import { createPostgresStores } from '../src/store/stores.js';
import { readTestEnv } from '../src/testing/test-env.js';
import { openTestDatabase, type TestDatabase } from '../src/testing/test-database.js';

const TENANT = 'bench';
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    explain: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const REQUESTS = Number(values.requests);

/** Each scenario as the dashboard requests it, and as the filter the runs service hands the store. */
const SCENARIOS: { label: string; path: string; filter: Omit<RunListFilter, 'limit'> }[] = [
  { label: 'first page', path: '/api/runs', filter: {} },
  { label: 'status=failed', path: '/api/runs?status=failed', filter: { statuses: ['failed'] } },
  { label: 'search q=company42', path: '/api/runs?q=company42', filter: { search: 'company42' } },
  {
    label: 'date range (one week)',
    path: '/api/runs?from=2026-02-01T00:00:00Z&to=2026-02-08T00:00:00Z',
    filter: { from: '2026-02-01T00:00:00Z', to: '2026-02-08T00:00:00Z' },
  },
];

async function seed(database: TestDatabase): Promise<void> {
  // Statuses in realistic proportions; emails and companies varied so a search matches a few hundred.
  await database.db.execute(sql`
    INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, current_step, attempt, input,
                               error_code, error_message, email, company, form_id, created_at, updated_at, finished_at)
    SELECT ${TENANT}, 'run-' || g, 'form-lead', 'key-' || g,
           (ARRAY['succeeded','succeeded','succeeded','succeeded','succeeded','succeeded','skipped','failed','waiting','pending'])[1 + g % 10],
           'label-thread', 1, '{}'::jsonb,
           CASE WHEN g % 10 = 7 THEN 'transient' END, CASE WHEN g % 10 = 7 THEN 'calendar unavailable' END,
           'lead' || g || '@company' || (g % 997) || '.example', 'Company ' || (g % 997), 'form-' || (g % 5),
           timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute',
           timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute' + interval '3 seconds',
           timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute' + interval '3 seconds'
    FROM generate_series(1, ${RUNS}::int) AS g`);
  await database.db.execute(sql`ANALYZE workflow_runs`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(baseUrl: string, path: string): Promise<{ p50: number; p95: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < REQUESTS + 10; i += 1) {
    const started = performance.now();
    const response = await fetch(baseUrl + path);
    const body = (await response.json()) as { items?: unknown[] };
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (i >= 10) times.push(performance.now() - started);
    items = body.items?.length ?? 0;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), items };
}

async function explainScenarios(database: TestDatabase): Promise<void> {
  for (const { label, filter } of SCENARIOS) {
    const { statuses: _statuses, ...common } = filter;
    for (const [kind, query] of [
      ['list', listRunsSql(TENANT, { ...filter, limit: 50 })],
      ['counts', countRunsSql(TENANT, common)],
    ] as const) {
      const rows = await queryRows<{ 'QUERY PLAN': string }>(database.db, sql`EXPLAIN (ANALYZE, COSTS OFF) ${query}`);
      console.log(`\n${label}, ${kind}:\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
    }
  }
}

async function main(): Promise<void> {
  if (readTestEnv().postgresUrl === null) {
    console.error('bench:runs-list needs PostgreSQL: set DATABASE_URL (or TEST_DATABASE_URL)');
    process.exitCode = 2;
    return;
  }
  const database = await openTestDatabase('postgres');
  try {
    const started = performance.now();
    await seed(database);
    console.log(`inserted ${RUNS} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const queue = createMemoryQueue({});
    const { services } = createServices(
      {
        stores: createPostgresStores(database), queue,
        connectorsFor: () => { throw new Error('the benchmark runs no workflow'); },
        initialSettings: () => getDefaultSettings(), clock: () => new Date(), newId: () => crypto.randomUUID(), globalKillSwitch: false,
      },
      {
        intake: { maxQueueDepth: 10_000, retryAfterMs: 1000 },
        executor: { workerId: 'bench', leaseMs: 30_000, maxRunAttempts: 3, runRetry: { baseDelayMs: 1000, maxDelayMs: 1000 } },
        pingDatabase: () => Promise.resolve(),
      },
    );
    const app = await buildApp({
      services, clock: Date.now, logger: false,
      config: { publicBaseUrl: 'http://localhost', hubspotClientSecret: 'bench', bodyLimitBytes: 1_048_576, defaultTenantId: TENANT, intake: { maxInFlight: 64 } },
    });
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      console.log(`GET /api/runs over ${RUNS} runs, ${REQUESTS} sequential requests each (first page of 50, with counts per status):`);
      for (const { label, path } of SCENARIOS) {
        const { p50, p95, items } = await measure(baseUrl, path);
        console.log(`  ${label.padEnd(24)} p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   (${items} items)${p95 < 50 ? '' : '   ABOVE the 50 ms target'}`);
      }
      if (values.explain) await explainScenarios(database);
    } finally {
      await app.close();
      await queue.close({ timeoutMs: 1000 });
    }
  } finally {
    await database.drop();
  }
}

await main();
