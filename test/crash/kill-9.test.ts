// Crash tests with a real kill -9: a child process runs the lead on a real database and is SIGKILLed at
// a chosen point (right after a write reached the fake HubSpot or Gmail, or when a step is about to
// record its checkpoint); a second child resumes the same run. The journal of writes must hold exactly
// one draft, task, note and label, and the database a succeeded run that went on from what the killed
// child had recorded (steps whose success was recorded did not run again).
// PostgreSQL (a fresh database for this file) when a URL is set; else a PGlite directory, except in CI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createSeededDataDir } from '../../src/cli/commands/cli-test-databases.js';
import type { StepRecord } from '../../src/domain/ports/run-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createPostgresRunStore } from '../../src/store/run-store.js';
import { CI_NEEDS_POSTGRES, readTestEnv } from '../../src/testing/test-env.js';
import { openTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import type { ChildArgs } from './child-run.js';
import { assertEffectsOnce, assertResumedFromDurableState, loadCrashFixture, TENANT, type CrashFixture } from './crash-fixture.js';
import { readJournal, replayJournal } from './journaled-connectors.js';

const CHILD = fileURLToPath(new URL('./child-run.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** [kill point, the step it interrupts] */
const KILL_POINTS: [string, string][] = [
  ['effect:crm.upsertContact', 'resolve-contact'],
  ['checkpoint:propose-slots', 'propose-slots'],
  ['checkpoint:write-draft', 'write-draft'],
  ['effect:mail.createDraft', 'create-gmail-draft'],
  ['checkpoint:create-gmail-draft', 'create-gmail-draft'],
  ['effect:crm.createTask', 'log-crm-activity'],
  ['effect:crm.createNote', 'log-crm-activity'],
  ['effect:mail.applyLabel', 'label-thread'],
  ['checkpoint:label-thread', 'label-thread'],
];

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
  stderr: string;
}

/** Runs the child; SIGKILLs it as soon as it prints its marker. */
function runChild(args: ChildArgs): Promise<ChildEnd> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (line.startsWith('MARKER ')) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, lines, stderr }));
  });
}

type Target = { databaseUrl: string; dataDir: null } | { databaseUrl: null; dataDir: string };

async function killAndResume(target: Target, fixture: CrashFixture, killAt: string, step: string): Promise<void> {
  const runId = `kill9-${randomUUID()}`;
  const journal = join(mkdtempSync(join(tmpdir(), 'sales-agent-kill9-')), 'writes.jsonl');
  const base = { ...target, journal, runId };
  const killed = await runChild({ ...base, mode: 'start', killAt });
  assert.equal(killed.signal, 'SIGKILL', `the child should have reached ${killAt}: ${killed.stderr}`);
  assert.deepEqual(killed.lines.at(-1), `MARKER ${killAt}`);

  const recorded = await readSteps(target, runId);

  const resumed = await runChild({ ...base, mode: 'resume', killAt: null });
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.deepEqual(JSON.parse(resumed.lines.find((l) => l.startsWith('RESULT '))?.slice(7) ?? '{}'), { status: 'succeeded', error: null });

  const writes = readJournal(journal).map((e) => `${e.system}.${e.operation}`);
  for (const once of ['mail.createDraft', 'crm.createTask', 'crm.createNote']) {
    assert.equal(writes.filter((w) => w === once).length, 1, `${once} reached the outside once`);
  }
  await assertEffectsOnce(await replayJournal(fixture.workspace, () => fixture.now, journal), fixture);
  const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir ?? '' });
  try {
    const store = createPostgresRunStore(database);
    assert.equal((await store.findRun(TENANT, runId))?.status, 'succeeded');
    assertResumedFromDurableState(recorded, await store.listSteps(TENANT, runId), step);
  } finally {
    await database.close();
  }
}

/** The run's step records as the killed child left them in the database. */
async function readSteps(target: Target, runId: string): Promise<StepRecord[]> {
  const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir ?? '' });
  try {
    return await createPostgresRunStore(database).listSteps(TENANT, runId);
  } finally {
    await database.close();
  }
}

const env = readTestEnv();
// Children on PostgreSQL run side by side (each its own run); on PGlite they take turns at the directory's lock.
const concurrency = env.postgresUrl === null ? 1 : 3;
describe(`kill -9 between a side effect and its checkpoint (${env.postgresUrl ? 'PostgreSQL' : 'PGlite'})`, { concurrency }, () => {
  let fixture: CrashFixture;
  let target: Target;
  let postgres: TestDatabase | null = null;
  before(async () => {
    fixture = await loadCrashFixture();
    if (env.postgresUrl !== null) {
      postgres = await openTestDatabase('postgres', { postgresUrl: env.postgresUrl });
      target = { databaseUrl: postgres.url ?? '', dataDir: null };
    } else if (env.isCi) {
      assert.fail(CI_NEEDS_POSTGRES);
    } else {
      target = { databaseUrl: null, dataDir: (await createSeededDataDir()).env['DATA_DIR'] ?? '' };
    }
  });
  after(() => postgres?.drop());

  for (const [killAt, step] of KILL_POINTS) {
    it(`killed at ${killAt}, resumed: one draft, task, note and label`, () => killAndResume(target, fixture, killAt, step));
  }
});
