// What every crash test shares: the lead (a new prospect, so every acting step writes), the demo
// workspace, and the one assertion the acceptance asks for: exactly one draft, task, note and label.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DemoConnectors } from '../../src/connectors/demo/index.js';
import { loadWorkspace } from '../../src/connectors/demo/load-workspace.js';
import type { Workspace } from '../../src/connectors/demo/workspace-schema.js';
import { parseLead } from '../../src/domain/lead/parse-lead.js';
import { getEmailDomain, type Lead } from '../../src/domain/lead.js';
import type { StepRecord } from '../../src/domain/ports/run-store.js';
import { FORM_LEAD_STEPS } from '../../src/workflow/form-lead/form-lead-steps.js';

export const CRASH_LEAD_PATH = 'examples/leads/new-prospect.json';
export const WORKSPACE_PATH = 'examples/demo-workspace.json';
export const TENANT = 'default';

export interface CrashFixture {
  workspace: Workspace;
  lead: Lead;
  payload: unknown;
  /** The business clock: the lead's submission time, as the CLI replays it. */
  now: string;
}

export async function loadCrashFixture(): Promise<CrashFixture> {
  const loaded = await loadWorkspace(WORKSPACE_PATH);
  if (!loaded.ok) throw new Error(`the demo workspace is invalid: ${JSON.stringify(loaded.problems)}`);
  const payload = JSON.parse(readFileSync(CRASH_LEAD_PATH, 'utf8')) as unknown;
  const parsed = parseLead(payload, { mapping: loaded.workspace.settings.fieldMapping });
  if (!parsed.ok) throw new Error(`the crash lead is invalid: ${JSON.stringify(parsed.problems)}`);
  const now = parsed.lead.submittedAt ?? '2026-11-24T15:14:37.000Z';
  return { workspace: loaded.workspace, lead: parsed.lead, payload, now };
}

/** Exactly one Gmail draft, HubSpot task and note, and the label once on the draft's thread. */
export async function assertEffectsOnce(connectors: DemoConnectors, fixture: CrashFixture): Promise<void> {
  const drafts = connectors.mail.listDrafts();
  assert.equal(drafts.length, 1, 'exactly one Gmail draft');
  assert.equal(connectors.crm.listTasks().length, 1, 'exactly one HubSpot task');
  assert.equal(connectors.crm.listNotes().length, 1, 'exactly one HubSpot note');
  const contacts = connectors.crm.listContacts().filter((c) => c.email === fixture.lead.email);
  assert.equal(contacts.length, 1, 'one contact for the lead');
  const domain = getEmailDomain(fixture.lead.email);
  assert.equal(connectors.crm.listCompanies().filter((c) => c.domain === domain).length, 1, "one company for the lead's domain");
  const labelName = fixture.workspace.settings.crm.gmailLabel.toLowerCase();
  const labels = connectors.mail.listLabels().filter((l) => l.name.toLowerCase() === labelName);
  assert.equal(labels.length, 1, 'the label exists once');
  const [draft] = drafts;
  const [label] = labels;
  assert.ok(draft && label);
  const thread = await connectors.mail.getThread(draft.threadId);
  assert.equal(thread.labelIds.filter((id) => id === label.id).length, 1, "the label is on the draft's thread once");
}

/**
 * The resume continued from what was durable when the process died: a step whose success was recorded
 * before the crash (`before`) kept that record and did not run again; the step that was interrupted
 * (`crashedStep`) had no recorded success and ran again; an attempt left `running` was closed as
 * `crashed`. Read-only steps whose checkpoints were still held back in the dead process ran again too
 * (the engine writes checkpoints in batches); every step ends with exactly one success.
 */
export function assertResumedFromDurableState(before: StepRecord[], after: StepRecord[], crashedStep: string): void {
  const succeededBefore = new Set(before.filter((s) => s.status === 'succeeded').map((s) => s.stepId));
  assert.ok(!succeededBefore.has(crashedStep), `${crashedStep}: its checkpoint was lost with the process`);
  for (const id of FORM_LEAD_STEPS) {
    const attempts = after.filter((s) => s.stepId === id);
    assert.equal(attempts.filter((s) => s.status === 'succeeded').length, 1, `${id} succeeded exactly once`);
    if (succeededBefore.has(id)) {
      assert.deepEqual(attempts, before.filter((s) => s.stepId === id), `${id} finished before the crash and was not repeated`);
      continue;
    }
    const interrupted = before.filter((s) => s.stepId === id && s.status === 'running').map((s) => s.attempt);
    assert.deepEqual(
      attempts.map((s) => [s.attempt, s.status, s.error?.code ?? null]),
      [...interrupted.map((attempt) => [attempt, 'failed', 'crashed']), [interrupted.length + 1, 'succeeded', null]],
      `${id}: any interrupted attempt closed as crashed, then one that finished`,
    );
  }
}
