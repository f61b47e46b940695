// `npm run bench:store`: how many form-lead runs per second the store persists, with all 13 step
// checkpoints each, and how many SQL round trips a run costs; on embedded PGlite (a temp directory) and
// on PostgreSQL (a fresh database under DATABASE_URL / TEST_DATABASE_URL, dropped afterwards). The
// connectors are the demo fakes; the memory stores give the CPU-only baseline of the workflow itself.
// "checkpoints only" rows replay one real run's 13 step outputs and its writes to the ledger and the
// drafts table through the real engine, without the workflow's own CPU: the store's capacity alone.
// Leads are recorded through the intake's group commit, as the API role records them; the engine
// writes a run's checkpoints in batches (docs/decisions/0004-checkpoint-batches.md), and the batches of
// runs in flight together share statements (0006). The "checkpoints/run" column reads the stored step
// rows back to show all 13 landed for every run.
// On PostgreSQL, 500 runs warm the database up and are analyzed as autovacuum would have by then
// (bench/autoanalyze.ts: this machine's server runs without autovacuum). 32 runs are in flight by
// default, as a worker fleet holds them (4 workers x WORKER_CONCURRENCY 8): with fake connectors a run
// never waits on an API, and a database serving one worker's handful of runs measures that worker.
// Options: --pg-runs N (2000) --pglite-runs N (500) --memory-runs N (500) --concurrency N (32, PostgreSQL)
// --engines memory,postgres,pglite --workloads full,checkpoints (both: all of them).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createDemoConnectors } from '../src/connectors/demo/index.js';
import { loadWorkspace } from '../src/connectors/demo/load-workspace.js';
import type { Workspace } from '../src/connectors/demo/workspace-schema.js';
import { parseLead } from '../src/domain/lead/parse-lead.js';
import type { Lead } from '../src/domain/lead.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { queryRows } from '../src/store/sql-rows.js';
import { createMemoryStores, createPostgresStores, type Stores } from '../src/store/stores.js';
import { readTestEnv } from '../src/testing/test-env.js';
import { openTestDatabase } from '../src/testing/test-database.js';
import { executeRun, type Workflow } from '../src/workflow/engine.js';
import { createFormLeadWorkflow } from '../src/workflow/form-lead/form-lead-workflow.js';
import { FORM_LEAD_STEPS, FORM_LEAD_WORKFLOW, type GmailDraftRecord, type WrittenDraft } from '../src/workflow/form-lead/form-lead-steps.js';
import { performOnce } from '../src/workflow/perform-once.js';
import { startAutoAnalyze, type AutoAnalyze } from './autoanalyze.js';
import { backendCpu, backendCpuDelta } from './process-cpu.js';
import { createIntakeWriter, DEFAULT_INTAKE_BATCH, type IntakeWriter } from '../src/services/intake-writer.js';

const TENANT = 'bench';
/** Runs before measuring: enough on PostgreSQL for tables of a running system, then analyzed (bench/autoanalyze.ts). */
const WARM_UP_RUNS = { postgres: 500, other: 30 };

interface Fixture {
  workspace: Workspace;
  lead: Lead;
  payload: unknown;
  now: string;
}

interface Result {
  engine: string;
  runs: number;
  concurrency: number;
  seconds: number;
  roundTrips: number | null;
  /** Succeeded step rows stored per run, read back after the measurement: 13 when every checkpoint landed. */
  checkpoints: number | null;
  /** CPU time per run (ms) of this process, and of the PostgreSQL server's backends when on this machine. */
  cpuMs: { node: number; database: number | null };
  failed: number;
}

async function loadFixture(): Promise<Fixture> {
  const loaded = await loadWorkspace('examples/demo-workspace.json');
  if (!loaded.ok) throw new Error('the demo workspace is invalid');
  const payload = JSON.parse(readFileSync('examples/leads/new-prospect.json', 'utf8')) as unknown;
  const parsed = parseLead(payload, { mapping: loaded.workspace.settings.fieldMapping });
  if (!parsed.ok) throw new Error('the bench lead is invalid');
  return { workspace: loaded.workspace, lead: parsed.lead, payload, now: parsed.lead.submittedAt ?? new Date().toISOString() };
}

/** The stores, and the intake writer the API role records leads through (group commit, as in the service). */
type BenchStores = Stores & { intakeWriter: IntakeWriter };

function benchStores(stores: Stores): BenchStores {
  return { ...stores, intakeWriter: createIntakeWriter(stores.intake, { batch: DEFAULT_INTAKE_BATCH, retryAfterMs: 1000 }) };
}

