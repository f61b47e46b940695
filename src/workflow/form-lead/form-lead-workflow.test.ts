import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { DemoConnectors } from '../../connectors/demo/index.js';
import { createDemoConnectors } from '../../connectors/demo/index.js';
import { loadExampleWorkspace } from '../../connectors/demo/test-workspace.js';
import { PermanentError, TransientError } from '../../domain/errors.js';
import type { StepRecord } from '../../domain/ports/run-store.js';
import { createMemoryRunStore } from '../../store/memory-run-store.js';
import type { RunResult } from '../engine.js';
import { executeRun } from '../engine.js';
import { createFormLeadWorkflow } from './form-lead-workflow.js';
import { FORM_LEAD_STEPS } from './form-lead-steps.js';

const TENANT = 'acme-tenant';

function readLead(name: string): { payload: unknown; submittedAt: string } {
  const payload = JSON.parse(readFileSync(`examples/leads/${name}.json`, 'utf8')) as Record<string, unknown>;
  const at = (payload.submittedAt as string | undefined) ?? new Date(payload.timestamp as number).toISOString();
  return { payload, submittedAt: at };
}

async function runLead(
  name: string,
  arrange: (c: DemoConnectors) => void = () => undefined,
): Promise<{ result: RunResult; steps: StepRecord[]; connectors: DemoConnectors }> {
  const { payload, submittedAt } = readLead(name);
  const workspace = await loadExampleWorkspace();
  const connectors = createDemoConnectors(workspace, { clock: () => submittedAt });
  arrange(connectors);
  const store = createMemoryRunStore();
  await store.createRun({ id: 'run-1', tenantId: TENANT, workflow: 'form-lead', idempotencyKey: name, input: { payload }, traceId: null, createdAt: submittedAt });
  const workflow = createFormLeadWorkflow({ connectors, settings: workspace.settings, drafts: null });
  const result = await executeRun({ store, clock: () => submittedAt, sleep: () => Promise.resolve() }, TENANT, 'run-1', workflow);
  return { result, steps: await store.listSteps(TENANT, 'run-1'), connectors };
}

