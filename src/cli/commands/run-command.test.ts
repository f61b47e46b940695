import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { loadWorkspace } from '../../connectors/demo/load-workspace.js';
import { deriveLeadIdempotencyKey } from '../../domain/idempotency-key.js';
import { parseLead } from '../../domain/lead/parse-lead.js';
import { openDatabase } from '../../store/database.js';
import { createPostgresStores, type Stores } from '../../store/stores.js';
import { describeWithPostgres } from '../../testing/describe-with-postgres.js';
import type { RunReport } from '../run-report.js';
import type { CliEnv } from './cli-database.js';
import { createPostgresEnv, createSeededDataDir, holdDataDirLock, type CliTestDatabase } from './cli-test-databases.js';
import { runCommand, type RunCommandOptions } from './run-command.js';

interface RunArgs extends RunCommandOptions {
  lead: string;
  env?: CliEnv;
}

/** Runs the command in process; in memory unless an environment (a database) is given. */
async function run(args: RunArgs) {
  let stdout = '';
  let stderr = '';
  const { lead, env, ...options } = args;
  const code = await runCommand(lead, env === undefined ? { memory: true, ...options } : options, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  }, env ?? {});
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'sales-agent-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('sales-agent run --memory', () => {
  it('prints one JSON object with the documented fields', async () => {
    const { code, stdout } = await run({ lead: 'examples/leads/different-time-zone.json', json: true });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as RunReport;
    assert.equal(report.status, 'succeeded');
    assert.equal(report.steps.length, 13);
    for (const step of report.steps) {
      assert.deepEqual(Object.keys(step).slice(0, 4), ['id', 'status', 'attempts', 'durationMs']);
      assert.equal(step.status, 'succeeded');
    }
    assert.equal(report.lead?.email, 'lukas.becker@alpenmarkt.example');
    assert.ok(report.slots.length >= 2);
    for (const slot of report.slots) {
      assert.match(slot.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/, 'ISO with offset');
      assert.match(slot.end, /[+-]\d{2}:\d{2}$/);
    }
    assert.ok(report.asset?.chosen?.url.startsWith('https://'));
    assert.equal(report.plan?.action, 'answer-question');
    assert.equal(report.draft?.to, 'lukas.becker@alpenmarkt.example');
    assert.ok(report.draft?.subject && report.draft.body && report.draft.threadId === null);
    assert.match(report.task?.subject ?? '', /Lukas Becker/);
    assert.match(report.task?.dueAt ?? '', /^2026-11-27T/);
    assert.deepEqual(report.lint, []);
  });

  it('prints a readable report with the steps and the full draft', async () => {
    const { code, stdout } = await run({ lead: 'examples/leads/new-prospect.json' });
    assert.equal(code, 0);
    assert.match(stdout, /SUCCEEDED/);
    assert.match(stdout, /13 label-thread\s+succeeded/);
    assert.match(stdout, /Subject: /);
    assert.match(stdout, /Hi Nora,/);
    assert.match(stdout, /HubSpot task .* due Fri, Nov 27 2026, 9:00 AM EST/);
  });

  it('exits 0 with the reason for a lead that gets no action', async () => {
    const { code, stdout } = await run({ lead: 'examples/leads/unsubscribed-contact.json', json: true });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as RunReport;
    assert.equal(report.status, 'skipped');
    assert.equal(report.plan?.noActionCode, 'unsubscribed');
    assert.equal(report.draft, null);
  });

  it('honours --now and refuses one without a zone', async () => {
    const ok = await run({ lead: 'examples/leads/new-prospect.json', json: true, now: '2026-12-01T08:00:00-05:00' });
    const report = JSON.parse(ok.stdout) as RunReport;
    assert.ok(report.slots.every((s) => s.start >= '2026-12-01'));
    const bad = await run({ lead: 'examples/leads/new-prospect.json', now: '2026-12-01 08:00' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--now .* is not an ISO-8601 time with a zone/);
  });

  it('exits 2 with a clear message for each kind of bad input', async () => {
    const missing = await run({ lead: join(dir, 'nope.json') });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the lead file .*nope\.json: no such file/);

    const invalidJson = await run({ lead: file('broken.json', '{\n  "email": "a@b.co",\n  oops\n}') });
    assert.equal(invalidJson.code, 2);
    assert.match(invalidJson.stderr, /is not valid JSON: .* at line 3, column 3/);

    const invalidLead = await run({ lead: file('bad-lead.json', JSON.stringify({ email: 'jane@@acme', firstName: 'Jane' })) });
    assert.equal(invalidLead.code, 2);
    assert.match(invalidLead.stderr, /is not a valid lead:\n  email: not a valid address/);

    const badFixture = await run({ lead: 'examples/leads/new-prospect.json', workspace: file('ws.json', JSON.stringify({ name: 'x' })) });
    assert.equal(badFixture.code, 2);
    assert.match(badFixture.stderr, /the workspace .*ws\.json is invalid:\n/);
    assert.equal(badFixture.stdout, '');
  });

  it('works as the installed `sales-agent` command', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/sales-agent.js', 'run', 'examples/leads/new-prospect.json', '--json', '--memory']);
    assert.equal((JSON.parse(stdout) as RunReport).status, 'succeeded');
    await assert.rejects(promisify(execFile)(process.execPath, ['bin/sales-agent.js', 'run', join(dir, 'nope.json')]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /no such file/);
      return true;
    });
  });
});