/** One run as the service makes it: the submission and its run recorded by the intake, then executed. */
async function persistOneRun(stores: BenchStores, fixture: Fixture, replay: StepOutputs | null): Promise<boolean> {
  const clock = (): string => fixture.now;
  const runId = randomUUID();
  const key = `bench:${runId}`;
  const { lead, payload } = fixture;
  await stores.intakeWriter.record({
    submission: { id: randomUUID(), tenantId: TENANT, idempotencyKey: key, sourceKind: lead.source.kind, portalId: lead.source.portalId, formId: lead.source.formId, submissionId: lead.source.submissionId, rawPayload: JSON.stringify(payload), payload, receivedAt: fixture.now },
    run: { id: runId, tenantId: TENANT, workflow: FORM_LEAD_WORKFLOW, idempotencyKey: key, input: { lead, payload }, traceId: null, createdAt: fixture.now, email: lead.email, company: lead.company },
  });
  const workflow = replay === null ? formLeadWorkflow(stores, fixture) : createReplayWorkflow(stores, replay);
  const result = await executeRun({ store: stores.runStore, clock }, TENANT, runId, workflow);
  return result.status === 'succeeded';
}

function formLeadWorkflow(stores: Stores, fixture: Fixture): Workflow {
  const connectors = createDemoConnectors(fixture.workspace, { clock: () => fixture.now });
  return createFormLeadWorkflow({ connectors, settings: fixture.workspace.settings, drafts: stores.drafts });
}

type StepOutputs = Map<string, unknown>;

/** The 13 outputs of one real run, to replay. */
async function recordStepOutputs(fixture: Fixture): Promise<StepOutputs> {
  const stores = createMemoryStores();
  await persistOneRun(benchStores(stores), fixture, null);
  const { items } = await stores.runQueries.listRuns(TENANT, { limit: 1 });
  const steps = await stores.runStore.listSteps(TENANT, items[0]?.id ?? '');
  return new Map(steps.map((s) => [s.stepId, s.output]));
}

/** The writes the form-lead workflow makes through performOnce, by step. */
const EFFECTS: Record<string, string[]> = { 'resolve-contact': ['company'], 'create-gmail-draft': ['draft'], 'log-crm-activity': ['task', 'note'] };

function createReplayWorkflow(stores: Stores, outputs: StepOutputs): Workflow {
  return async (step) => {
    for (const id of FORM_LEAD_STEPS) {
      await step.run(id, async (ctx) => {
        for (const suffix of EFFECTS[id] ?? []) {
          const ref = { externalId: `${suffix}-1`, result: { id: `${suffix}-1` } };
          await performOnce({ ledger: ctx.ledger, tenantId: ctx.tenantId, runId: ctx.runId, stepId: id, idempotencyKey: `${ctx.idempotencyKey}:${suffix}`, kind: suffix, now: () => ctx.now, call: () => Promise.resolve(ref), reconcile: () => Promise.resolve(null) });
        }
        if (id === 'create-gmail-draft') await saveReplayedDraft(stores, outputs, ctx.runId, ctx.now);
        return outputs.get(id);
      });
    }
    return { status: 'succeeded', reason: null };
  };
}

async function saveReplayedDraft(stores: Stores, outputs: StepOutputs, runId: string, now: string): Promise<void> {
  const { draft, lint } = outputs.get('write-draft') as WrittenDraft;
  const gmail = outputs.get('create-gmail-draft') as GmailDraftRecord;
  await stores.drafts.saveDraft({ id: `draft-${runId}`, tenantId: TENANT, runId, ...draft, threadId: gmail.threadId, gmailDraftId: gmail.draftId, gmailMessageId: gmail.messageId, lint, createdAt: now });
}

async function persistRuns(stores: BenchStores, fixture: Fixture, runs: number, concurrency: number, replay: StepOutputs | null): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < runs) {
      next += 1;
      if (!(await persistOneRun(stores, fixture, replay))) failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failed;
}

interface Case {
  engine: string;
  stores: BenchStores;
  database: Database | null;
  runs: number;
  concurrency: number;
  replay: StepOutputs | null;
  autoAnalyze?: AutoAnalyze;
}

async function measure(c: Case, fixture: Fixture): Promise<Result> {
  const { stores, database, runs, concurrency, replay } = c;
  const engine = `${c.engine}${replay === null ? '' : ', checkpoints only'}`;
  await persistRuns(stores, fixture, database?.kind === 'postgres' ? WARM_UP_RUNS.postgres : WARM_UP_RUNS.other, concurrency, replay);
  await c.autoAnalyze?.now();
  const queriesBefore = database?.stats.queries ?? 0;
  const backendsBefore = await backendCpu(database);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const failed = await persistRuns(stores, fixture, runs, concurrency, replay);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const backendsAfter = await backendCpu(database);
  const cpuMs = { node: (cpu.user + cpu.system) / 1000 / runs, database: perRun(backendCpuDelta(backendsBefore, backendsAfter), runs) };
  const roundTrips = database === null ? null : (database.stats.queries - queriesBefore) / runs;
  const checkpoints = database === null ? null : await storedCheckpointsPerRun(database);
  return report({ engine, runs, concurrency, seconds, roundTrips, checkpoints, cpuMs, failed });
}

