import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../domain/ports/audit.js';
import type { RunListItem } from '../../domain/ports/run-queries.js';
import type { RunRecord, StepRecord } from '../../domain/ports/run-store.js';
import { openDatabase } from '../../store/database.js';
import { createPostgresRunStore } from '../../store/run-store.js';
import { describeWithPostgres } from '../../testing/describe-with-postgres.js';
import type { RunReport } from '../run-report.js';
import type { CliEnv } from './cli-database.js';
import { createPostgresEnv, createSeededDataDir, holdDataDirLock, type CliTestDatabase } from './cli-test-databases.js';
import { runCommand } from './run-command.js';
import { runsListCommand, runsShowCommand } from './runs-command.js';

type Output = { code: number; stdout: string; stderr: string };

async function capture(command: (io: { stdout: (t: string) => void; stderr: (t: string) => void }) => Promise<number>): Promise<Output> {
  let stdout = '';
  let stderr = '';
  const code = await command({ stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

async function runLead(env: CliEnv, lead: string): Promise<string> {
  const out = await capture((io) => runCommand(lead, { json: true }, io, env));
  assert.notEqual(out.code, 2, out.stderr);
  return (JSON.parse(out.stdout) as RunReport).runId;
}

/** A run whose resolve-contact step failed once (a timeout) and succeeded on its second attempt. */
async function storeRetriedRun(env: CliEnv): Promise<string> {
  const database = await openDatabase({ databaseUrl: env['DATABASE_URL'] ?? null, dataDir: env['DATA_DIR'] ?? '' });
  try {
    const store = createPostgresRunStore(database);
    const id = 'run-retried';
    const at = (s: number): string => new Date(Date.UTC(2026, 10, 24, 15, 0, s)).toISOString();
    await store.createRun({ id, tenantId: 'default', workflow: 'form-lead', idempotencyKey: 'k-retried', input: { lead: { email: 'ada@example.com', company: 'Analytical' } }, traceId: null, createdAt: at(0) });
    await store.startStep('default', { runId: id, stepId: 'resolve-contact', attempt: 1, startedAt: at(1) });
    await store.finishStep('default', id, 'resolve-contact', 1, { status: 'failed', output: null, error: { code: 'transient', message: 'HubSpot timed out' }, finishedAt: at(2), durationMs: 1000 });
    await store.startStep('default', { runId: id, stepId: 'resolve-contact', attempt: 2, startedAt: at(3) });
    await store.finishStep('default', id, 'resolve-contact', 2, { status: 'succeeded', output: {}, error: null, finishedAt: at(4), durationMs: 1000 });
    return id;
  } finally {
    await database.close();
  }
}

function runsTests(open: () => Promise<CliTestDatabase>): void {
  let database: CliTestDatabase;
  let succeeded: string;
  let skipped: string;
  let retried: string;
  before(async () => {
    database = await open();
    succeeded = await runLead(database.env, 'examples/leads/new-prospect.json');
    skipped = await runLead(database.env, 'examples/leads/unsubscribed-contact.json');
    retried = await storeRetriedRun(database.env);
  });
  after(() => database.drop());

  it('lists the stored runs newest first, with status, email, company, created and step', async () => {
    const out = await capture((io) => runsListCommand({}, io, database.env));
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+STATUS\s+EMAIL\s+COMPANY\s+CREATED \(UTC\)\s+STEP \/ ERROR$/);
    assert.equal(lines.length, 4);
    assert.match(out.stdout, new RegExp(`${succeeded}\\s+succeeded\\s+nora.lindqvist@cascadefreight.example\\s+Cascade Freight & Storage\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+label-thread`));
    assert.match(out.stdout, new RegExp(`${skipped}\\s+skipped\\s+.*no action \\(unsubscribed\\)`));
  });

  it('filters by status and limits the list; --json gives the records', async () => {
    const out = await capture((io) => runsListCommand({ status: 'skipped,failed', json: true }, io, database.env));
    const { runs } = JSON.parse(out.stdout) as { runs: RunListItem[] };
    assert.deepEqual(runs.map((r) => r.id), [skipped]);
    const one = await capture((io) => runsListCommand({ limit: '1', json: true }, io, database.env));
    assert.equal((JSON.parse(one.stdout) as { runs: RunListItem[] }).runs.length, 1);
  });

  it('refuses a status or limit it does not know, with exit code 2', async () => {
    const status = await capture((io) => runsListCommand({ status: 'done' }, io, database.env));
    assert.equal(status.code, 2);
    assert.match(status.stderr, /--status done is not a run status/);
    const limit = await capture((io) => runsListCommand({ limit: '0' }, io, database.env));
    assert.equal(limit.code, 2);
    assert.match(limit.stderr, /--limit 0 is not a whole number from 1 to 500/);
  });

  it('shows one run with its steps and its audit trail, oldest event first', async () => {
    const out = await capture((io) => runsShowCommand(succeeded, {}, io, database.env));
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, new RegExp(`^Run ${succeeded}: SUCCEEDED`));
    assert.match(out.stdout, /label-thread\s+1\s+succeeded\s+\d+ ms/);
    const json = await capture((io) => runsShowCommand(succeeded, { json: true }, io, database.env));
    const shown = JSON.parse(json.stdout) as { run: RunRecord; steps: StepRecord[]; audit: AuditEvent[] };
    assert.equal(shown.steps.length, 13);
    const actions = shown.audit.map((e) => e.action);
    assert.equal(actions[0], 'run.created');
    assert.equal(actions.at(-1), 'run.succeeded');
    assert.equal(actions.filter((a) => a === 'step.succeeded').length, 13);
  });

  it('shows every attempt of a retried step with its error', async () => {
    const out = await capture((io) => runsShowCommand(retried, {}, io, database.env));
    assert.match(out.stdout, /resolve-contact\s+1\s+failed\s+1000 ms\s+\[transient\] HubSpot timed out/);
    assert.match(out.stdout, /resolve-contact\s+2\s+succeeded\s+1000 ms/);
    assert.match(out.stdout, /step\.failed\s+resolve-contact\s+.*"error":\{"code":"transient"/);
  });

  it('exits 1 for a run it does not hold', async () => {
    const out = await capture((io) => runsShowCommand('no-such-run', {}, io, database.env));
    assert.equal(out.code, 1);
    assert.match(out.stderr, /no run no-such-run/);
  });
}

describe('sales-agent runs on the embedded database', () => {
  runsTests(createSeededDataDir);

  it('refuses clearly while a server holds the data directory', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'sales-agent-locked-'));
    const holder = await holdDataDirLock(locked);
    try {
      const out = await capture((io) => runsListCommand({}, io, { DATA_DIR: locked }));
      assert.equal(out.code, 1);
      assert.match(out.stderr, /already in use by another Sales Agent process/);
      assert.match(out.stderr, /hint: stop the running server .*\/api\/runs/);
    } finally {
      await holder.kill();
    }
  });
});

describeWithPostgres('sales-agent runs on PostgreSQL', (postgresUrl) => {
  runsTests(() => createPostgresEnv(postgresUrl));
});
