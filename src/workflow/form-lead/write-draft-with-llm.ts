// Step 10 with a model: ask for a draft built from the run's facts, lint it with the same linter as
// the deterministic writer, ask for a repair listing the problems (bounded), and give up with a
// reason when it still fails or the model errs. The caller then falls back to the deterministic writer.
import { lintDraft } from '../../domain/draft/lint-draft.js';
import type { DraftInput } from '../../domain/draft/draft-input.js';
import { buildDraftPrompt, buildRepairPrompt, describeLintProblems, parseDraftReply, requiredSubject } from '../../domain/draft/llm-prompt.js';
import { toAppError } from '../../domain/errors.js';
import type { LlmMessage, LlmPort } from '../../domain/ports/llm.js';
import type { DraftFacts } from '../../domain/results.js';
import type { LlmDraftAttempt, LlmDraftRecord } from './form-lead-steps.js';

/** Repair rounds after the first answer: three asks at most, then the deterministic writer. */
export const DEFAULT_MAX_REPAIRS = 2;
const SETTINGS = { temperature: 0.3, maxTokens: 700 };

export interface LlmDraftOutcome {
  draft: { subject: string; body: string } | null;
  record: LlmDraftRecord;
}

export async function writeDraftWithLlm(
  llm: LlmPort,
  input: DraftInput,
  facts: DraftFacts,
  maxRepairs = DEFAULT_MAX_REPAIRS,
): Promise<LlmDraftOutcome> {
  const record: LlmDraftRecord = { model: null, attempts: [], usage: { promptTokens: 0, completionTokens: 0 }, fallbackReason: null };
  let messages: LlmMessage[] = buildDraftPrompt(input, facts);
  for (let attempt = 1; attempt <= maxRepairs + 1; attempt += 1) {
    const entry: LlmDraftAttempt = { attempt, usage: { promptTokens: 0, completionTokens: 0 }, problems: [], error: null };
    record.attempts.push(entry);
    let content: string;
    try {
      const completion = await llm.complete(messages, SETTINGS);
      content = completion.content;
      record.model = completion.model;
      entry.usage = completion.usage;
      record.usage.promptTokens += completion.usage.promptTokens;
      record.usage.completionTokens += completion.usage.completionTokens;
    } catch (error) {
      // The model is optional: a rate limit, an exhausted quota or a bad key must not hold up the draft.
      const failure = toAppError(error);
      entry.error = { code: failure.code, message: failure.message };
      record.fallbackReason = `the model call failed (${failure.code}): ${failure.message}`;
      return { draft: null, record };
    }
    const checked = check(content, input, facts);
    if (checked.ok) return { draft: checked.draft, record };
    entry.problems = checked.problems;
    messages = buildRepairPrompt(messages, content, checked.problems);
  }
  const last = record.attempts.at(-1)?.problems ?? [];
  record.fallbackReason = `the model's draft still failed after ${record.attempts.length} attempts: ${last.join('; ')}`;
  return { draft: null, record };
}

type Checked = { ok: true; draft: { subject: string; body: string } } | { ok: false; problems: string[] };

function check(content: string, input: DraftInput, facts: DraftFacts): Checked {
  const parsed = parseDraftReply(content);
  if (!parsed.ok) return parsed;
  // A reply keeps the thread's subject whatever the model wrote: Gmail threads only on a match.
  const draft = { subject: requiredSubject(input) ?? parsed.subject, body: parsed.body };
  const lint = lintDraft(draft, input.voice, facts);
  return lint.length === 0 ? { ok: true, draft } : { ok: false, problems: describeLintProblems(lint) };
}
