// A child process for the kill -9 tests: runs (or resumes) one lead through the form-lead workflow on
// a real database with journaled demo fakes. At its kill point (after a write, or when a step is about
// to record its checkpoint) it prints `MARKER <point>` and stops there until the parent kills it.
// Usage: child-run.ts '<json ChildArgs>'. Prints `RESULT <json>` when the run ends.
import type { RunStore } from '../../src/domain/ports/run-store.js';
import { openDatabase } from '../../src/store/database.js';
import { createPostgresStores } from '../../src/store/stores.js';
import { executeRun } from '../../src/workflow/engine.js';
import { createFormLeadWorkflow } from '../../src/workflow/form-lead/form-lead-workflow.js';
import { FORM_LEAD_WORKFLOW } from '../../src/workflow/form-lead/form-lead-steps.js';
import { loadCrashFixture, TENANT } from './crash-fixture.js';
import { openJournaledConnectors } from './journaled-connectors.js';

export interface ChildArgs {
  databaseUrl: string | null;
  dataDir: string | null;
  journal: string;
  runId: string;
  mode: 'start' | 'resume';
  /** `effect:<system>.<operation>` or `checkpoint:<step id>`; null runs to the end. */
  killAt: string | null;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;

/** Says where it stopped, then waits for SIGKILL; the timer keeps the event loop (and the process) alive. */
async function reach(point: string): Promise<void> {
  if (point !== args.killAt) return;
  process.stdout.write(`MARKER ${point}\n`);
  setInterval(() => undefined, 60_000);
  await new Promise<never>(() => undefined);
}

function pausingAtCheckpoint(store: RunStore): RunStore {
  return {
    createRun: (run) => store.createRun(run),
    findRun: (tenantId, runId) => store.findRun(tenantId, runId),
    listSteps: (tenantId, runId) => store.listSteps(tenantId, runId),
    updateRun: (tenantId, runId, patch) => store.updateRun(tenantId, runId, patch),
    startStep: (tenantId, step) => store.startStep(tenantId, step),
    finishStep: (tenantId, runId, stepId, attempt, end) => store.finishStep(tenantId, runId, stepId, attempt, end),
    startAttempt: (tenantId, runId, at) => store.startAttempt(tenantId, runId, at),
    // The engine records successes in batches: stop at the batch that would record the step's success.
    async writeCheckpoints(tenantId, runId, batch) {
      for (const step of batch.steps) {
        if (step.end?.status === 'succeeded') await reach(`checkpoint:${step.stepId}`);
      }
      return store.writeCheckpoints(tenantId, runId, batch);
    },
  };
}

const fixture = await loadCrashFixture();
const clock = (): string => fixture.now;
const database = await openDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir ?? '' });
await database.migrate();
const stores = createPostgresStores(database);
const connectors = await openJournaledConnectors(fixture.workspace, clock, args.journal, (write) => reach(`effect:${write}`));
const store = pausingAtCheckpoint(stores.runStore);
if (args.mode === 'start') {
  const input = { lead: fixture.lead, payload: fixture.payload };
  await store.createRun({ id: args.runId, tenantId: TENANT, workflow: FORM_LEAD_WORKFLOW, idempotencyKey: args.runId, input, traceId: null, createdAt: fixture.now });
} else {
  // What the service does for a run whose process died: back to pending, then executed again.
  await store.updateRun(TENANT, args.runId, { status: 'pending', updatedAt: new Date().toISOString() });
}
const workflow = createFormLeadWorkflow({ connectors, settings: fixture.workspace.settings, drafts: stores.drafts });
const result = await executeRun({ store, clock }, TENANT, args.runId, workflow);
process.stdout.write(`RESULT ${JSON.stringify({ status: result.status, error: result.error })}\n`);
await database.close();
