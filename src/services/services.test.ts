import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { DemoConnectors } from '../connectors/demo/index.js';
import { createDemoConnectors } from '../connectors/demo/index.js';
import { loadExampleWorkspace } from '../connectors/demo/test-workspace.js';
import { TransientError } from '../domain/errors.js';
import type { RunJob } from '../domain/ports/job-queue.js';
import { SEND_CONFIRMATION_PHRASE } from '../domain/settings.js';
import { createMemoryQueue } from '../queue/memory-queue.js';
import { createMemoryStores } from '../store/stores.js';
import { createServices } from './create-services.js';

const TENANT = 'default';
const lead = (name: string): { raw: string; payload: unknown } => {
  const raw = readFileSync(`examples/leads/${name}.json`, 'utf8');
  return { raw, payload: JSON.parse(raw) as unknown };
};

async function setup(options: { maxQueueDepth?: number; globalKillSwitch?: boolean; maxRunAttempts?: number } = {}) {
  const workspace = await loadExampleWorkspace();
  const stores = createMemoryStores();
  const jobs: RunJob[] = [];
  const queue = createMemoryQueue();
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = (job, opts) => (jobs.push(job), enqueue(job, opts));
  let connectors: DemoConnectors | null = null;
  const demo = (): DemoConnectors => (connectors ??= createDemoConnectors(workspace, { clock: () => '2026-11-24T15:00:00.000Z' }));
  let ids = 0;
  const built = createServices(
    {
      stores,
      queue,
      connectorsFor: () => demo(),
      initialSettings: () => workspace.settings,
      clock: () => new Date('2026-11-24T15:00:00.000Z'),
      newId: () => `id-${++ids}`,
      globalKillSwitch: options.globalKillSwitch ?? false,
    },
    {
      intake: { maxQueueDepth: options.maxQueueDepth ?? 100, retryAfterMs: 1500 },
      executor: { workerId: 'w1', leaseMs: 30_000, maxRunAttempts: options.maxRunAttempts ?? 2, runRetry: { baseDelayMs: 1000, maxDelayMs: 1000 }, sleep: () => Promise.resolve(), random: () => 0.5 },
      pingDatabase: () => Promise.resolve(),
    },
  );
  return { ...built, stores, jobs, connectors: demo };
}

describe('intake service', () => {
  it('stores a new lead with its raw payload and enqueues its run; a second delivery is a duplicate', async () => {
    const s = await setup();
    const { raw, payload } = lead('new-prospect');
    const first = await s.services.intake.submit({ tenantId: TENANT, route: 'hubspot-forms', rawBody: raw, payload });
    assert.equal(first.kind, 'accepted');
    const runId = first.kind === 'accepted' ? first.runId : '';
    assert.deepEqual(s.jobs, [{ tenantId: TENANT, runId, attempt: 0 }]);
    const submission = await s.stores.intake.findSubmissionForRun(TENANT, runId);
    assert.equal(submission?.rawPayload, raw, 'the raw body is kept verbatim');
    const again = await s.services.intake.submit({ tenantId: TENANT, route: 'hubspot-forms', rawBody: raw, payload });
    assert.deepEqual(again, { kind: 'duplicate', runId });
    assert.equal(s.jobs.length, 1, 'a duplicate is not enqueued again');
    const steps = await s.stores.runStore.listSteps(TENANT, runId);
    assert.equal(steps.length, 0, 'intake does no workflow work');
  });

  it('lists every invalid field, ignores forms off the allowlist, and pushes back when saturated', async () => {
    const s = await setup({ maxQueueDepth: 1 });
    const invalid = await s.services.intake.submit({ tenantId: TENANT, route: 'api', rawBody: '{}', payload: { email: 'nope', firstName: 'x'.repeat(101) } });
    assert.equal(invalid.kind, 'invalid');
    assert.deepEqual(invalid.kind === 'invalid' ? invalid.problems.map((p) => p.field).sort() : [], ['email', 'firstName']);
    const { payload } = lead('new-prospect');
    const offList = { ...(payload as Record<string, unknown>), formId: '00000000-0000-0000-0000-000000000000' };
    const ignored = await s.services.intake.submit({ tenantId: TENANT, route: 'hubspot-forms', rawBody: '', payload: offList });
    assert.deepEqual(ignored, { kind: 'ignored', reason: 'form 00000000-0000-0000-0000-000000000000 is not on the allowlist' });
    await s.services.intake.submit({ tenantId: TENANT, route: 'hubspot-forms', rawBody: '', payload });
    const saturated = await s.services.intake.submit({ tenantId: TENANT, route: 'api', rawBody: '', payload: lead('different-time-zone').payload });
    assert.deepEqual(saturated, { kind: 'saturated', retryAfterMs: 1500 });
  });
});