const NORA = 'nora.lindqvist@cascadefreight.example';

/** The stores of the database the environment names, opened beside the command (after it closed). */
async function withStores<T>(env: CliEnv, body: (stores: Stores) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: env['DATABASE_URL'] ?? null, dataDir: env['DATA_DIR'] ?? '' });
  try {
    return await body(createPostgresStores(database));
  } finally {
    await database.close();
  }
}

function persistenceTests(open: () => Promise<CliTestDatabase>): void {
  let database: CliTestDatabase;
  before(async () => {
    database = await open();
  });
  after(() => database.drop());

  it('stores the run with its raw submission, and answers the same lead again with that run', async () => {
    const first = await run({ lead: 'examples/leads/new-prospect.json', json: true, env: database.env });
    assert.equal(first.code, 0, first.stderr);
    const { runId } = JSON.parse(first.stdout) as RunReport;

    const again = await run({ lead: 'examples/leads/new-prospect.json', env: database.env });
    assert.equal(again.code, 0);
    assert.match(again.stdout, new RegExp(`^already processed: run ${runId} \\(succeeded\\)`));
    assert.match(again.stdout, /13 label-thread\s+succeeded/, 'the stored report, not a new run');

    await withStores(database.env, async (stores) => {
      const { items } = await stores.runQueries.listRuns('default', { search: NORA, limit: 10 });
      assert.deepEqual(items.map((r) => [r.id, r.status]), [[runId, 'succeeded']]);
      const steps = await stores.runStore.listSteps('default', runId);
      assert.equal(steps.length, 13, 'every step checkpointed once');
      const submission = await stores.intake.findSubmissionForRun('default', runId);
      assert.equal(submission?.rawPayload, readFileSync('examples/leads/new-prospect.json', 'utf8'));
      assert.equal((await stores.drafts.findDraftForRun('default', runId))?.to, NORA, 'the draft is kept for review');
    });
  });

  it('runs the lead again as a new run with --force', async () => {
    const forced = await run({ lead: 'examples/leads/new-prospect.json', json: true, force: true, env: database.env });
    assert.equal(forced.code, 0, forced.stderr);
    const { runId } = JSON.parse(forced.stdout) as RunReport;
    await withStores(database.env, async (stores) => {
      const { items } = await stores.runQueries.listRuns('default', { search: NORA, limit: 10 });
      assert.equal(items.length, 2);
      assert.equal(items[0]?.id, runId, 'the forced run is the newest');
    });
  });
}

