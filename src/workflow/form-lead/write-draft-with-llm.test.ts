import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createDemoConnectors } from '../../connectors/demo/index.js';
import { loadExampleWorkspace } from '../../connectors/demo/test-workspace.js';
import { QuotaExhaustedError } from '../../domain/errors.js';
import type { LlmCompletion, LlmMessage, LlmPort } from '../../domain/ports/llm.js';
import { createMemoryRunStore } from '../../store/memory-run-store.js';
import { executeRun } from '../engine.js';
import { createFormLeadWorkflow } from './form-lead-workflow.js';
import type { GmailDraftRecord, WrittenDraft } from './form-lead-steps.js';

const GOOD_BODY = [
  'Hi Priya,',
  '',
  'Yes to both: we support SSO over SAML with Okta, and we sign a BAA for HIPAA on the Enterprise plan.',
  '',
  'Would a short call help before your pilot decision?',
  '',
  'Best,',
  'Alex',
].join('\n');
const reply = (body: string, subject = 'Your SSO question'): string => JSON.stringify({ subject, body });

/** A model that answers from a script and records what it was asked. */
function scriptedLlm(answers: (string | Error)[]): LlmPort & { asked: LlmMessage[][] } {
  const asked: LlmMessage[][] = [];
  return {
    asked,
    complete(messages): Promise<LlmCompletion> {
      asked.push(messages);
      const next = answers.shift() ?? new Error('script exhausted');
      if (next instanceof Error) return Promise.reject(next);
      return Promise.resolve({ content: next, model: 'fake-model', usage: { promptTokens: 100, completionTokens: 40 } });
    },
  };
}

async function run(llm: LlmPort) {
  const payload = JSON.parse(readFileSync('examples/leads/existing-contact-open-question.json', 'utf8')) as { submittedAt: string };
  const now = payload.submittedAt;
  const workspace = await loadExampleWorkspace();
  const demo = createDemoConnectors(workspace, { clock: () => now });
  const store = createMemoryRunStore();
  await store.createRun({ id: 'r1', tenantId: 't', workflow: 'form-lead', idempotencyKey: 'k', input: { payload }, traceId: null, createdAt: now });
  const workflow = createFormLeadWorkflow({ connectors: { ...demo, llm }, settings: workspace.settings, drafts: null });
  const result = await executeRun({ store, clock: () => now, sleep: () => Promise.resolve() }, 't', 'r1', workflow);
  const steps = await store.listSteps('t', 'r1');
  const output = <T>(id: string): T => steps.find((s) => s.stepId === id && s.status === 'succeeded')?.output as T;
  return { result, written: output<WrittenDraft>('write-draft'), gmail: output<GmailDraftRecord>('create-gmail-draft'), demo };
}

describe('write-draft with a model', () => {
  it('uses a draft that passes the linter, in the thread, and records the token usage', async () => {
    const llm = scriptedLlm([reply(GOOD_BODY)]);
    const { result, written, demo } = await run(llm);
    assert.equal(result.status, 'succeeded');
    assert.equal(written.writer, 'llm');
    assert.equal(written.draft.body, GOOD_BODY);
    assert.equal(written.draft.subject, 'Re: Forecasting overview and next steps', 'a reply keeps the thread subject');
    assert.deepEqual(written.llm?.usage, { promptTokens: 100, completionTokens: 40 });
    assert.equal(written.llm?.attempts.length, 1);
    assert.equal(written.llm?.fallbackReason, null);
    assert.equal(demo.mail.listDrafts()[0]?.body, GOOD_BODY);
  });

  it('builds the prompt from the run\'s facts: the lead, the thread, the plan, the slots and the asset', async () => {
    const llm = scriptedLlm([reply(GOOD_BODY)]);
    await run(llm);
    const prompt = llm.asked[0]!.map((m) => m.content).join('\n');
    for (const fact of ['Priya', 'Helix Health', 'Forecasting overview and next steps', 'answer-question', 'Wed, Nov 25, 8:00 AM CST', 'https://drive.google.com/file/d/1SeC9wTx4LqN7pZy3KaVe8NbHd2GfJu5G/view', 'Best,', 'synergy']) {
      assert.ok(prompt.includes(fact), `the prompt mentions ${fact}`);
    }
  });

  it('asks for a repair listing the linter\'s problems, and uses the repaired draft', async () => {
    const bad = GOOD_BODY.replace('Yes to both:', 'Yes to both \u2014').replace('Would a short call', 'Can I help? Would a short call');
    const llm = scriptedLlm([reply(bad), reply(GOOD_BODY)]);
    const { written } = await run(llm);
    assert.equal(written.writer, 'llm');
    assert.equal(written.llm?.attempts.length, 2);
    const problems = written.llm?.attempts[0]?.problems ?? [];
    assert.ok(problems.some((p) => p.startsWith('dash')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('cta-count')), problems.join('\n'));
    const repairAsk = llm.asked[1]!;
    assert.equal(repairAsk.at(-2)?.role, 'assistant');
    assert.match(repairAsk.at(-1)?.content ?? '', /dash/);
    assert.deepEqual(written.llm?.usage, { promptTokens: 200, completionTokens: 80 });
  });

  it('falls back to the deterministic writer after three failing answers, saying why', async () => {
    const llm = scriptedLlm(['not json at all', reply('Hi Priya, synergy!'), reply('Hi Priya, synergy!')]);
    const { result, written } = await run(llm);
    assert.equal(result.status, 'succeeded');
    assert.equal(llm.asked.length, 3, 'bounded: one ask and two repairs');
    assert.equal(written.writer, 'deterministic');
    assert.match(written.llm?.fallbackReason ?? '', /still failed after 3 attempts/);
    assert.match(written.draft.body, /^Hi Priya,/);
  });

  it('falls back without pausing the run when the model\'s quota is used up', async () => {
    const { result, written } = await run(scriptedLlm([new QuotaExhaustedError('LLM chat.completions failed: HTTP 429 insufficient_quota')]));
    assert.equal(result.status, 'succeeded');
    assert.equal(written.writer, 'deterministic');
    assert.equal(written.llm?.attempts[0]?.error?.code, 'quota-exhausted');
  });
});