describe('run executor', () => {
  it('runs a claimed job to the end and records the draft for review', async () => {
    const s = await setup();
    const { raw, payload } = lead('existing-contact-open-question');
    const accepted = await s.services.intake.submit({ tenantId: TENANT, route: 'api', rawBody: raw, payload });
    const runId = accepted.kind === 'accepted' ? accepted.runId : '';
    await s.executor.handle({ tenantId: TENANT, runId, attempt: 0 });
    const detail = await s.services.runs.get(TENANT, runId);
    assert.equal(detail?.run.status, 'succeeded');
    assert.equal(detail?.steps.filter((st) => st.status === 'succeeded').length, 13);
    assert.equal(detail?.draft?.state, 'pending');
    assert.equal(detail?.draft?.threadId, '18c8b1e4a7f05d92');
    assert.ok(detail?.audit.some((e) => e.action === 'step.succeeded'));
  });

  it('schedules a retry for a transient failure, then dead-letters it when attempts run out', async () => {
    const s = await setup({ maxRunAttempts: 2 });
    const second = lead('different-time-zone');
    const acc2 = await s.services.intake.submit({ tenantId: TENANT, route: 'api', rawBody: second.raw, payload: second.payload });
    const run2 = acc2.kind === 'accepted' ? acc2.runId : '';
    s.connectors().faults.failNext('calendar', 'getBusy', new TransientError('Calendar 503 backendError'), 100);
    await s.executor.handle({ tenantId: TENANT, runId: run2, attempt: 0 });
    let listed = await s.stores.runQueries.findRunListItem(TENANT, run2);
    assert.equal(listed?.status, 'pending', 'a retry is scheduled in the database');
    assert.deepEqual(s.jobs.at(-1), { tenantId: TENANT, runId: run2, attempt: 1 }, 'and dispatched as a delayed job');
    // The retry is due in the future; claim it as the queue would once due.
    await s.stores.dispatch.scheduleRetry(TENANT, run2, { dueAt: '2026-11-24T15:00:00.000Z', now: '2026-11-24T15:00:00.000Z', actor: 'test' });
    await s.executor.handle({ tenantId: TENANT, runId: run2, attempt: 1 });
    listed = await s.stores.runQueries.findRunListItem(TENANT, run2);
    assert.equal(listed?.status, 'failed');
    assert.equal(listed?.deadLettered, true, 'retries exhausted: dead-lettered');
    const steps = await s.stores.runStore.listSteps(TENANT, run2);
    assert.equal(steps.filter((st) => st.stepId === 'validate-submission').length, 1, 'the retry resumed at the failed step');
    const groups = await s.services.runs.failures(TENANT);
    assert.equal(groups[0]?.errorCode, 'transient');
    assert.equal(groups[0]?.stepId, 'propose-slots');
  });
});

describe('drafts and modes', () => {
  async function withDraft() {
    const s = await setup();
    const { raw, payload } = lead('new-prospect');
    const accepted = await s.services.intake.submit({ tenantId: TENANT, route: 'api', rawBody: raw, payload });
    const runId = accepted.kind === 'accepted' ? accepted.runId : '';
    await s.executor.handle({ tenantId: TENANT, runId, attempt: 0 });
    const draft = (await s.services.runs.get(TENANT, runId))!.draft!;
    return { s, draft };
  }

  it('approves and refuses to send in DRAFT_ONLY: nothing is sent', async () => {
    const { s, draft } = await withDraft();
    const approved = await s.services.drafts.approve(TENANT, draft.id, 'user:ops');
    assert.equal(approved.ok && approved.draft.state, 'approved');
    const sent = await s.services.drafts.send(TENANT, draft.id, 'user:ops');
    assert.deepEqual(sent.ok ? null : [sent.code, 'check' in sent ? sent.check : null], ['send-refused', 'draft-only-mode']);
    assert.equal(s.connectors().mail.listSent().length, 0, 'the mail fake recorded zero sends');
    assert.equal((await s.services.drafts.get(TENANT, draft.id))?.state, 'approved');
  });

  it('re-lints an edit against the run facts and blocks approval until it is clean', async () => {
    const { s, draft } = await withDraft();
    const broken = await s.services.drafts.edit(TENANT, draft.id, { body: draft.body.replace('Thanks', 'Thanks \u2014 truly') }, 'user:ops');
    assert.ok(broken.ok);
    assert.ok(broken.ok && broken.draft.lint.some((p) => p.rule === 'dash'));
    const refused = await s.services.drafts.approve(TENANT, draft.id, 'user:ops');
    assert.equal(refused.ok, false);
    const fixed = await s.services.drafts.edit(TENANT, draft.id, { body: draft.body }, 'user:ops');
    assert.deepEqual(fixed.ok && fixed.draft.lint, []);
    assert.equal((await s.services.drafts.approve(TENANT, draft.id, 'user:ops')).ok, true);
  });

  it('turns SEND on only with the phrase and never under the kill switch, auditing the change', async () => {
    const { s } = await withDraft();
    const wrong = await s.services.settings.setMode(TENANT, { mode: 'SEND', confirmation: 'yes' }, 'user:admin');
    assert.equal(!wrong.ok && wrong.code, 'validation');
    const on = await s.services.settings.setMode(TENANT, { mode: 'SEND', confirmation: SEND_CONFIRMATION_PHRASE, reason: 'pilot' }, 'user:admin');
    assert.equal(on.ok && on.settings.sending.mode, 'SEND');
    const events = await s.stores.audit.list(TENANT, { limit: 50 });
    const change = events.find((e) => e.action === 'settings.mode-changed');
    assert.deepEqual(change?.details, { from: 'DRAFT_ONLY', to: 'SEND', reason: 'pilot' });
    assert.equal(change?.actor, 'user:admin');

    const killed = await setup({ globalKillSwitch: true });
    const refused = await killed.services.settings.setMode(TENANT, { mode: 'SEND', confirmation: SEND_CONFIRMATION_PHRASE }, 'user:admin');
    assert.equal(!refused.ok && refused.code, 'conflict');
  });

  it('sends an approved draft in SEND mode once, then refuses a second send by the contact cap', async () => {
    const { s, draft } = await withDraft();
    await s.services.settings.setMode(TENANT, { mode: 'SEND', confirmation: SEND_CONFIRMATION_PHRASE }, 'user:admin');
    await s.services.drafts.approve(TENANT, draft.id, 'user:ops');
    const sent = await s.services.drafts.send(TENANT, draft.id, 'user:ops');
    assert.equal(sent.ok && sent.draft.state, 'sent');
    assert.equal(s.connectors().mail.listSent().length, 1);
    const again = await s.services.drafts.send(TENANT, draft.id, 'user:ops');
    assert.equal(!again.ok && 'check' in again && again.check, 'not-approved');
    assert.equal(s.connectors().mail.listSent().length, 1);
  });
});