describe('form-lead workflow against the demo workspace', () => {
  it('runs all 13 steps in order for a new prospect and records exactly the expected writes', async () => {
    const { result, steps, connectors } = await runLead('new-prospect');
    assert.equal(result.status, 'succeeded', JSON.stringify(result.error));
    assert.deepEqual(steps.map((s) => s.stepId), [...FORM_LEAD_STEPS]);
    assert.ok(steps.every((s) => s.status === 'succeeded' && s.attempt === 1));

    const drafts = connectors.mail.listDrafts();
    assert.equal(drafts.length, 1, 'one Gmail draft');
    assert.equal(drafts[0]!.to, 'nora.lindqvist@cascadefreight.example');
    assert.equal(drafts[0]!.requestedThreadId, null, 'a new prospect gets a new thread');

    const tasks = connectors.crm.listTasks();
    assert.equal(tasks.length, 1, 'one task');
    const contact = await connectors.crm.findContactByEmail('nora.lindqvist@cascadefreight.example');
    assert.equal(tasks[0]!.contactId, contact!.id, 'the task is associated to the contact');
    // Submitted Tue 2026-11-24; Thu 26 is Thanksgiving, so 2 business days later is Fri 27 at 09:00 New York.
    assert.equal(DateTime.fromISO(tasks[0]!.dueAt).setZone('America/New_York').toISO(), '2026-11-27T09:00:00.000-05:00');

    assert.equal(connectors.crm.listNotes().length, 1, 'one note');
    assert.equal(connectors.crm.listNotes()[0]!.contactId, contact!.id);
    const labels = connectors.log.writes('mail', 'applyLabel');
    assert.equal(labels.length, 1, 'one label applied');
    assert.equal((labels[0]!.input as { threadId: string }).threadId, drafts[0]!.threadId, 'on the draft thread');
    assert.equal(connectors.mail.listSent().length, 0, 'DRAFT_ONLY: nothing sent');
  });

  it('answers an existing contact in their own Gmail thread with the threading headers', async () => {
    const { result, connectors } = await runLead('existing-contact-open-question');
    assert.equal(result.status, 'succeeded', JSON.stringify(result.error));
    const [draft] = connectors.mail.listDrafts();
    assert.ok(draft);
    assert.equal(draft.requestedThreadId, '18c8b1e4a7f05d92');
    assert.equal(draft.threadId, '18c8b1e4a7f05d92', 'Gmail kept it in the thread');
    assert.equal(draft.threadingProblem, null);
    assert.ok(draft.inReplyTo?.startsWith('<'), 'In-Reply-To holds the last Message-ID');
    assert.ok(draft.references.includes(draft.inReplyTo!), 'References include it');
    assert.match(draft.subject, /^Re: /);
    assert.match(draft.body, /SAML/);
    assert.match(draft.body, /Business Associate Agreement/);
    assert.equal(connectors.crm.listTasks()[0]!.contactId, '101');
  });

  it('takes no action for an unsubscribed contact, recording why and writing nothing', async () => {
    const { result, steps, connectors } = await runLead('unsubscribed-contact');
    assert.equal(result.status, 'skipped');
    assert.match(result.run.reason ?? '', /unsubscribed/);
    const acting = steps.slice(-4);
    assert.deepEqual(acting.map((s) => [s.stepId, s.status]), [
      ['write-draft', 'skipped'],
      ['create-gmail-draft', 'skipped'],
      ['log-crm-activity', 'skipped'],
      ['label-thread', 'skipped'],
    ]);
    assert.equal(connectors.mail.listDrafts().length, 0);
    assert.equal(connectors.crm.listTasks().length, 0);
    assert.equal(connectors.crm.listNotes().length, 0);
    assert.equal(connectors.log.writes('mail', 'applyLabel').length, 0);
  });

  it('offers a Berlin prospect times in their zone, with the zone shown', async () => {
    const { result, steps, connectors } = await runLead('different-time-zone');
    assert.equal(result.status, 'succeeded');
    const slots = steps.find((s) => s.stepId === 'propose-slots')!.output as { slots: { label: string; start: string }[]; displayTimeZone: string };
    assert.equal(slots.displayTimeZone, 'Europe/Berlin');
    assert.ok(slots.slots.length >= 2);
    for (const slot of slots.slots) {
      assert.match(slot.label, /CET/);
      assert.ok(connectors.mail.listDrafts()[0]!.body.includes(slot.label), `the draft offers ${slot.label}`);
    }
  });

  it('skips the weekend and the Monday holiday after a Friday-evening lead', async () => {
    const { steps, connectors } = await runLead('friday-evening-before-holiday');
    const slots = steps.find((s) => s.stepId === 'propose-slots')!.output as { slots: { start: string }[] };
    const days = slots.slots.map((s) => DateTime.fromISO(s.start).setZone('America/New_York').toISODate());
    assert.ok(days.every((d) => d! >= '2027-01-19'), `no slot before Tue Jan 19 (MLK Day is Mon 18): ${days.join(', ')}`);
    // Fri 15 evening + 2 business days: Tue 19, Wed 20 at 09:00.
    assert.equal(DateTime.fromISO(connectors.crm.listTasks()[0]!.dueAt).setZone('America/New_York').toISO(), '2027-01-20T09:00:00.000-05:00');
  });

  it('fails the step and the run when a connector call fails, and writes nothing after it', async () => {
    const { result, steps, connectors } = await runLead('new-prospect', (c) =>
      c.faults.failNext('crm', 'createTask', new PermanentError('HubSpot 400 VALIDATION_ERROR: hs_timestamp missing')),
    );
    assert.equal(result.status, 'failed');
    assert.equal(result.error?.code, 'permanent');
    const failed = steps.filter((s) => s.status === 'failed');
    assert.deepEqual(failed.map((s) => s.stepId), ['log-crm-activity']);
    assert.match(failed[0]!.error?.message ?? '', /hs_timestamp/);
    assert.ok(!steps.some((s) => s.stepId === 'label-thread'), 'the run stopped at the failed step');
    assert.equal(connectors.mail.listDrafts().length, 1);
  });

  it('retries a transient failure and still writes one draft', async () => {
    const { result, steps, connectors } = await runLead('new-prospect', (c) =>
      c.faults.failNext('mail', 'createDraft', new TransientError('Gmail 503 backendError'), 2),
    );
    assert.equal(result.status, 'succeeded');
    const attempts = steps.filter((s) => s.stepId === 'create-gmail-draft');
    assert.deepEqual(attempts.map((s) => s.status), ['failed', 'failed', 'succeeded']);
    assert.equal(connectors.mail.listDrafts().length, 1);
  });

  it('fails validation with every problem for a lead that is not one', async () => {
    const workspace = await loadExampleWorkspace();
    const connectors = createDemoConnectors(workspace, { clock: () => '2026-11-24T15:00:00.000Z' });
    const store = createMemoryRunStore();
    await store.createRun({ id: 'r', tenantId: TENANT, workflow: 'form-lead', idempotencyKey: 'k', input: { payload: { email: 'not-an-email', firstname: 'x'.repeat(150) } }, traceId: null, createdAt: '2026-11-24T15:00:00.000Z' });
    const workflow = createFormLeadWorkflow({ connectors, settings: workspace.settings, drafts: null });
    const result = await executeRun({ store, clock: () => '2026-11-24T15:00:00.000Z' }, TENANT, 'r', workflow);
    assert.equal(result.status, 'failed');
    assert.equal(result.error?.code, 'validation');
    assert.match(result.error?.message ?? '', /email: not a valid address/);
    assert.match(result.error?.message ?? '', /firstName/);
    assert.equal(connectors.log.entries.length, 0, 'nothing was written anywhere');
  });
});
