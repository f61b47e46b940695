// The 13 step ids of the form-lead workflow (DESIGN.md section 2) and the shapes they checkpoint.
// Renaming an id is a versioned change: stored runs refer to these strings.
import type { Lead } from '../../domain/lead.js';
import type { CrmCompany, CrmContact } from '../../domain/ports/crm.js';
import type { DraftContent, DraftFacts, LintProblem, SimilarPattern, ThreadInsight } from '../../domain/results.js';

export const FORM_LEAD_WORKFLOW = 'form-lead';

export const FORM_LEAD_STEPS = [
  'validate-submission',
  'resolve-contact',
  'research-prospect',
  'search-threads',
  'read-thread',
  'recall-similar',
  'find-assets',
  'propose-slots',
  'plan-next-step',
  'write-draft',
  'create-gmail-draft',
  'log-crm-activity',
  'label-thread',
] as const;
export type FormLeadStepId = (typeof FORM_LEAD_STEPS)[number];

/** A Webhooks API contact event: the first step fetches the contact's latest form submission. */
export interface ContactEventInput {
  contactId: string;
  portalId: string | null;
  type: string;
  occurredAt: number | null;
}

/** What a run of this workflow is started with: the payload exactly as it arrived, or a contact event. */
export type FormLeadInput = { payload: unknown; event?: undefined } | { event: ContactEventInput; payload?: undefined };

export interface ResolvedContact {
  contact: CrmContact;
  isNewContact: boolean;
  company: CrmCompany | null;
  companyCreated: boolean;
}

export interface ThreadReading {
  insight: ThreadInsight | null;
}

export interface SimilarOutreach {
  patterns: SimilarPattern[];
  otherCompanyNames: string[];
}

export interface WrittenDraft {
  draft: DraftContent;
  lint: LintProblem[];
  writer: 'deterministic' | 'llm';
  /** What the draft may mention; an operator's edit is linted against the same facts. */
  facts: DraftFacts;
  /** How the model fared when one is configured (absent when none is, and in runs stored before). */
  llm?: LlmDraftRecord;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** One ask of the model: what the linter (or the parser) found, or the call's error. */
export interface LlmDraftAttempt {
  attempt: number;
  usage: TokenUsage;
  problems: string[];
  error: { code: string; message: string } | null;
}

export interface LlmDraftRecord {
  model: string | null;
  attempts: LlmDraftAttempt[];
  /** Summed over the attempts: the run's token usage. */
  usage: TokenUsage;
  /** Why the deterministic writer took over; null when the model's draft was used. */
  fallbackReason: string | null;
}

export interface GmailDraftRecord {
  draftId: string;
  messageId: string;
  threadId: string;
  /** False when a reply was asked for but Gmail filed the draft in a new thread. */
  threaded: boolean;
  reused: boolean;
}

export interface CrmActivity {
  task: { id: string; subject: string; body: string; dueAt: string; contactId: string; priority: string };
  note: { id: string; body: string };
}

export interface LabelRecord {
  label: string;
  labelId: string;
  threadId: string;
}

export type { Lead };