function perRun(ms: number | null, runs: number): number | null {
  return ms === null ? null : ms / runs;
}

/** Over every run stored so far in the bench tenant: succeeded step rows per succeeded run. */
async function storedCheckpointsPerRun(database: Database): Promise<number> {
  const [row] = await queryRows<{ steps: number; runs: number }>(
    database.db,
    sql`SELECT (SELECT count(*) FROM step_runs WHERE tenant_id = ${TENANT} AND status = 'succeeded')::int AS steps,
               (SELECT count(*) FROM workflow_runs WHERE tenant_id = ${TENANT} AND status = 'succeeded')::int AS runs`,
  );
  return row && row.runs > 0 ? row.steps / row.runs : 0;
}

async function benchPglite(fixture: Fixture, runs: number, replays: (StepOutputs | null)[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sales-agent-bench-'));
  const database = await openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    await database.migrate();
    const base = { engine: 'PGlite (temp dir)', stores: benchStores(createPostgresStores(database)), database, runs, concurrency: 1 };
    for (const replay of replays) await measure({ ...base, replay }, fixture);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(fixture: Fixture, url: string, runs: number, concurrency: number, replays: (StepOutputs | null)[]): Promise<void> {
  const database = await openTestDatabase('postgres', { postgresUrl: url });
  const autoAnalyze = await startAutoAnalyze(database);
  try {
    const base = { engine: 'PostgreSQL 15', stores: benchStores(createPostgresStores(database)), database, runs, concurrency, autoAnalyze };
    for (const replay of replays) await measure({ ...base, replay }, fixture);
  } finally {
    await autoAnalyze.stop();
    await database.drop();
  }
}

const COLUMNS: [string, number][] = [['engine', 36], ['runs', 6], ['in flight', 9], ['seconds', 8], ['runs/s', 7], ['round trips/run', 15], ['checkpoints/run', 15], ['CPU ms/run: node', 16], ['database', 8], ['failed', 6]];

/** One line per result, printed as it is measured (a full bench takes minutes). */
function printRow(cells: string[]): void {
  process.stdout.write(`${cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]?.[1] ?? 0) : cell.padStart(COLUMNS[i]?.[1] ?? 0))).join('  ')}\n`);
}

function report(r: Result): Result {
  printRow([r.engine, String(r.runs), String(r.concurrency), r.seconds.toFixed(2), (r.runs / r.seconds).toFixed(0), r.roundTrips === null ? '-' : r.roundTrips.toFixed(1), r.checkpoints === null ? '-' : r.checkpoints.toFixed(1), r.cpuMs.node.toFixed(2), r.cpuMs.database === null ? '-' : r.cpuMs.database.toFixed(2), String(r.failed)]);
  return r;
}

const { values } = parseArgs({
  options: {
    'pg-runs': { type: 'string', default: '2000' },
    'pglite-runs': { type: 'string', default: '500' },
    'memory-runs': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
    engines: { type: 'string', default: 'memory,postgres,pglite' },
    workloads: { type: 'string', default: 'full,checkpoints' },
  },
});
const engines = new Set(values.engines.split(','));
const workloads = new Set(values.workloads.split(','));
const fixture = await loadFixture();
printRow(COLUMNS.map(([name]) => name));
const concurrency = Number(values.concurrency);
const replay = await recordStepOutputs(fixture);
/** The workloads asked for: null is the full workflow, the recorded outputs replay its checkpoints only. */
const replays = [...(workloads.has('full') ? [null] : []), ...(workloads.has('checkpoints') ? [replay] : [])];
if (engines.has('memory')) {
  const memory = { engine: 'memory stores', stores: benchStores(createMemoryStores()), database: null, runs: Number(values['memory-runs']), concurrency: 1 };
  for (const r of replays) await measure({ ...memory, replay: r }, fixture);
}
const { postgresUrl } = readTestEnv();
if (engines.has('postgres')) {
  if (postgresUrl === null) process.stdout.write('PostgreSQL skipped: set DATABASE_URL (or TEST_DATABASE_URL) to a server to create a bench database under.\n');
  else await benchPostgres(fixture, postgresUrl, Number(values['pg-runs']), concurrency, replays);
}
if (engines.has('pglite')) await benchPglite(fixture, Number(values['pglite-runs']), replays);