describe('Webhooks API contact events', () => {
  const event = (objectId: number, eventId: number, type = 'contact.creation') => ({
    eventId,
    subscriptionId: 25,
    portalId: 62515,
    appId: 1160452,
    occurredAt: 1795560000000 + eventId,
    subscriptionType: type,
    attemptNumber: 0,
    objectId,
    changeSource: 'FORM',
  });

  it('starts one run per relevant event, drops repeats and ignores unrelated events', async () => {
    const s = await setup();
    const batch = [event(105, 1), event(105, 1), { ...event(105, 2, 'contact.propertyChange'), propertyName: 'lifecyclestage' }, event(104, 3)];
    const result = await s.services.intake.submitEvents({ tenantId: TENANT, rawBody: JSON.stringify(batch), events: batch });
    assert.equal(result.accepted.length, 2);
    assert.equal(result.ignored, 1, 'a lifecycle change says nothing about a form');
    const again = await s.services.intake.submitEvents({ tenantId: TENANT, rawBody: '', events: [event(105, 1)] });
    assert.deepEqual(again.duplicates, [result.accepted[0]]);
  });

  it('reads the contact latest submission in the first step and runs the workflow on it', async () => {
    const s = await setup();
    const { accepted } = await s.services.intake.submitEvents({ tenantId: TENANT, rawBody: '', events: [event(105, 1)] });
    await s.executor.handle({ tenantId: TENANT, runId: accepted[0]!, attempt: 0 });
    const detail = await s.services.runs.get(TENANT, accepted[0]!);
    const lead = detail?.steps.find((st) => st.stepId === 'validate-submission')?.output as { email: string; source: { submissionId: string } };
    assert.equal(lead.email, 'sam.okafor@bluewater-logistics.example');
    assert.equal(lead.source.submissionId, 'e7a95c3d-1f2b-4a86-9d0c-5b4e3f2a1c98', 'the newest of its submissions');
    assert.notEqual(detail?.run.status, 'failed');
  });

  it('skips a contact with no form submission, and one whose submission already has a run', async () => {
    const s = await setup();
    const { accepted } = await s.services.intake.submitEvents({ tenantId: TENANT, rawBody: '', events: [event(104, 1)] });
    await s.executor.handle({ tenantId: TENANT, runId: accepted[0]!, attempt: 0 });
    const none = await s.services.runs.get(TENANT, accepted[0]!);
    assert.equal(none?.run.status, 'skipped');
    assert.match(none?.run.reason ?? '', /contact 104 has no form submission/);

    const record = (await s.connectors().formSubmissions.findLatestSubmissionForContact('101'))!;
    const payload = { conversionId: record.submissionId, submittedAt: Date.parse(record.submittedAt), formId: record.formId, portalId: '62515', values: Object.entries(record.values).map(([name, value]) => ({ name, value })) };
    const direct = await s.services.intake.submit({ tenantId: TENANT, route: 'hubspot-poll', rawBody: '', payload });
    const viaEvent = await s.services.intake.submitEvents({ tenantId: TENANT, rawBody: '', events: [event(101, 9)] });
    await s.executor.handle({ tenantId: TENANT, runId: viaEvent.accepted[0]!, attempt: 0 });
    const dup = await s.services.runs.get(TENANT, viaEvent.accepted[0]!);
    assert.equal(dup?.run.status, 'skipped');
    assert.match(dup?.run.reason ?? '', new RegExp(`handled by run ${direct.kind === 'accepted' ? direct.runId : 'x'}`));
  });
});