/** Stores the lead's run as pending (as a CLI killed before it ran would leave it), leased to `owner` when given. */
async function leaveRunPending(env: CliEnv, leadPath: string, owner: string | null): Promise<string> {
  const payload = JSON.parse(readFileSync(leadPath, 'utf8')) as unknown;
  const loaded = await loadWorkspace('examples/demo-workspace.json');
  assert.ok(loaded.ok);
  const parsed = parseLead(payload, { mapping: loaded.workspace.settings.fieldMapping });
  assert.ok(parsed.ok);
  const key = deriveLeadIdempotencyKey(parsed.lead, payload);
  const now = new Date().toISOString();
  return withStores(env, async (stores) => {
    const { runId } = await stores.intake.recordSubmission(
      { id: randomUUID(), tenantId: 'default', idempotencyKey: key, sourceKind: parsed.lead.source.kind, portalId: null, formId: null, submissionId: null, rawPayload: '{}', payload, receivedAt: now },
      { id: randomUUID(), tenantId: 'default', workflow: 'form-lead', idempotencyKey: key, input: { lead: parsed.lead, payload }, traceId: null, createdAt: now, email: parsed.lead.email, company: parsed.lead.company },
    );
    if (owner !== null) await stores.dispatch.claimRun('default', runId, { owner, now, leaseUntil: new Date(Date.now() + 600_000).toISOString() });
    return runId;
  });
}

function unfinishedRunTests(open: () => Promise<CliTestDatabase>): void {
  let database: CliTestDatabase;
  before(async () => {
    database = await open();
  });
  after(() => database.drop());

  it('resumes a run of the lead left unfinished by an earlier process', async () => {
    const runId = await leaveRunPending(database.env, 'examples/leads/different-time-zone.json', null);
    const { code, stdout } = await run({ lead: 'examples/leads/different-time-zone.json', env: database.env });
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^resumed run ${runId}, left unfinished by an earlier process`));
    assert.match(stdout, new RegExp(`Run ${runId}: SUCCEEDED`));
  });

  it('leaves alone a run another process holds the lease of', async () => {
    const runId = await leaveRunPending(database.env, 'examples/leads/existing-contact-open-question.json', 'worker:elsewhere');
    const { code, stderr } = await run({ lead: 'examples/leads/existing-contact-open-question.json', env: database.env });
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`run ${runId} of this lead is being processed by another process`));
  });
}

describe('sales-agent run on the embedded database', () => {
  unfinishedRunTests(createSeededDataDir);

  persistenceTests(createSeededDataDir);

  it('fails with the lock holder and the ways out when a server holds the data directory', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'sales-agent-locked-'));
    const holder = await holdDataDirLock(locked);
    try {
      const { code, stdout, stderr } = await run({ lead: 'examples/leads/new-prospect.json', env: { DATA_DIR: locked } });
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.match(stderr, new RegExp(`already in use by another Sales Agent process \\(pid ${holder.pid}\\)`));
      assert.match(stderr, /hint: stop the running server .*set DATABASE_URL.*--memory/);
    } finally {
      await holder.kill();
    }
  });

  it('keeps nothing with --memory', async () => {
    const untouched = mkdtempSync(join(tmpdir(), 'sales-agent-untouched-'));
    const { code } = await run({ lead: 'examples/leads/new-prospect.json', json: true, memory: true, env: { DATA_DIR: untouched } });
    assert.equal(code, 0);
    assert.deepEqual(readdirSync(untouched), []);
  });
});

describeWithPostgres('sales-agent run on PostgreSQL', (postgresUrl) => {
  persistenceTests(() => createPostgresEnv(postgresUrl));
  unfinishedRunTests(() => createPostgresEnv(postgresUrl));
});
