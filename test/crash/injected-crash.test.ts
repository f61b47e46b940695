// Crash tests, in process: for each of the 13 steps, the run dies after the step's external work and
// before its checkpoint (and, for every write, after the write but before its response was recorded);
// a second execution resumes it. The fakes must hold exactly one draft, task, note and label, and only
// the interrupted step may run again. On the memory stores, on PGlite, and on PostgreSQL when set.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createDemoConnectors, type FaultInjector } from '../../src/connectors/demo/index.js';
import { createMemoryStores, createPostgresStores, type Stores } from '../../src/store/stores.js';
import { describeWithPostgres } from '../../src/testing/describe-with-postgres.js';
import { openTestDatabase, type TestDatabase } from '../../src/testing/test-database.js';
import { executeRun } from '../../src/workflow/engine.js';
import { createFormLeadWorkflow } from '../../src/workflow/form-lead/form-lead-workflow.js';
import { FORM_LEAD_STEPS, FORM_LEAD_WORKFLOW } from '../../src/workflow/form-lead/form-lead-steps.js';
import { assertEffectsOnce, assertResumedFromDurableState, loadCrashFixture, TENANT, type CrashFixture } from './crash-fixture.js';
import { CrashError, dyingRunStore, guarded, ProcessDeath } from './process-death.js';

interface Scenario {
  name: string;
  step: string;
  /** Arms a fault that does the write, then "loses the response" by killing the process. */
  arm?: (faults: FaultInjector, crash: Error) => void;
}

const SCENARIOS: Scenario[] = [
  ...FORM_LEAD_STEPS.map((step) => ({ name: `${step}: dies after its work, before its checkpoint`, step })),
  { name: 'resolve-contact: dies right after the contact upsert', step: 'resolve-contact', arm: (f, e) => f.failAfterEffect('crm', 'upsertContact', e) },
  { name: 'resolve-contact: dies right after creating the company', step: 'resolve-contact', arm: (f, e) => f.failAfterEffect('crm', 'createCompany', e) },
  { name: 'create-gmail-draft: dies right after Gmail saved the draft', step: 'create-gmail-draft', arm: (f, e) => f.failAfterEffect('mail', 'createDraft', e) },
  { name: 'log-crm-activity: dies after the task, before the note', step: 'log-crm-activity', arm: (f, e) => f.failAfterEffect('crm', 'createTask', e) },
  { name: 'log-crm-activity: dies right after the note', step: 'log-crm-activity', arm: (f, e) => f.failAfterEffect('crm', 'createNote', e) },
  { name: 'label-thread: dies right after creating the label', step: 'label-thread', arm: (f, e) => f.failAfterEffect('mail', 'ensureLabel', e) },
  { name: 'label-thread: dies right after applying the label', step: 'label-thread', arm: (f, e) => f.failAfterEffect('mail', 'applyLabel', e) },
];

const noSleep = (): Promise<void> => Promise.resolve();

async function crashAndResume(stores: Stores, fixture: CrashFixture, scenario: Scenario): Promise<void> {
  const clock = (): string => fixture.now;
  const { settings } = fixture.workspace;
  const connectors = createDemoConnectors(fixture.workspace, { clock });
  const runId = `crash-${randomUUID()}`;
  const input = { lead: fixture.lead, payload: fixture.payload };
  await stores.runStore.createRun({ id: runId, tenantId: TENANT, workflow: FORM_LEAD_WORKFLOW, idempotencyKey: runId, input, traceId: null, createdAt: fixture.now });

  const death = new ProcessDeath();
  if (scenario.arm) {
    scenario.arm(connectors.faults, new CrashError(`in ${scenario.name}`));
    death.alsoWhen(() => connectors.faults.pending() === 0);
  }
  const dyingWorkflow = createFormLeadWorkflow({ connectors, settings, drafts: guarded(stores.drafts, death) });
  const dyingStore = dyingRunStore(stores.runStore, death, scenario.arm ? null : scenario.step);
  await assert.rejects(executeRun({ store: dyingStore, clock, sleep: noSleep }, TENANT, runId, dyingWorkflow), CrashError);
  const left = await stores.runStore.listSteps(TENANT, runId);

  // The service's recovery: the run goes back to pending and is executed again, same ledger and fakes.
  await stores.runStore.updateRun(TENANT, runId, { status: 'pending', updatedAt: new Date().toISOString() });
  const workflow = createFormLeadWorkflow({ connectors, settings, drafts: stores.drafts });
  const result = await executeRun({ store: stores.runStore, clock, sleep: noSleep }, TENANT, runId, workflow);
  assert.equal(result.status, 'succeeded', JSON.stringify(result.error));
  assert.equal(result.run.attempt, 2);
  await assertEffectsOnce(connectors, fixture);
  assertResumedFromDurableState(left, await stores.runStore.listSteps(TENANT, runId), scenario.step);
  assert.ok(await stores.drafts.findDraftForRun(TENANT, runId), 'the draft is recorded for review');
}

function crashTests(openStores: () => Promise<{ stores: Stores; close(): Promise<void> }>): void {
  let fixture: CrashFixture;
  let opened: { stores: Stores; close(): Promise<void> };
  before(async () => {
    fixture = await loadCrashFixture();
    opened = await openStores();
  });
  after(() => opened.close());
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => crashAndResume(opened.stores, fixture, scenario));
  }
}

describe('crash between a side effect and its checkpoint, memory stores', () => {
  crashTests(() => Promise.resolve({ stores: createMemoryStores(), close: () => Promise.resolve() }));
});

describe('crash between a side effect and its checkpoint, PGlite', () => {
  crashTests(async () => {
    const database: TestDatabase = await openTestDatabase('pglite');
    return { stores: createPostgresStores(database), close: () => database.drop() };
  });
});

describeWithPostgres('crash between a side effect and its checkpoint, PostgreSQL', (postgresUrl) => {
  crashTests(async () => {
    const database = await openTestDatabase('postgres', { postgresUrl });
    return { stores: createPostgresStores(database), close: () => database.drop() };
  });
});
